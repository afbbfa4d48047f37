"""The planner of the meeting cycle: every body has its concept meetings for the coming twelve
months, within its agenda's period, in a fixed number of queries however many bodies there are.

A planned meeting has a place (body, year, number) that is never filled twice: a moved or
cancelled meeting keeps its place, so re-planning never recreates it, and running twice
creates nothing.
"""

import datetime
import logging
import math
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import QuerySet

from lea.services.versie import na_commit_gewijzigd
from overleg.models import Overlegorgaan, Vergadering

logger = logging.getLogger(__name__)
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
VOORUIT = datetime.timedelta(days=365)


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


def _plekken(
    orgaan: Overlegorgaan, vandaag: datetime.date, bezet: set[tuple[int, int | None, int | None]]
) -> list[Vergadering]:
    """The concept meetings the body still lacks: every free place from today to twelve months
    ahead, never past the end of the agenda's period (the next period is a new agenda)."""
    eind = min(vandaag + VOORUIT, orgaan.agenda.periode_eind)
    duur = datetime.timedelta(minutes=orgaan.duur_minuten)
    return [
        Vergadering(
            orgaan=orgaan,
            planjaar=jaar,
            plannummer=nummer,
            begin=begin,
            eind=begin + duur,
            locatie=orgaan.locatie,
        )
        for jaar in range(vandaag.year, eind.year + 1)
        for nummer, begin in enumerate(geplande_data(orgaan, jaar), start=1)
        if vandaag <= begin.date() <= eind and (orgaan.pk, jaar, nummer) not in bezet
    ]


@transaction.atomic
def _plan(organen: QuerySet[Overlegorgaan], vandaag: datetime.date) -> tuple[int, int]:
    """Plan the bodies in a fixed number of queries, whatever their number.

    The bodies are locked for the run, so a second run at the same moment waits and then
    finds every place taken; the unique place (body, year, number) is the last guard. A place
    that exists is never filled again, so a moved or cancelled meeting is respected.
    Returns (bodies, meetings created).
    """
    lijst = list(
        organen.filter(vergaderingen_per_jaar__gt=0, gearchiveerd=False)
        .select_related("agenda")
        .select_for_update(of=("self",))
        .order_by("pk")
    )
    plekken = Vergadering.objects.filter(orgaan__in=lijst, planjaar__gte=vandaag.year)
    bezet = set(plekken.values_list("orgaan_id", "planjaar", "plannummer"))
    nieuw = [v for orgaan in lijst for v in _plekken(orgaan, vandaag, bezet)]
    if nieuw:
        Vergadering.objects.bulk_create(nieuw, ignore_conflicts=True)
        gezocht = {(v.orgaan_id, v.planjaar, v.plannummer) for v in nieuw}
        gemaakt = [v for v in plekken if (v.orgaan_id, v.planjaar, v.plannummer) in gezocht]
        # bulk_create skips the post_save signal that writes the history: write it here.
        Vergadering.history.bulk_history_create(gemaakt)
        agenda_van = {orgaan.pk: orgaan.agenda_id for orgaan in lijst}
        na_commit_gewijzigd({agenda_van[v.orgaan_id] for v in gemaakt})
        nieuw = gemaakt
    return len(lijst), len(nieuw)


def vergaderingen_plan(*, orgaan: Overlegorgaan, vandaag: datetime.date) -> int:
    """Make sure the body has its concept meetings for the coming twelve months (an archived
    body is no longer planned); running twice creates nothing. How many were created."""
    return _plan(Overlegorgaan.objects.filter(pk=orgaan.pk), vandaag)[1]


def alle_vergaderingen_plan(*, vandaag: datetime.date) -> tuple[int, int]:
    """Plan every body that has a meeting frequency. Returns (bodies, meetings created)."""
    organen, nieuw = _plan(Overlegorgaan.objects.all(), vandaag)
    logger.info("planning: %s organen, %s nieuwe conceptvergaderingen", organen, nieuw)
    return organen, nieuw
