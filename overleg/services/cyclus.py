"""The meeting cycle: the planner (within the agenda's period), the notice that the next period
needs preparing, progress requests, the follow-up after a meeting and the coverage signal; the
agenda mailing lives in overleg.services.verzending (re-exported here). Each is safe to run
twice and to retry.

Work is claimed before it is done: per recipient by a unique row (Melding) claimed by a
conditional update, so a retry after a failure sends only what was not sent yet, and a second
run sends nothing. A planned meeting has a place (year, number) that is never filled twice.
"""

import datetime
import logging
import math
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from lea.models import Agenda
from lea.services import melding_email_verstuur, melding_maak
from lea.toegang import beheerders_van
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
)
from overleg.selectors import te_signaleren_onderwerpen
from overleg.services.verzending import (
    AGENDA_VERSTUUR_TAAK,
    agenda_opnieuw_verstuur_vraag,
    agenda_verstuur,
    agenda_verstuur_vraag,
    agendas_klaarzetten,
    vergadering_status_naar,
    voorbereiders,
)

__all__ = [
    "AGENDA_VERSTUUR_TAAK",
    "agenda_opnieuw_verstuur_vraag",
    "agenda_verstuur",
    "agenda_verstuur_vraag",
    "agendas_klaarzetten",
]
from werkgroepen.models import Werkgroep

logger = logging.getLogger(__name__)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
VOORUIT = datetime.timedelta(days=365)

# The last year of an agenda's period: its beheerders are told to prepare the next one.
LAATSTE_JAAR = datetime.timedelta(days=365)


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
    if orgaan.gearchiveerd:
        return 0  # an archived body is no longer planned
    nieuw = 0
    # Never past the end of the agenda's period: the next period is a new agenda.
    eind = min(vandaag + VOORUIT, orgaan.agenda.periode_eind)
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
    organen = list(
        Overlegorgaan.objects.filter(
            vergaderingen_per_jaar__gt=0, gearchiveerd=False
        ).select_related("agenda")
    )
    nieuw = sum(vergaderingen_plan(orgaan=o, vandaag=vandaag) for o in organen)
    logger.info("planning: %s organen, %s nieuwe conceptvergaderingen", len(organen), nieuw)
    return len(organen), nieuw


def periode_einde_signaleren(*, vandaag: datetime.date) -> int:
    """In the last year of an agenda's period, tell its beheerders (once per agenda per year)
    that the next period needs preparing. Returns the number of new notifications."""
    nieuw = 0
    for agenda in Agenda.objects.filter(
        periode_eind__gte=vandaag, periode_eind__lte=vandaag + LAATSTE_JAAR
    ):
        for gebruiker in beheerders_van(agenda):
            sleutel = f"volgende-periode:{agenda.pk}:{vandaag.year}"
            if gebruiker.meldingen.filter(sleutel=sleutel).exists():
                continue
            melding = melding_maak(
                gebruiker=gebruiker,
                agenda=agenda,
                sleutel=sleutel,
                titel=f"{agenda.titel} loopt af op {agenda.periode_eind:%d-%m-%Y}: bereid de "
                "volgende periode voor",
                tekst="Na het einde van de periode plant LEA geen vergaderingen meer in deze "
                "agenda. Begin op tijd met de agenda voor de volgende periode.",
                url=reverse("agenda_dashboard", args=[agenda.slug]),
            )
            nieuw += 1
            try:
                melding_email_verstuur(melding=melding, basis_url=settings.LEA_BASIS_URL)
            except Exception:  # the notice stands in the app; the mail is tried tomorrow
                logger.warning("melding %s niet per e-mail verstuurd", melding.pk, exc_info=True)
    return nieuw


def planning_bijwerken(*, vandaag: datetime.date) -> tuple[int, int]:
    """The daily planning run: the meetings ahead, then the notice about the period's end."""
    resultaat = alle_vergaderingen_plan(vandaag=vandaag)
    periode_einde_signaleren(vandaag=vandaag)
    return resultaat


# --- reminders and mailings --------------------------------------------------------------------


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
        vergadering_status_naar(
            vergadering.pk,
            [VergaderStatus.CONCEPT, VergaderStatus.AGENDA_VERZONDEN],
            VergaderStatus.GEHOUDEN,
        )
        vergadering.refresh_from_db(fields=["status"])
        wachttijd = datetime.timedelta(days=vergadering.orgaan.dagen_verslagherinnering)
        if (
            vergadering.status == VergaderStatus.GEHOUDEN
            and vergadering.verslag_herinnerd_op is None
            and nu - vergadering.eind >= wachttijd
        ):
            herinnerd += _meld(
                voorbereiders(vergadering),
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
