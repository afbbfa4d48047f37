"""Writes of the reports and the yearly account: a new version of a report and making it,
failing the ones that wait too long, the January drafts, the reminders until the account is
adopted, and the account's status."""

import datetime
import io
import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from lea.models import Agenda, Opdracht
from lea.services import bewaar, melding_email_verstuur, melding_maak, opdracht_plaats
from lea.services.versie import na_commit_gewijzigd
from monitoring.models import (
    Rapport,
    RapportSoort,
    RapportStatus,
    Verantwoording,
    VerantwoordingStatus,
)
from monitoring.models.rapporten import RAPPORT_TERMIJN, stand_per_van
from monitoring.pdf import MAKERS
from overleg.services.cyclus import beheerders_per_agenda

logger = logging.getLogger(__name__)

# The task that makes one report (monitoring.tasks), named here so this module need not import
# the tasks module, which imports it.
RAPPORT_MAAK_TAAK = "monitoring.tasks.rapport_maak_taak"

_MINUTEN = int(RAPPORT_TERMIJN.total_seconds() // 60)
TE_LANG_IN_WACHTRIJ = (
    f"Het rapport wachtte na {_MINUTEN} minuten nog op de wachtrij en is niet gemaakt. "
    "Probeer het opnieuw; blijft het mislukken, neem dan contact op met de beheerder."
)
TE_LANG_BEZIG = (
    f"Het maken van het rapport was na {_MINUTEN} minuten niet klaar. Probeer het opnieuw; "
    "blijft het mislukken, neem dan contact op met de beheerder."
)


def verantwoording_zorg(*, agenda: Agenda, jaar: int, door: Any = None) -> Verantwoording:
    """The status record of the year's account, made (as a concept) when it does not exist."""
    bestaand = Verantwoording.objects.filter(agenda=agenda, jaar=jaar).first()
    if bestaand is not None:
        return bestaand
    try:
        with transaction.atomic():
            return bewaar(Verantwoording(agenda=agenda, jaar=jaar), door=door)
    except (IntegrityError, ValidationError):  # made at the same moment by another process
        return Verantwoording.objects.get(agenda=agenda, jaar=jaar)


@transaction.atomic
def rapport_versie_nieuw(*, agenda: Agenda, soort: str, jaar: int, door: Any) -> Rapport:
    """A new version of a report, waiting to be made; earlier versions stay as they are.

    Making the jaarverantwoording also makes the year's status record, so the beheerder can
    record its adoption at once.
    """
    # One version number at a time per agenda (the unique constraint is the last guard).
    Agenda.objects.select_for_update().filter(pk=agenda.pk).first()
    hoogste = Rapport.objects.filter(agenda=agenda, soort=soort, jaar=jaar).aggregate(
        n=Max("versie")
    )["n"]
    rapport = Rapport(
        agenda=agenda,
        soort=RapportSoort(soort),
        jaar=jaar,
        versie=(hoogste or 0) + 1,
        gemaakt_door=door if getattr(door, "pk", None) else None,
    )
    bewaar(rapport, door=rapport.gemaakt_door)
    if soort == RapportSoort.JAARVERANTWOORDING:
        verantwoording_zorg(agenda=agenda, jaar=jaar, door=rapport.gemaakt_door)
    return rapport


def rapport_plaats(rapport: Rapport) -> Opdracht:
    """Queue the making of a report (an outbox row in the caller's transaction)."""
    return opdracht_plaats(
        taak=RAPPORT_MAAK_TAAK,
        argumenten=[rapport.pk],
        agenda=rapport.agenda,
        omschrijving=f"{rapport.get_soort_display()} {rapport.jaar} (versie {rapport.versie})",
    )


# Not atomic on purpose: the claim must be committed before the (minutes-long) rendering, so a
# second delivery of the task sees it and does nothing.
def rapport_maak(*, rapport_id: int) -> bool:
    """Make the PDF of a requested report. Claimed first, so a duplicate delivery does nothing.

    The file is written once, under its version's own name, and never replaced. A failure is
    recorded with a Dutch message (the page offers "Opnieuw proberen").
    """
    geclaimd = Rapport.objects.filter(
        pk=rapport_id, status__in=[RapportStatus.WACHT, RapportStatus.MISLUKT], bestand=""
    ).update(status=RapportStatus.BEZIG, status_sinds=timezone.now(), fout="")
    if geclaimd != 1:
        return False
    rapport = Rapport.objects.select_related("agenda", "gemaakt_door").get(pk=rapport_id)
    na_commit_gewijzigd([rapport.agenda_id])  # the claim above is an UPDATE, without a signal
    stand_per = stand_per_van(rapport.jaar)
    try:
        if rapport.soort == RapportSoort.JAARVERANTWOORDING:
            verantwoording_zorg(agenda=rapport.agenda, jaar=rapport.jaar, door=rapport.gemaakt_door)
        pdf = MAKERS[rapport.soort](rapport.agenda, rapport.jaar, rapport.gemaakt_door)
    except Exception as fout:
        logger.exception("rapport %s mislukt", rapport_id)
        Rapport.objects.filter(pk=rapport_id).update(
            status=RapportStatus.MISLUKT,
            status_sinds=timezone.now(),
            fout=f"Het rapport kon niet worden gemaakt ({type(fout).__name__}). Probeer het "
            "opnieuw; blijft het mislukken, neem dan contact op met de beheerder.",
        )
        na_commit_gewijzigd([rapport.agenda_id])
        return False
    from pypdf import PdfReader

    rapport.bestand.save(rapport.bestandsnaam, ContentFile(pdf), save=False)
    rapport.paginas = len(PdfReader(io.BytesIO(pdf)).pages)
    rapport.stand_per = stand_per
    rapport.status, rapport.klaar_op = RapportStatus.KLAAR, timezone.now()
    rapport.status_sinds = rapport.klaar_op
    rapport._history_user = rapport.gemaakt_door  # type: ignore[attr-defined]
    rapport.save(
        update_fields=["bestand", "paginas", "stand_per", "status", "status_sinds", "klaar_op"]
    )
    logger.info("rapport %s klaar: %s pagina's", rapport_id, rapport.paginas)
    return True


def rapport_maak_nu(*, agenda: Agenda, soort: str, jaar: int, door: Any = None) -> Rapport:
    """Make a new version at once, without the queue (the `rapport` command); kept like any."""
    rapport = rapport_versie_nieuw(agenda=agenda, soort=soort, jaar=jaar, door=door)
    rapport_maak(rapport_id=rapport.pk)
    rapport.refresh_from_db()
    return rapport


def rapporten_verlopen_markeer(
    *, agenda: Agenda | None = None, nu: datetime.datetime | None = None
) -> int:
    """Fail the reports that waited for the queue, or were in the making, past RAPPORT_TERMIJN.

    Run by beat and by the reports page; the page then offers "Opnieuw proberen". How many.
    """
    nu = nu or timezone.now()
    verlopen = Rapport.objects.filter(status_sinds__lt=nu - RAPPORT_TERMIJN)
    if agenda is not None:
        verlopen = verlopen.filter(agenda=agenda)
    gemarkeerd = 0
    for status, fout in (
        (RapportStatus.WACHT, TE_LANG_IN_WACHTRIJ),
        (RapportStatus.BEZIG, TE_LANG_BEZIG),
    ):
        te_lang = verlopen.filter(status=status)
        agendas = set(te_lang.values_list("agenda_id", flat=True))
        gemarkeerd += te_lang.update(status=RapportStatus.MISLUKT, status_sinds=nu, fout=fout)
        na_commit_gewijzigd(agendas)
    if gemarkeerd:
        logger.warning("%s rapport(en) te lang onderweg: mislukt", gemarkeerd)
    return gemarkeerd


def _meld_beheerders(
    agenda: Agenda, beheerders: list[Any], *, sleutel: str, titel: str, tekst: str
) -> int:
    """Notify the agenda's beheerders (in the app and once by e-mail); how many mails went."""
    verstuurd = 0
    for gebruiker in beheerders:
        melding = melding_maak(
            gebruiker=gebruiker,
            agenda=agenda,
            sleutel=sleutel,
            titel=titel,
            tekst=tekst,
            url=reverse("rapporten", args=[agenda.slug]),
        )
        verstuurd += melding_email_verstuur(melding=melding, basis_url=settings.LEA_BASIS_URL)
    return verstuurd


def _te_maken(agenda: Agenda, soort: str, jaar: int, versies: list[Rapport]) -> Rapport | None:
    """The January draft of one report that still has to be made, claimed; None if none.

    A version only where none exists yet: a report someone made (or a second beat) is never
    replaced. An automatic draft that failed is claimed back to waiting and queued again."""
    if not versies:
        return rapport_versie_nieuw(agenda=agenda, soort=soort, jaar=jaar, door=None)
    automatisch = [r for r in versies if r.gemaakt_door_id is None]
    if not automatisch:
        return None
    laatste = max(automatisch, key=lambda r: r.versie)
    opnieuw = Rapport.objects.filter(pk=laatste.pk, status=RapportStatus.MISLUKT).update(
        status=RapportStatus.WACHT, status_sinds=timezone.now(), fout=""
    )
    if opnieuw:
        na_commit_gewijzigd([laatste.agenda_id])
    return laatste if opnieuw else None


# Not atomic as a whole: each report and its outbox row commit together, so a beat that fires
# twice, or a retry after a failure halfway, finds the rows of the first run and queues nothing
# twice. The making itself is one task per report (RAPPORT_MAAK_TAAK), each with its own time
# limit and memory, instead of one task for every agenda in turn.
def jaarrapporten_maak(*, op: datetime.date | None = None) -> int:
    """First week of January: queue the draft jaarverslag and jaarverantwoording of the
    previous year, one task per report, for every agenda whose period covers that year; its
    beheerders are notified once. Returns the number of reports queued."""
    jaar = (op or timezone.localdate()).year - 1
    soorten = (RapportSoort.JAARVERSLAG, RapportSoort.JAARVERANTWOORDING)
    agendas = list(
        Agenda.objects.filter(periode_start__year__lte=jaar, periode_eind__year__gte=jaar)
    )
    versies: dict[tuple[int, str], list[Rapport]] = {}
    for versie in Rapport.objects.filter(agenda__in=agendas, soort__in=soorten, jaar=jaar):
        versies.setdefault((versie.agenda_id, versie.soort), []).append(versie)
    met_verantwoording = set(
        Verantwoording.objects.filter(agenda__in=agendas, jaar=jaar).values_list(
            "agenda_id", flat=True
        )
    )
    beheerders = beheerders_per_agenda(a.pk for a in agendas)
    geplaatst = 0
    for agenda in agendas:
        for soort in soorten:
            with transaction.atomic():
                rapport = _te_maken(agenda, soort, jaar, versies.get((agenda.pk, soort), []))
                if rapport is not None:
                    rapport_plaats(rapport)
                    geplaatst += 1
        if agenda.pk not in met_verantwoording:
            verantwoording_zorg(agenda=agenda, jaar=jaar)
        _meld_beheerders(
            agenda,
            beheerders.get(agenda.pk, []),
            sleutel=f"jaarrapporten:{jaar}",
            titel=f"Concept jaarverslag en jaarverantwoording {jaar} staan klaar",
            tekst=f"Laat de jaarverantwoording {jaar} vóór 1 april {jaar + 1} door het "
            "college vaststellen en verstuur haar aan de Onderwijsinspectie.",
        )
    logger.info("jaarrapporten %s: %s in de wachtrij gezet", jaar, geplaatst)
    return geplaatst


def verantwoording_herinner(*, op: datetime.date | None = None) -> int:
    """Weekly before 1 April: remind the beheerders while last year's account is a concept.

    One notification per agenda per week (the key holds the week); returns the mails sent.
    """
    vandaag = op or timezone.localdate()
    if vandaag.month > 3:
        return 0
    jaar, week = vandaag.year - 1, vandaag.isocalendar().week
    concepten = list(
        Verantwoording.objects.filter(
            jaar=jaar, status=VerantwoordingStatus.CONCEPT
        ).select_related("agenda")
    )
    beheerders = beheerders_per_agenda(v.agenda_id for v in concepten)
    herinnerd = 0
    for verantwoording in concepten:
        herinnerd += _meld_beheerders(
            verantwoording.agenda,
            beheerders.get(verantwoording.agenda_id, []),
            sleutel=f"verantwoording:{jaar}:week{week}",
            titel=f"Jaarverantwoording {jaar} is nog niet vastgesteld",
            tekst=f"De jaarverantwoording LEA en VVE over {jaar} moet vóór 1 april "
            f"{jaar + 1} bij de Onderwijsinspectie zijn.",
        )
    return herinnerd


@transaction.atomic
def verantwoording_wijzig(
    *,
    verantwoording: Verantwoording,
    status: str,
    vastgesteld_op: datetime.date | None,
    verzonden_op: datetime.date | None,
    kenmerk: str = "",
    door: Any = None,
) -> Verantwoording:
    """Record where the yearly account stands: concept, adopted by the college (date and the
    decision's reference), or sent (date). Checked by Verantwoording.clean; kept in history."""
    verantwoording.status = VerantwoordingStatus(status)
    verantwoording.vastgesteld_op = vastgesteld_op
    verantwoording.kenmerk = kenmerk.strip()
    verantwoording.verzonden_op = verzonden_op
    bewaar(verantwoording, door=door)
    return verantwoording
