"""python manage.py benchmark landelijk|paginas|belasting

- `landelijk`: fills the configured database with the national dataset (342 municipalities and
  one large city), through the models.
- `paginas [--landelijk] [--agenda SLUG] [--herhaal N]`: per main page its number of queries,
  its median server time and the ratio to the login page measured in the same run.
- `belasting --gebruikers 20 --seconden 60 [--url http://127.0.0.1:8000]`: drives a running
  server with logged-in sessions on a mix of reads and progress posts; p50/p95/p99 per URL,
  errors, requests per second, and whether every successful post was stored.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lea.config.benchmark import belasting, landelijk, paginas


class Command(BaseCommand):
    help = "Meet een hele installatie: landelijke dataset, pagina's, belasting."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("soort", choices=["landelijk", "paginas", "belasting"])
        landelijk.argumenten(parser)
        paginas.argumenten(parser)
        belasting.argumenten(parser)

    def handle(self, *args: Any, soort: str, **opties: Any) -> None:
        uitvoer = {"landelijk": landelijk, "paginas": paginas, "belasting": belasting}[soort]
        for eigen in ("stdout", "stderr"):  # given by call_command; the modules get self.stdout
            opties.pop(eigen, None)
        uitvoer.voer_uit(self.stdout, **opties)
