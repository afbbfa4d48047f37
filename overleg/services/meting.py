"""Timing the planner (`manage.py cyclus benchmark`): every write here is rolled back."""

import datetime
import time
from collections.abc import Callable
from typing import Any

from django.db import connection, transaction

from lea.models import Agenda
from lea.perioden import kalenderjaar
from overleg.models import Overlegorgaan, Soort, Vergadering
from overleg.services.cyclus import alle_vergaderingen_plan


class Terugdraaien(Exception):
    """Raised to roll back the measurement's writes."""


class Teller:
    """Counts the queries sent to the database while it is installed (no cap, no logging)."""

    def __init__(self) -> None:
        self.aantal = 0

    def __call__(self, execute: Callable[..., Any], sql: str, *args: Any) -> Any:
        self.aantal += 1
        return execute(sql, *args)


def _run(vandaag: datetime.date) -> tuple[int, int, float, int]:
    """One planner run: (bodies, meetings created, seconds, queries)."""
    teller = Teller()
    with connection.execute_wrapper(teller):
        begin = time.perf_counter()
        organen, nieuw = alle_vergaderingen_plan(vandaag=vandaag)
        duur = time.perf_counter() - begin
    return organen, nieuw, duur, teller.aantal


def _meet(vandaag: datetime.date, label: str) -> str:
    """Time the planner from scratch (no meetings ahead) and again (nothing to do)."""
    regel = ""
    try:
        with transaction.atomic():
            Vergadering.objects.filter(begin__date__gte=vandaag).delete()
            organen, nieuw, eerste, vragen = _run(vandaag)
            _organen, _nieuw, tweede, vragen2 = _run(vandaag)
            regel = (
                f"{label}: {organen} organen, {nieuw} vergaderingen; "
                f"eerste run {eerste:.2f} s ({vragen} queries), "
                f"tweede run {tweede:.2f} s ({vragen2} queries)"
            )
            raise Terugdraaien
    except Terugdraaien:
        pass
    return regel


def _synthetische_agendas(vandaag: datetime.date, aantal: int) -> None:
    for n in range(aantal):
        agenda = Agenda.objects.create(
            slug=f"synthetisch-{n}",
            gemeente=f"Synthetisch {n}",
            titel=f"LEA {n}",
            periode_start=kalenderjaar(vandaag.year)[0],
            periode_eind=kalenderjaar(vandaag.year + 3)[1],
        )
        Overlegorgaan.objects.bulk_create(
            [
                Overlegorgaan(
                    agenda=agenda,
                    naam="Stuurgroep",
                    soort=Soort.STUURGROEP,
                    vergaderingen_per_jaar=3 + n % 2,
                ),
                Overlegorgaan(
                    agenda=agenda,
                    naam="Directeurenoverleg",
                    soort=Soort.DIRECTEURENOVERLEG,
                    vergaderingen_per_jaar=4,
                ),
            ]
        )


def planner_meet(*, vandaag: datetime.date, synthetisch: int = 0) -> list[str]:
    """Time the planner on the data as it is, and with `synthetisch` generated agendas more.
    Returns one line per measurement; the database is left as it was."""
    regels = [_meet(vandaag, f"demo ({Agenda.objects.count()} agenda's)")]
    if not synthetisch:
        return regels
    try:
        with transaction.atomic():
            _synthetische_agendas(vandaag, synthetisch)
            regels.append(_meet(vandaag, f"demo + {synthetisch} synthetische agenda's"))
            raise Terugdraaien
    except Terugdraaien:
        pass
    return regels
