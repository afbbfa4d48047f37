"""Writes of the reports and the yearly account: making a report, the January drafts, the
reminders until the account is adopted, and the account's status."""

import datetime
import io
import logging
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from lea.models import Agenda
from lea.services import bewaar, melding_email_verstuur, melding_maak
from lea.toegang import beheerders_van
from monitoring.models import (
    Rapport,
    RapportSoort,
    RapportStatus,
    Verantwoording,
    VerantwoordingStatus,
)
from monitoring.pdf import MAKERS

logger = logging.getLogger(__name__)


# Not atomic on purpose: the claim must be committed before the (minutes-long) rendering, so a
# second delivery of the task sees it and does nothing.
def rapport_maak(*, rapport_id: int) -> bool:
    """Make the PDF of a requested report. Claimed first, so a duplicate delivery does nothing.

    A failure is recorded with a Dutch message (the page offers "Opnieuw proberen").
    """
    geclaimd = Rapport.objects.filter(
        pk=rapport_id, status__in=[RapportStatus.WACHT, RapportStatus.MISLUKT]
    ).update(status=RapportStatus.BEZIG, fout="")
    if geclaimd != 1:
        return False
    rapport = Rapport.objects.select_related("agenda", "gemaakt_door").get(pk=rapport_id)
    try:
        pdf = MAKERS[rapport.soort](rapport.agenda, rapport.jaar, rapport.gemaakt_door)
    except Exception as fout:
        logger.exception("rapport %s mislukt", rapport_id)
        Rapport.objects.filter(pk=rapport_id).update(
            status=RapportStatus.MISLUKT,
            fout=f"Het rapport kon niet worden gemaakt ({type(fout).__name__}). Probeer het "
            "opnieuw; blijft het mislukken, neem dan contact op met de beheerder.",
        )
        return False
    from pypdf import PdfReader

    rapport.bestand.save(rapport.bestandsnaam, ContentFile(pdf), save=False)
    rapport.paginas = len(PdfReader(io.BytesIO(pdf)).pages)
    rapport.status, rapport.klaar_op = RapportStatus.KLAAR, timezone.now()
    rapport.save(update_fields=["bestand", "paginas", "status", "klaar_op"])
    logger.info("rapport %s klaar: %s pagina's", rapport_id, rapport.paginas)
    return True


def _meld_beheerders(agenda: Agenda, *, sleutel: str, titel: str, tekst: str) -> int:
    """Notify the agenda's beheerders (in the app and once by e-mail); how many mails went."""
    verstuurd = 0
    for gebruiker in beheerders_van(agenda):
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


# Not atomic: each report is claimed and committed on its own (see rapport_maak), and a beat
# that fires twice finds the rows and notifications of the first run.
def jaarrapporten_maak(*, op: datetime.date | None = None) -> int:
    """First week of January: draft jaarverslag and jaarverantwoording of the previous year.

    For every agenda whose period covers that year; its beheerders are notified once.
    """
    jaar = (op or timezone.localdate()).year - 1
    gemaakt = 0
    for agenda in Agenda.objects.filter(
        periode_start__year__lte=jaar, periode_eind__year__gte=jaar
    ):
        for soort in (RapportSoort.JAARVERSLAG, RapportSoort.JAARVERANTWOORDING):
            rapport, nieuw = Rapport.objects.get_or_create(
                agenda=agenda, soort=soort, jaar=jaar, gemaakt_door=None
            )
            if nieuw or rapport.status != RapportStatus.KLAAR:
                rapport_maak(rapport_id=rapport.pk)
                gemaakt += 1
        Verantwoording.objects.get_or_create(agenda=agenda, jaar=jaar)
        _meld_beheerders(
            agenda,
            sleutel=f"jaarrapporten:{jaar}",
            titel=f"Concept jaarverslag en jaarverantwoording {jaar} staan klaar",
            tekst=f"Laat de jaarverantwoording {jaar} vóór 1 april {jaar + 1} door het "
            "college vaststellen en verstuur haar aan de Onderwijsinspectie.",
        )
    logger.info("jaarrapporten %s: %s gemaakt", jaar, gemaakt)
    return gemaakt


def verantwoording_herinner(*, op: datetime.date | None = None) -> int:
    """Weekly before 1 April: remind the beheerders while last year's account is a concept.

    One notification per agenda per week (the key holds the week); returns the mails sent.
    """
    vandaag = op or timezone.localdate()
    if vandaag.month > 3:
        return 0
    jaar, week = vandaag.year - 1, vandaag.isocalendar().week
    herinnerd = 0
    for verantwoording in Verantwoording.objects.filter(
        jaar=jaar, status=VerantwoordingStatus.CONCEPT
    ).select_related("agenda"):
        herinnerd += _meld_beheerders(
            verantwoording.agenda,
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
    door: Any = None,
) -> Verantwoording:
    """Record where the yearly account stands: concept, adopted by the college, or sent."""
    verantwoording.status = VerantwoordingStatus(status)
    verantwoording.vastgesteld_op = vastgesteld_op
    verantwoording.verzonden_op = verzonden_op
    bewaar(verantwoording, door=door)
    return verantwoording
