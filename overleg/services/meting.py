"""Timing the planner (`manage.py cyclus benchmark`): every write here is rolled back."""

import datetime
import time

from django.db import transaction

from lea.models import Agenda
from lea.perioden import kalenderjaar
from overleg.models import Overlegorgaan, Soort, Vergadering
from overleg.services.cyclus import alle_vergaderingen_plan


class Terugdraaien(Exception):
    """Raised to roll back the measurement's writes."""


def _meet(vandaag: datetime.date, label: str) -> str:
    """Time the planner from scratch (no meetings ahead) and again (nothing to do)."""
    regel = ""
    try:
        with transaction.atomic():
            Vergadering.objects.filter(begin__date__gte=vandaag).delete()
            begin = time.perf_counter()
            organen, nieuw = alle_vergaderingen_plan(vandaag=vandaag)
            eerste = time.perf_counter() - begin
            begin = time.perf_counter()
            alle_vergaderingen_plan(vandaag=vandaag)
            tweede = time.perf_counter() - begin
            regel = (
                f"{label}: {organen} organen, {nieuw} vergaderingen; "
                f"eerste run {eerste:.2f} s, tweede run {tweede:.2f} s"
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
