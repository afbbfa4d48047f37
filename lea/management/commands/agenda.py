"""python manage.py agenda export <slug> -o FILE.json | agenda import FILE.json"""

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lea.models import Agenda
from lea.portability import ImportFout, agenda_exporteer, agenda_importeer


class Command(BaseCommand):
    help = "Exporteer of importeer een hele agenda als één JSON-document."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="actie", required=True)
        export = sub.add_parser("export", help="Schrijf een agenda naar een JSON-bestand.")
        export.add_argument("slug")
        export.add_argument("-o", "--output", help="Bestand (standaard: stdout).")
        importeer = sub.add_parser("import", help="Lees een agenda in uit een JSON-bestand.")
        importeer.add_argument("bestand")

    def handle(self, *args: Any, actie: str, **options: Any) -> None:
        if actie == "export":
            self._export(options["slug"], options.get("output"))
        else:
            self._import(Path(options["bestand"]))

    def _export(self, slug: str, output: str | None) -> None:
        agenda = Agenda.objects.filter(slug=slug).first()
        if agenda is None:
            raise CommandError(f"Er is geen agenda met de korte naam {slug!r}.")
        tekst = json.dumps(agenda_exporteer(agenda), ensure_ascii=False, indent=2) + "\n"
        if output:
            Path(output).write_text(tekst, encoding="utf-8")
            self.stdout.write(f"Agenda {slug} geschreven naar {output}.")
        else:
            sys.stdout.write(tekst)

    def _import(self, bestand: Path) -> None:
        try:
            document = json.loads(bestand.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise CommandError(f"Bestand {bestand} bestaat niet.") from None
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CommandError(f"{bestand} is geen geldig JSON-bestand: {exc}") from None
        try:
            agenda = agenda_importeer(document=document)
        except ImportFout as exc:
            raise CommandError(f"Niet ingelezen: {exc}") from None
        self.stdout.write(f"Agenda {agenda.slug} ingelezen.")
