"""python manage.py rapport <soort> <slug> <jaar> -o FILE.pdf (soort: jaarverslag,
   jaarverantwoording or raadsinformatiebrief): made as a new version, kept with the agenda's
   reports, and written to FILE
   python manage.py rapport benchmark [--acties 300] [--jaren 5]

The benchmark times each report for the demo agenda with the most actions and for a synthetic
agenda (N actions, each with a quarterly update for Y years), rolled back afterwards, with the
process's peak memory after each (`--alleen jaarverslag` measures one kind in a fresh process).
"""

import datetime
import resource
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from ambities.models import Knoop
from lea.models import Agenda
from monitoring.models import RapportStatus
from monitoring.pdf import MAKERS
from monitoring.services.rapporten import rapport_maak_nu
from werkgroepen.models import Actie, Rag, Status, Voortgang, Werkgroep


class Terugdraaien(Exception):
    pass


class Command(BaseCommand):
    help = "Maak een jaarrapport als pdf, of meet hoe lang de rapporten duren."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("soort", choices=[*MAKERS, "benchmark"])
        parser.add_argument("slug", nargs="?")
        parser.add_argument("jaar", nargs="?", type=int)
        parser.add_argument("-o", "--output")
        parser.add_argument("--acties", type=int, default=300)
        parser.add_argument("--jaren", type=int, default=5)
        parser.add_argument("--alleen", choices=list(MAKERS), help="benchmark: alleen dit rapport")

    def handle(
        self,
        *args: Any,
        soort: str,
        slug: str | None,
        jaar: int | None,
        output: str | None,
        acties: int,
        jaren: int,
        alleen: str | None,
        **options: Any,
    ) -> None:
        if soort == "benchmark":
            self.soorten = [alleen] if alleen else list(MAKERS)
            return self._benchmark(acties, jaren)
        if not (slug and jaar and output):
            raise CommandError("Gebruik: rapport <soort> <agenda-slug> <jaar> -o BESTAND.pdf")
        agenda = Agenda.objects.filter(slug=slug).first()
        if agenda is None:
            raise CommandError(f"Er is geen agenda met de korte naam {slug!r}.")
        # Kept like a report made on the page: a new version, and for the jaarverantwoording
        # the year's status record.
        rapport = rapport_maak_nu(agenda=agenda, soort=soort, jaar=jaar)
        if rapport.status != RapportStatus.KLAAR:
            raise CommandError(rapport.fout or "Het rapport kon niet worden gemaakt.")
        with rapport.bestand.open("rb") as bestand:
            pdf = bestand.read()
        Path(output).write_bytes(pdf)
        self.stdout.write(
            f"{soort} {slug} {jaar} (versie {rapport.versie}) geschreven naar {output} "
            f"({len(pdf) // 1024} kB) en bewaard bij de rapporten van de agenda."
        )

    def _meet(self, agenda: Agenda, jaar: int) -> None:
        for soort in self.soorten:
            maak = MAKERS[soort]
            begin = time.perf_counter()
            pdf = maak(agenda, jaar)
            duur = time.perf_counter() - begin
            # The process's peak so far (Linux: KiB): what a worker child needs for this report.
            piek = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
            self.stdout.write(
                f"  {soort:<22} {duur:6.2f} s  {len(pdf) // 1024:5d} kB  piek {piek:5d} MB"
            )

    def _benchmark(self, aantal: int, jaren: int) -> None:
        grootste = Agenda.objects.annotate(n=Count("acties")).order_by("-n").first()
        if grootste is None:
            raise CommandError("Geen agenda's; draai eerst `python manage.py demo`.")
        jaar = min(timezone.localdate().year, grootste.periode_eind.year)
        self.stdout.write(f"{grootste.slug} ({grootste.n} acties), jaar {jaar}:")
        self._meet(grootste, jaar)
        for n in (aantal // 3, aantal):
            try:
                with transaction.atomic():
                    agenda = self._synthetisch(n, jaren)
                    self.stdout.write(f"synthetisch: {n} acties, {jaren} jaar kwartaalupdates:")
                    self._meet(agenda, agenda.periode_eind.year)
                    raise Terugdraaien
            except Terugdraaien:
                pass

    def _synthetisch(self, aantal: int, jaren: int) -> Agenda:
        eind = timezone.localdate().year
        agenda = Agenda.objects.create(
            slug="benchmark",
            gemeente="Benchmark",
            titel="Synthetische agenda",
            periode_start=datetime.date(eind - jaren + 1, 1, 1),
            periode_eind=datetime.date(eind, 12, 31),
            niveau2_naam="Speerpunt",
        )
        ambities = [
            Knoop.objects.create(
                agenda=agenda, niveau=1, code=str(i), titel=f"Ambitie {i}", volgorde=i
            )
            for i in range(1, 4)
        ]
        speerpunten = [
            Knoop.objects.create(
                agenda=agenda,
                niveau=2,
                ouder=a,
                code=c,
                titel=f"Speerpunt {a.code}{c}",
                volgorde=10 + i,
            )
            for i, (a, c) in enumerate((a, c) for a in ambities for c in "ABC")
        ]
        werkgroepen = [
            Werkgroep.objects.create(agenda=agenda, naam=f"Werkgroep {i}") for i in range(3)
        ]
        acties = Actie.objects.bulk_create(
            Actie(
                agenda=agenda,
                knoop=speerpunten[i % len(speerpunten)],
                code=str(i),
                titel=f"Actie {i} met een titel van gewone lengte",
                volgorde=i,
                werkgroep=werkgroepen[i % 3],
                status=Status.LOPEND,
                percentage=i % 100,
                timing_start=agenda.periode_start,
                timing_eind=agenda.periode_eind,
                timing_tekst="doorlopend",
            )
            for i in range(aantal)
        )
        Voortgang.objects.bulk_create(
            Voortgang(
                actie=a,
                datum=datetime.date(eind - jaren + 1 + k // 4, 3 * (k % 4) + 1, 15),
                status=Status.LOPEND,
                rag_tijd=Rag.GROEN,
                rag_geld=Rag.ORANJE,
                percentage=min(100, k * 5),
                toelichting=f"Kwartaalrapportage {k} van actie {a.code}.",
            )
            for a in acties
            for k in range(jaren * 4)
        )
        return agenda
