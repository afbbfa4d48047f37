"""The meeting cycle: the planner, progress requests, the agenda mailing, the follow-up after
a meeting and the coverage signal. Each is safe to run twice and to retry.

Work is claimed before it is done: per recipient by a unique row (Verzending, Melding) whose
`verzonden_op` is set by a conditional update, so a retry after a failure sends only what was
not sent yet, and a second run sends nothing. A planned meeting has a place (year, number)
that is never filled twice.
"""

import datetime
import logging
import math
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from celery import signature
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from lea.models import Agenda
from lea.services import melding_email_verstuur, melding_maak
from lea.toegang import beheerders_van
from overleg.ics import vergadering_ics
from overleg.models import (
    Actiepunt,
    ActiepuntStatus,
    Agendapunt,
    Overlegorgaan,
    PuntSoort,
    PuntStatus,
    Soort,
    Vergadering,
    VergaderStatus,
    Verzending,
    VerzendSoort,
)
from overleg.pdf import agenda_pdf
from overleg.selectors import agendas_te_versturen, te_signaleren_onderwerpen
from werkgroepen.models import Werkgroep

logger = logging.getLogger(__name__)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
VOORUIT = datetime.timedelta(days=365)

# The task that sends one agenda, queued by name: overleg.tasks calls these services, so they
# do not import it (tasks.py registers the task under this name).
AGENDA_VERSTUUR_TAAK = "overleg.tasks.agenda_verstuur_taak"


# --- the planner -------------------------------------------------------------------------------


def _maanden(orgaan: Overlegorgaan) -> list[int]:
    """Preferred months, or n meetings spread evenly over the year (3x: Feb, Jun, Oct)."""
    if orgaan.voorkeur_maanden:
        return orgaan.maanden
    n = orgaan.vergaderingen_per_jaar or 0
    return [math.floor(i * 12 / n) + math.ceil(12 / n / 2) for i in range(n)]


def _tweede_weekdag(jaar: int, maand: int, weekdag: int) -> datetime.date:
    """The second given weekday of a month: clear of the first week after a holiday."""
    eerste = datetime.date(jaar, maand, 1)
    return eerste + datetime.timedelta(days=(weekdag - eerste.weekday()) % 7 + 7)


def geplande_data(orgaan: Overlegorgaan, jaar: int) -> list[datetime.datetime]:
    """When the body would meet in `jaar`, following its frequency and preferences."""
    n = orgaan.vergaderingen_per_jaar or 0
    if n == 0:
        return []
    if n <= 12:
        dagen = [_tweede_weekdag(jaar, m, orgaan.voorkeur_weekdag) for m in _maanden(orgaan)]
    else:  # more than monthly: every so many weeks, on the preferred weekday
        start = datetime.date(jaar, 1, 1)
        start += datetime.timedelta(days=(orgaan.voorkeur_weekdag - start.weekday()) % 7)
        stap = 52 / n
        dagen = [start + datetime.timedelta(weeks=math.floor(i * stap)) for i in range(n)]
    return [datetime.datetime.combine(d, orgaan.voorkeur_tijd, tzinfo=AMSTERDAM) for d in dagen]


def vergaderingen_plan(*, orgaan: Overlegorgaan, vandaag: datetime.date) -> int:
    """Make sure the body has its concept meetings for the coming twelve months.

    Each planned meeting has a place (year, number). A place that exists is never filled
    again, so running twice creates nothing and a moved or cancelled meeting is respected.
    Returns the number of meetings created.
    """
    nieuw = 0
    eind = vandaag + VOORUIT
    bezet = set(
        Vergadering.objects.filter(orgaan=orgaan, planjaar__gte=vandaag.year).values_list(
            "planjaar", "plannummer"
        )
    )
    for jaar in range(vandaag.year, eind.year + 1):
        for nummer, begin in enumerate(geplande_data(orgaan, jaar), start=1):
            if not vandaag <= begin.date() <= eind or (jaar, nummer) in bezet:
                continue
            try:
                with transaction.atomic():
                    Vergadering.objects.create(
                        orgaan=orgaan,
                        planjaar=jaar,
                        plannummer=nummer,
                        begin=begin,
                        eind=begin + datetime.timedelta(minutes=orgaan.duur_minuten),
                        locatie=orgaan.locatie,
                    )
                nieuw += 1
            except IntegrityError:
                pass  # a concurrent run claimed this place first
    return nieuw


def alle_vergaderingen_plan(*, vandaag: datetime.date) -> tuple[int, int]:
    """Plan every body that has a meeting frequency. Returns (bodies, meetings created)."""
    organen = list(Overlegorgaan.objects.filter(vergaderingen_per_jaar__gt=0))
    nieuw = sum(vergaderingen_plan(orgaan=o, vandaag=vandaag) for o in organen)
    logger.info("planning: %s organen, %s nieuwe conceptvergaderingen", len(organen), nieuw)
    return len(organen), nieuw


# --- reminders and mailings --------------------------------------------------------------------


def _voorbereiders(vergadering: Vergadering) -> list[Any]:
    """Who prepares this body's meetings: its secretary, else the agenda's beheerders."""
    secretaris = vergadering.orgaan.secretaris
    if secretaris is not None and secretaris.gebruiker is not None:
        return [secretaris.gebruiker]
    return list(beheerders_van(vergadering.agenda))


def _meld(
    gebruikers: Iterable[Any], *, agenda: Agenda, sleutel: str, titel: str, tekst: str, url: str
) -> int:
    verzonden = 0
    for gebruiker in gebruikers:
        melding = melding_maak(
            gebruiker=gebruiker, agenda=agenda, sleutel=sleutel, titel=titel, tekst=tekst, url=url
        )
        verzonden += melding_email_verstuur(melding=melding, basis_url=settings.LEA_BASIS_URL)
    return verzonden


def voortgang_opvragen(*, nu: datetime.datetime) -> int:
    """Ask every werkgroep chair for a progress update, weeks before each stuurgroep meeting."""
    verzonden = 0
    kandidaten = (
        Vergadering.objects.actief()
        .filter(orgaan__soort=Soort.STUURGROEP, begin__gt=nu, voortgang_gevraagd_op__isnull=True)
        .select_related("orgaan__agenda")
    )
    for vergadering in kandidaten:
        if vergadering.begin - nu > datetime.timedelta(
            weeks=vergadering.orgaan.weken_voortgangsverzoek
        ):
            continue
        agenda = vergadering.agenda
        datum = f"{timezone.localtime(vergadering.begin):%d-%m-%Y}"
        for werkgroep in Werkgroep.objects.filter(agenda=agenda).select_related(
            "voorzitter__gebruiker"
        ):
            voorzitter = werkgroep.voorzitter and werkgroep.voorzitter.gebruiker
            if voorzitter is None:
                continue
            verzonden += _meld(
                [voorzitter],
                agenda=agenda,
                sleutel=f"voortgang:{vergadering.pk}",
                titel=f"Voortgang gevraagd voor de {vergadering.orgaan} van {datum}",
                tekst=f"Wilt u de voortgang van de acties van {werkgroep} bijwerken vóór de "
                f"vergadering van {datum}?",
                url=reverse("werkgroep_detail", args=[agenda.slug, werkgroep.pk]),
            )
        Vergadering.objects.filter(pk=vergadering.pk).update(voortgang_gevraagd_op=nu)
    logger.info("voortgang opgevraagd: %s e-mails", verzonden)
    return verzonden


def _agenda_bericht(
    vergadering: Vergadering, adres: str, bijlagen: list[tuple[str, bytes, str]]
) -> EmailMessage:
    datum = f"{timezone.localtime(vergadering.begin):%d-%m-%Y %H:%M}"
    bericht = EmailMessage(
        subject=f"[LEA] Agenda {vergadering.orgaan} {datum}",
        body=f"Bijgaand de agenda voor de vergadering van {vergadering.orgaan} op {datum}"
        f"{' in ' + vergadering.locatie if vergadering.locatie else ''}.\n\n"
        f"{settings.LEA_BASIS_URL}"
        f"{reverse('vergadering_detail', args=[vergadering.agenda.slug, vergadering.pk])}",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[adres],
    )
    for naam, inhoud, soort in bijlagen:
        bericht.attach(naam, inhoud, soort)
    for stuk in vergadering.stukken.all():
        bericht.attach_file(stuk.bestand.path)
    return bericht


def agenda_verstuur(*, vergadering_id: int) -> int:
    """Send the agenda (PDF) and an .ics invitation to every member with an e-mail address."""
    vergadering = (
        Vergadering.objects.select_related("orgaan__agenda").filter(pk=vergadering_id).first()
    )
    if vergadering is None:
        return 0
    leden = vergadering.orgaan.leden.select_related("persoon").exclude(persoon__email="")
    adressen = sorted({lid.persoon.email for lid in leden})
    if not adressen:
        return 0
    bijlagen = [
        (f"agenda-{vergadering.pk}.pdf", agenda_pdf(vergadering), "application/pdf"),
        (f"vergadering-{vergadering.pk}.ics", vergadering_ics(vergadering), "text/calendar"),
    ]
    verzonden = 0
    for adres in adressen:
        verzending, _ = Verzending.objects.get_or_create(
            vergadering=vergadering, soort=VerzendSoort.AGENDA, email=adres
        )
        if (
            Verzending.objects.filter(pk=verzending.pk, verzonden_op__isnull=True).update(
                verzonden_op=timezone.now()
            )
            != 1
        ):
            continue  # already sent
        try:
            _agenda_bericht(vergadering, adres, bijlagen).send()
        except Exception:
            Verzending.objects.filter(pk=verzending.pk).update(verzonden_op=None)
            raise
        verzonden += 1
    Vergadering.objects.filter(pk=vergadering.pk, agenda_verstuurd_op__isnull=True).update(
        agenda_verstuurd_op=timezone.now()
    )
    Vergadering.objects.filter(pk=vergadering.pk, status=VergaderStatus.CONCEPT).update(
        status=VergaderStatus.AGENDA_VERZONDEN
    )
    logger.info("agenda %s verstuurd aan %s leden", vergadering.pk, verzonden)
    return verzonden


def _agenda_in_wachtrij(vergadering_id: int) -> None:
    """Queue the sending of one agenda once the current transaction has committed."""
    transaction.on_commit(lambda: signature(AGENDA_VERSTUUR_TAAK, args=(vergadering_id,)).delay())


@transaction.atomic
def agenda_verstuur_vraag(*, vergadering: Vergadering) -> None:
    """The secretary's "Agenda versturen": recorded on the meeting (so the daily run retries
    it if the task is lost), then sent by a task after commit."""
    if not vergadering.punten.filter(status=PuntStatus.GEACCEPTEERD).exists():
        raise ValidationError("Zet eerst punten op de agenda.")
    Vergadering.objects.filter(pk=vergadering.pk).update(agenda_gevraagd_op=timezone.now())
    _agenda_in_wachtrij(vergadering.pk)


@transaction.atomic
def agendas_klaarzetten(*, nu: datetime.datetime) -> list[int]:
    """Queue the agendas that are due; each is sent by its own (retryable) task."""
    due = agendas_te_versturen(nu=nu)
    for pk in due:
        _agenda_in_wachtrij(pk)
    logger.info("agenda's te versturen: %s", due)
    return due


def na_vergadering(*, nu: datetime.datetime) -> int:
    """After a meeting: mark it held, remind the secretary of the minutes, carry open points."""
    herinnerd = 0
    for vergadering in (
        Vergadering.objects.actief()
        .filter(eind__lt=nu)
        .filter(
            Q(status__in=[VergaderStatus.CONCEPT, VergaderStatus.AGENDA_VERZONDEN])
            | Q(verslag_herinnerd_op__isnull=True, status=VergaderStatus.GEHOUDEN)
            | Q(actiepunten_doorgezet_op__isnull=True)
        )
        .select_related("orgaan__agenda", "orgaan__secretaris__gebruiker")
    ):
        Vergadering.objects.filter(
            pk=vergadering.pk, status__in=[VergaderStatus.CONCEPT, VergaderStatus.AGENDA_VERZONDEN]
        ).update(status=VergaderStatus.GEHOUDEN)
        vergadering.refresh_from_db(fields=["status"])
        wachttijd = datetime.timedelta(days=vergadering.orgaan.dagen_verslagherinnering)
        if (
            vergadering.status == VergaderStatus.GEHOUDEN
            and vergadering.verslag_herinnerd_op is None
            and nu - vergadering.eind >= wachttijd
        ):
            herinnerd += _meld(
                _voorbereiders(vergadering),
                agenda=vergadering.agenda,
                sleutel=f"verslag:{vergadering.pk}",
                titel=f"Verslag vaststellen: {vergadering}",
                tekst="Werk de notulen, besluiten en actiepunten bij en stel het verslag vast.",
                url=reverse("vergadering_detail", args=[vergadering.agenda.slug, vergadering.pk]),
            )
            Vergadering.objects.filter(pk=vergadering.pk).update(verslag_herinnerd_op=nu)
        if vergadering.actiepunten_doorgezet_op is None:
            actiepunten_doorzetten(vergadering=vergadering)
            Vergadering.objects.filter(pk=vergadering.pk).update(actiepunten_doorgezet_op=nu)
    return herinnerd


def actiepunten_doorzetten(*, vergadering: Vergadering) -> int:
    """Open action points of a meeting become proposals for the body's next meeting."""
    volgende = (
        Vergadering.objects.actief()
        .filter(orgaan=vergadering.orgaan, begin__gt=vergadering.begin)
        .order_by("begin")
        .first()
    )
    if volgende is None:
        return 0
    nieuw = 0
    for actiepunt in Actiepunt.objects.filter(
        agendapunt__vergadering=vergadering, status=ActiepuntStatus.OPEN
    ):
        _punt, aangemaakt = Agendapunt.objects.get_or_create(
            vergadering=volgende,
            actiepunt=actiepunt,
            defaults={
                "titel": f"Actiepunt: {actiepunt.omschrijving[:280]}",
                "soort": PuntSoort.BESPREKING,
                "status": PuntStatus.VOORGESTELD,
                "toelichting": f"Open actiepunt uit de vergadering van "
                f"{timezone.localtime(vergadering.begin):%d-%m-%Y} ({actiepunt.wie}).",
            },
        )
        nieuw += aangemaakt
    return nieuw


def dekking_signaleren(*, vandaag: datetime.date) -> int:
    """From 1 September: tell the beheerder which statutory topics are not yet scheduled."""
    gemeld = 0
    for agenda in Agenda.objects.filter(overlegorganen__soort=Soort.STUURGROEP).distinct():
        for onderwerp in te_signaleren_onderwerpen(agenda, vandaag=vandaag):
            _meld(
                beheerders_van(agenda),
                agenda=agenda,
                sleutel=f"dekking:{vandaag.year}:{onderwerp.code}",
                titel=f"Wettelijk onderwerp nog niet geagendeerd in {vandaag.year}: "
                f"{onderwerp.titel}",
                tekst=f"{onderwerp.wetsartikel}. Zet het op de agenda van het bestuurlijk "
                "overleg vóór het einde van het jaar.",
                url=reverse("dekking", args=[agenda.slug]) + f"?jaar={vandaag.year}",
            )
            gemeld += 1
    return gemeld
