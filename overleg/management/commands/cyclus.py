"""python manage.py cyclus plannen|voortgang|agendas|na|dekking|overzicht|benchmark

Runs one step of the meeting cycle now (the same services as the Celery beat tasks;
`agendas` sends the due agendas here instead of queueing them; `overzicht` sends this week's
digest to whoever has not had it yet), or times the planner:
`cyclus benchmark --synthetisch 300` also for 300 generated agendas.
"""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from overleg.selectors import agendas_te_versturen
from overleg.services import cyclus
from overleg.services.meting import planner_meet
from overleg.services.overzicht import weekmaandag, weekoverzicht_verstuur


class Command(BaseCommand):
    help = "Voer een stap van de vergadercyclus nu uit, of meet de planner."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "stap",
            choices=["plannen", "voortgang", "agendas", "na", "dekking", "overzicht", "benchmark"],
        )
        parser.add_argument(
            "--synthetisch",
            type=int,
            default=0,
            help="benchmark: ook met zoveel gegenereerde agenda's",
        )

    def handle(self, *args: Any, stap: str, synthetisch: int, **options: Any) -> None:
        nu, vandaag = timezone.now(), timezone.localdate()
        if stap == "plannen":
            organen, nieuw = cyclus.alle_vergaderingen_plan(vandaag=vandaag)
            self.stdout.write(f"{organen} overlegorganen gepland, {nieuw} nieuwe vergaderingen")
        elif stap == "voortgang":
            self.stdout.write(f"{cyclus.voortgang_opvragen(nu=nu)} verzoeken om voortgang")
        elif stap == "agendas":
            for pk in agendas_te_versturen(nu=nu):
                self.stdout.write(f"vergadering {pk}: {cyclus.agenda_verstuur(vergadering_id=pk)}")
        elif stap == "na":
            self.stdout.write(f"{cyclus.na_vergadering(nu=nu)} herinneringen")
        elif stap == "dekking":
            self.stdout.write(f"{cyclus.dekking_signaleren(vandaag=vandaag)} signalen")
        elif stap == "overzicht":
            verzonden = weekoverzicht_verstuur(maandag=weekmaandag(vandaag))
            self.stdout.write(f"{verzonden} weekoverzichten verstuurd")
        else:
            for regel in planner_meet(vandaag=vandaag, synthetisch=synthetisch):
                self.stdout.write(regel)
