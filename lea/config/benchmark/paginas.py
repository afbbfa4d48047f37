"""python manage.py benchmark paginas [--agenda SLUG] [--herhaal N]

Measures the main pages of an agenda as a logged-in beheerder would load them: the number of
database queries and the time per request (median and slowest of N runs). Without --agenda
it takes the demo agenda with the most actions.
"""

import statistics
import time
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError, CommandParser, OutputWrapper
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from lea.models import Agenda

PAGINAS = ["agenda_dashboard", "actie_lijst", "agenda_overzicht", "werkgroep_detail"]


def argumenten(parser: CommandParser) -> None:
    parser.add_argument("--agenda", help="korte naam; standaard de agenda met de meeste acties")
    parser.add_argument("--herhaal", type=int, default=20)


class _Meting:
    def __init__(self, stdout: OutputWrapper) -> None:
        self.stdout = stdout

    def voer_uit(self, agenda: str | None, herhaal: int) -> None:
        agendas = Agenda.objects.annotate(n=Count("acties")).order_by("-n")
        gekozen = agendas.filter(slug=agenda).first() if agenda else agendas.first()
        if gekozen is None:
            raise CommandError("Geen agenda gevonden; draai eerst `python manage.py demo`.")
        beheerder = get_user_model().objects.filter(is_superuser=True).first()
        if beheerder is None:
            raise CommandError("Er is geen superuser om mee te meten.")
        client = Client()
        client.force_login(beheerder)
        werkgroep = gekozen.werkgroepen.first()
        self.stdout.write(f"{gekozen.slug}: {gekozen.n} acties, {herhaal} metingen per pagina")
        self.stdout.write(f"{'pagina':<20} {'queries':>8} {'mediaan ms':>11} {'max ms':>8}")
        with override_settings(ALLOWED_HOSTS=["testserver"], DEBUG=False):
            for naam in PAGINAS:
                kwargs: dict[str, str | int] = {"slug": gekozen.slug}
                if naam == "werkgroep_detail":
                    if werkgroep is None:
                        continue
                    kwargs["pk"] = werkgroep.pk
                url = reverse(naam, kwargs=kwargs)
                client.get(url)  # warm up
                tijden = []
                for _ in range(herhaal):
                    with CaptureQueriesContext(connection) as queries:
                        begin = time.perf_counter()
                        antwoord = client.get(url)
                        tijden.append((time.perf_counter() - begin) * 1000)
                    if antwoord.status_code != 200:
                        raise CommandError(f"{url} gaf {antwoord.status_code}")
                self.stdout.write(
                    f"{naam:<20} {len(queries):>8} {statistics.median(tijden):>11.1f} "
                    f"{max(tijden):>8.1f}"
                )


def voer_uit(stdout: OutputWrapper, *, agenda: str | None, herhaal: int, **opties: Any) -> None:
    _Meting(stdout).voer_uit(agenda, herhaal)
