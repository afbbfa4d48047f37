"""python manage.py cyclus plannen|voortgang|agendas|na|dekking|benchmark

Runs one step of the meeting cycle now (the same code as the daily Celery beat tasks), or
times the planner: `cyclus benchmark --synthetisch 300` also for 300 generated agendas.
"""

import datetime
import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from lea.models import Agenda
from overleg import cyclus
from overleg.models import Overlegorgaan, Soort, Vergadering
from overleg.planning import alle_vergaderingen_plan


class Terugdraaien(Exception):
    """Raised to roll back the synthetic benchmark data."""


class Command(BaseCommand):
    help = "Voer een stap van de vergadercyclus nu uit, of meet de planner."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "stap", choices=["plannen", "voortgang", "agendas", "na", "dekking", "benchmark"]
        )
        parser.add_argument(
            "--synthetisch",
            type=int,
            default=0,
            help="benchmark: ook met zoveel gegenereerde agenda's",
        )

    def handle(self, *args, stap: str, synthetisch: int, **options) -> None:
        nu, vandaag = timezone.now(), timezone.localdate()
        if stap == "plannen":
            organen, nieuw = alle_vergaderingen_plan(vandaag=vandaag)
            self.stdout.write(f"{organen} overlegorganen gepland, {nieuw} nieuwe vergaderingen")
        elif stap == "voortgang":
            self.stdout.write(f"{cyclus.voortgang_opvragen(nu=nu)} verzoeken om voortgang")
        elif stap == "agendas":
            for pk in cyclus.agendas_versturen(nu=nu):
                vergadering = Vergadering.objects.get(pk=pk)
                self.stdout.write(
                    f"{vergadering}: {cyclus.agenda_verstuur(vergadering=vergadering)}"
                )
        elif stap == "na":
            self.stdout.write(f"{cyclus.na_vergadering(nu=nu)} herinneringen")
        elif stap == "dekking":
            self.stdout.write(f"{cyclus.dekking_signaleren(vandaag=vandaag)} signalen")
        else:
            self._benchmark(vandaag, synthetisch)

    def _meet(self, vandaag: datetime.date, label: str) -> None:
        """Time the planner from scratch (no meetings ahead) and again (nothing to do)."""
        try:
            with transaction.atomic():
                Vergadering.objects.filter(begin__date__gte=vandaag).delete()
                begin = time.perf_counter()
                organen, nieuw = alle_vergaderingen_plan(vandaag=vandaag)
                eerste = time.perf_counter() - begin
                begin = time.perf_counter()
                alle_vergaderingen_plan(vandaag=vandaag)
                tweede = time.perf_counter() - begin
                self.stdout.write(
                    f"{label}: {organen} organen, {nieuw} vergaderingen; "
                    f"eerste run {eerste:.2f} s, tweede run {tweede:.2f} s"
                )
                raise Terugdraaien
        except Terugdraaien:
            pass

    def _benchmark(self, vandaag: datetime.date, synthetisch: int) -> None:
        self._meet(vandaag, f"demo ({Agenda.objects.count()} agenda's)")
        if not synthetisch:
            return
        try:
            with transaction.atomic():
                for n in range(synthetisch):
                    agenda = Agenda.objects.create(
                        slug=f"synthetisch-{n}",
                        gemeente=f"Synthetisch {n}",
                        titel=f"LEA {n}",
                        periode_start=datetime.date(vandaag.year, 1, 1),
                        periode_eind=datetime.date(vandaag.year + 3, 12, 31),
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
                self._meet(vandaag, f"demo + {synthetisch} synthetische agenda's")
                raise Terugdraaien
        except Terugdraaien:
            pass
