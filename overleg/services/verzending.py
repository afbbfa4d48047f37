"""Sending a meeting's agenda: never lost, never marked sent before it was.

Order of work, so that an error or a hard stop never leaves a member marked sent without a
sent message:
1. build every message completely (the PDF, the .ics, every paper read from disk); a paper
   missing on disk stops here, before anyone is claimed, and the secretary is told which;
2. per member: claim the Verzending as "bezig" (with the moment) by a conditional update;
3. send; only then mark it "verzonden".
A stop between 2 and 3 leaves "bezig", which a later run takes over once it is stale (at worst
the member gets the mail twice, never not at all). A failed send is recorded on the row with
its reason and attempt count and raised, so the task retries with backoff; after MAX_POGINGEN
the row is "mislukt" and the secretary is told.

A deliberate resend ("Opnieuw versturen") raises the meeting's agenda_versie: each member gets
each version once, with the reason in the mail.
"""

import datetime
import logging
import mimetypes
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from lea.models import AuditSoort, Opdracht
from lea.services import bewaar, melding_email_verstuur, melding_maak, opdracht_plaats
from lea.services.limiet import limiet_gebruik
from lea.toegang import beheerders_van
from overleg.ics import vergadering_ics
from overleg.models import (
    PuntStatus,
    Stuk,
    Vergadering,
    VergaderStatus,
    Verzending,
    VerzendSoort,
    VerzendStatus,
)
from overleg.selectors import agendas_te_versturen
from overleg.services.pdf import vergaderdocument_pdf
from overleg.services.versie import vergaderingen_gewijzigd

logger = logging.getLogger(__name__)

# The task that sends one agenda, queued by name: overleg.tasks calls these services, so they
# do not import it (tasks.py registers the task under this name).
AGENDA_VERSTUUR_TAAK = "overleg.tasks.agenda_verstuur_taak"
# After this many failed attempts a member's mail is given up and the secretary told.
MAX_POGINGEN = 5
# A claim older than this was left by a run that stopped hard (the task's limit is 360 s).
BEZIG_VERLOOPT = datetime.timedelta(minutes=15)


class StukOntbreekt(Exception):
    """A paper of the meeting is not on disk."""

    def __init__(self, stuk: Stuk) -> None:
        super().__init__(stuk.bestand.name)
        self.stuk = stuk


# --- telling the secretary ---------------------------------------------------------------------


def voorbereiders(vergadering: Vergadering) -> list[Any]:
    """Who prepares this body's meetings: its secretary, else the agenda's beheerders."""
    secretaris = vergadering.orgaan.secretaris
    if secretaris is not None and secretaris.gebruiker is not None:
        return [secretaris.gebruiker]
    return list(beheerders_van(vergadering.agenda))


def _vertel_secretaris(vergadering: Vergadering, *, sleutel: str, titel: str, tekst: str) -> None:
    """A notification in the app (once per key); the e-mail copy is best effort, as the mail
    server may be the very thing that fails."""
    url = reverse("vergadering_detail", args=[vergadering.agenda.slug, vergadering.pk])
    for gebruiker in voorbereiders(vergadering):
        melding = melding_maak(
            gebruiker=gebruiker,
            agenda=vergadering.agenda,
            sleutel=sleutel,
            titel=titel,
            tekst=tekst,
            url=url,
        )
        try:
            melding_email_verstuur(melding=melding, basis_url=settings.LEA_BASIS_URL)
        except Exception:
            logger.warning("melding %s niet per e-mail verstuurd", melding.pk, exc_info=True)


# --- building the messages ---------------------------------------------------------------------


def _bijlagen(vergadering: Vergadering) -> list[tuple[str, bytes, str]]:
    """The agenda PDF, the invitation and every paper, read now; StukOntbreekt if one is gone."""
    bijlagen = [
        (
            f"agenda-{vergadering.pk}.pdf",
            vergaderdocument_pdf(vergadering=vergadering, soort="agenda"),
            "application/pdf",
        ),
        (f"vergadering-{vergadering.pk}.ics", vergadering_ics(vergadering), "text/calendar"),
    ]
    for stuk in vergadering.stukken.all():
        naam = stuk.bestand.name or ""
        try:
            with stuk.bestand.storage.open(naam, "rb") as bestand:
                inhoud = bestand.read()
        except FileNotFoundError:
            raise StukOntbreekt(stuk) from None
        bestandsnaam = PurePosixPath(naam).name
        soort = mimetypes.guess_type(bestandsnaam)[0] or "application/octet-stream"
        bijlagen.append((bestandsnaam, inhoud, soort))
    return bijlagen


def _agenda_bericht(
    vergadering: Vergadering, adres: str, bijlagen: list[tuple[str, bytes, str]]
) -> EmailMessage:
    datum = f"{timezone.localtime(vergadering.begin):%d-%m-%Y %H:%M}"
    gewijzigd = vergadering.agenda_versie > 1
    kop = (
        f"De agenda is gewijzigd en opnieuw verstuurd. Reden: {vergadering.agenda_reden}\n\n"
        if gewijzigd
        else ""
    )
    bericht = EmailMessage(
        subject=f"[LEA] {'Gewijzigde agenda' if gewijzigd else 'Agenda'} {vergadering.orgaan} "
        f"{datum}",
        body=f"{kop}Bijgaand de agenda voor de vergadering van {vergadering.orgaan} op {datum}"
        f"{' in ' + vergadering.locatie if vergadering.locatie else ''}.\n\n"
        f"{settings.LEA_BASIS_URL}"
        f"{reverse('vergadering_detail', args=[vergadering.agenda.slug, vergadering.pk])}",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[adres],
    )
    for naam, inhoud, soort in bijlagen:
        bericht.attach(naam, inhoud, soort)
    return bericht


# --- claiming and sending ----------------------------------------------------------------------


def _claim(verzending: Verzending, nu: datetime.datetime) -> bool:
    """Take this member's mail: waiting, or left "bezig" by a run that stopped hard."""
    return (
        Verzending.objects.filter(pk=verzending.pk)
        .filter(
            Q(status=VerzendStatus.WACHT)
            | Q(status=VerzendStatus.BEZIG, bezig_sinds__lt=nu - BEZIG_VERLOOPT)
        )
        .update(status=VerzendStatus.BEZIG, bezig_sinds=nu, pogingen=F("pogingen") + 1)
        == 1
    )


def _mislukt(vergadering: Vergadering, verzending: Verzending, fout: Exception) -> bool:
    """Record a failed send; True when it is given up (and the secretary told)."""
    verzending.refresh_from_db(fields=["pogingen"])
    opgegeven = verzending.pogingen >= MAX_POGINGEN
    reden = f"{type(fout).__name__}: {fout}"[:2000]
    Verzending.objects.filter(pk=verzending.pk).update(
        status=VerzendStatus.MISLUKT if opgegeven else VerzendStatus.WACHT,
        bezig_sinds=None,
        laatste_fout=reden,
    )
    vergaderingen_gewijzigd([vergadering.pk])
    logger.warning(
        "agenda %s aan %s mislukt (%s): %s",
        vergadering.pk,
        verzending.email,
        verzending.pogingen,
        reden,
    )
    if opgegeven:
        _vertel_secretaris(
            vergadering,
            sleutel=f"agenda-mislukt:{verzending.pk}",
            titel=f"Agenda niet bezorgd bij {verzending.email}",
            tekst=f"Na {verzending.pogingen} pogingen is de agenda van {vergadering} niet "
            f"verstuurd aan {verzending.email}. Reden: {reden}. Controleer het adres of stuur "
            "de agenda zelf door.",
        )
    return opgegeven


def vergadering_status_naar(vergadering_id: int, van: list[str], naar: str) -> None:
    """Change a meeting's status if it is still one of `van`, with a history record."""
    if Vergadering.objects.filter(pk=vergadering_id, status__in=van).update(status=naar):
        Vergadering.objects.get(pk=vergadering_id).save(update_fields=["status"])


def _niet_verstuurd(vergadering: Vergadering, fout: str) -> None:
    Vergadering.objects.filter(pk=vergadering.pk).update(agenda_fout=fout)
    vergaderingen_gewijzigd([vergadering.pk])


def agenda_verstuur(*, vergadering_id: int, nu: datetime.datetime | None = None) -> int:
    """Send the agenda (PDF), an .ics invitation and the papers to every member with an e-mail
    address, each once per version. Returns how many were sent in this run."""
    vergadering = (
        Vergadering.objects.select_related("orgaan__agenda", "orgaan__secretaris__gebruiker")
        .filter(pk=vergadering_id)
        .first()
    )
    if vergadering is None:
        return 0
    if vergadering.status == VergaderStatus.GEANNULEERD:
        logger.info("agenda %s niet verstuurd: de vergadering is geannuleerd", vergadering.pk)
        return 0
    leden = (
        vergadering.orgaan.leden.filter(gearchiveerd=False)
        .select_related("persoon")
        .exclude(persoon__email="")
    )
    adressen = sorted({lid.persoon.email for lid in leden})
    if not adressen:
        _niet_verstuurd(vergadering, "Geen van de leden heeft een e-mailadres.")
        return 0
    try:
        bijlagen = _bijlagen(vergadering)
    except StukOntbreekt as fout:
        tekst = (
            f"Het stuk ‘{fout.stuk.titel}’ ({PurePosixPath(fout.stuk.bestand.name or '').name}) "
            "ontbreekt op de server. Voeg het stuk opnieuw toe; de agenda is aan niemand verstuurd."
        )
        _niet_verstuurd(vergadering, tekst)
        _vertel_secretaris(
            vergadering,
            sleutel=f"agenda-stuk:{vergadering.pk}:{vergadering.agenda_versie}:{fout.stuk.pk}",
            titel=f"Agenda niet verstuurd: stuk ‘{fout.stuk.titel}’ ontbreekt",
            tekst=tekst,
        )
        return 0
    berichten = {adres: _agenda_bericht(vergadering, adres, bijlagen) for adres in adressen}

    versie = vergadering.agenda_versie
    verzonden = 0
    for adres, bericht in berichten.items():
        verzending, _ = Verzending.objects.get_or_create(
            vergadering=vergadering, soort=VerzendSoort.AGENDA, versie=versie, email=adres
        )
        if not _claim(verzending, nu or timezone.now()):
            continue  # sent, given up, or being sent by another run
        try:
            bericht.send()
        except Exception as fout:
            if _mislukt(vergadering, verzending, fout):
                continue
            raise  # the task retries with backoff; what was sent stays sent
        Verzending.objects.filter(pk=verzending.pk).update(
            status=VerzendStatus.VERZONDEN,
            verzonden_op=timezone.now(),
            bezig_sinds=None,
            laatste_fout="",
        )
        vergaderingen_gewijzigd([vergadering.pk])
        verzonden += 1

    open_ = Verzending.objects.filter(
        vergadering=vergadering,
        soort=VerzendSoort.AGENDA,
        versie=versie,
        email__in=adressen,
        status__in=[VerzendStatus.WACHT, VerzendStatus.BEZIG],
    )
    if not open_.exists():
        Vergadering.objects.filter(pk=vergadering.pk, agenda_verstuurd_op__isnull=True).update(
            agenda_verstuurd_op=timezone.now(), agenda_fout=""
        )
        vergaderingen_gewijzigd([vergadering.pk])
        vergadering_status_naar(
            vergadering.pk, [VergaderStatus.CONCEPT], VergaderStatus.AGENDA_VERZONDEN
        )
    logger.info("agenda %s (versie %s) verstuurd aan %s leden", vergadering.pk, versie, verzonden)
    return verzonden


# --- the secretary's requests and the daily run ------------------------------------------------


def _tel(vergadering: Vergadering, door: Any, wat: str) -> None:
    """Count a mailing to all members against the user's hourly limit (LEA_LIMIET_VERZENDINGEN);
    the daily run (no user) is not limited."""
    if door is None or not door.is_authenticated:
        return
    limiet_gebruik(
        soort=AuditSoort.VERZENDING,
        gebruiker=door,
        maximum=settings.LEA_LIMIET_VERZENDINGEN,
        wat="een agenda verstuurd",
        agenda=vergadering.orgaan.agenda,
        omschrijving=f"{wat}: {vergadering}",
    )


def _in_wachtrij(vergadering: Vergadering) -> Opdracht:
    """Queue the sending of one agenda in the caller's transaction (the durable outbox)."""
    return opdracht_plaats(
        taak=AGENDA_VERSTUUR_TAAK,
        argumenten=[vergadering.pk],
        agenda=vergadering.orgaan.agenda,
        omschrijving=f"Agenda versturen: {vergadering}",
    )


def _verstuurbaar(vergadering: Vergadering) -> Vergadering:
    """The meeting, locked against a concurrent request, if its agenda can be sent at all."""
    vast = Vergadering.objects.select_for_update().select_related("orgaan__agenda")
    vergadering = vast.get(pk=vergadering.pk)
    if vergadering.status == VergaderStatus.GEANNULEERD:
        raise ValidationError("Deze vergadering is geannuleerd: de agenda wordt niet verstuurd.")
    if not vergadering.punten.filter(status=PuntStatus.GEACCEPTEERD).exists():
        raise ValidationError("Zet eerst punten op de agenda.")
    return vergadering


@transaction.atomic
def agenda_verstuur_vraag(*, vergadering: Vergadering, door: Any = None) -> Opdracht:
    """The secretary's "Agenda versturen": recorded on the meeting (so the daily run retries
    it), and queued through the outbox in the same transaction."""
    vergadering = _verstuurbaar(vergadering)
    if vergadering.agenda_verstuurd_op is not None:
        raise ValidationError(
            f"De agenda is al verstuurd op "
            f"{timezone.localtime(vergadering.agenda_verstuurd_op):%d-%m-%Y %H:%M}. Is de agenda "
            "gewijzigd? Kies dan ‘Opnieuw versturen’ en geef de reden."
        )
    _tel(vergadering, door, "Agenda versturen")
    Vergadering.objects.filter(pk=vergadering.pk).update(
        agenda_gevraagd_op=timezone.now(), agenda_fout=""
    )
    vergaderingen_gewijzigd([vergadering.pk])
    return _in_wachtrij(vergadering)


@transaction.atomic
def agenda_opnieuw_verstuur_vraag(*, vergadering: Vergadering, reden: str, door: Any) -> Opdracht:
    """Send a changed agenda again, deliberately: a new version, each member gets it once, with
    the reason in the mail. Recorded in the meeting's history."""
    vergadering = _verstuurbaar(vergadering)
    reden = reden.strip()
    if not reden:
        raise ValidationError(
            "Geef de reden waarom de agenda opnieuw wordt verstuurd; die komt in de e-mail."
        )
    if vergadering.agenda_verstuurd_op is None:
        raise ValidationError(
            "De agenda is nog niet (helemaal) verstuurd; opnieuw versturen kan daarna."
        )
    _tel(vergadering, door, "Opnieuw versturen")
    vergadering.agenda_versie += 1
    vergadering.agenda_reden = reden[:2000]
    bewaar(vergadering, door=door)
    Vergadering.objects.filter(pk=vergadering.pk).update(
        agenda_verstuurd_op=None, agenda_gevraagd_op=timezone.now(), agenda_fout=""
    )
    vergaderingen_gewijzigd([vergadering.pk])
    return _in_wachtrij(vergadering)


@transaction.atomic
def agendas_klaarzetten(*, nu: datetime.datetime) -> list[int]:
    """Queue the agendas that are due; each is sent by its own (retryable) task."""
    due = agendas_te_versturen(nu=nu)
    for vergadering in Vergadering.objects.filter(pk__in=due).select_related("orgaan__agenda"):
        _in_wachtrij(vergadering)
    logger.info("agenda's te versturen: %s", due)
    return due
