"""The meeting cycle's planner: concept meetings for the coming twelve months of each body."""

import datetime
import logging
import math
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction

from overleg.models import Overlegorgaan, Vergadering

logger = logging.getLogger(__name__)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
VOORUIT = datetime.timedelta(days=365)


def _maanden(orgaan: Overlegorgaan) -> list[int]:
    """Preferred months, or n meetings spread evenly over the year (3x: Feb, Jun, Oct)."""
    if orgaan.voorkeur_maanden:
        return orgaan.maanden
    n = orgaan.vergaderingen_per_jaar
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
    organen = Overlegorgaan.objects.filter(vergaderingen_per_jaar__gt=0)
    nieuw = sum(vergaderingen_plan(orgaan=o, vandaag=vandaag) for o in organen)
    logger.info("planning: %s organen, %s nieuwe conceptvergaderingen", len(organen), nieuw)
    return len(organen), nieuw
