"""python manage.py agenda export <slug> [--formaat json|xlsx] [--leeg] -o FILE
python manage.py agenda import FILE.json
python manage.py agenda import FILE.xlsx --agenda <slug> [--proef] [--gebruiker NAAM]"""

import json
import sys
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lea.models import Agenda
from lea.portability import ImportFout, agenda_exporteer, agenda_importeer
from lea.werkboek import (
    MAX_GROOTTE,
    Context,
    Uitkomst,
    Voorbeeld,
    WerkboekFout,
    werkboek_lees,
    werkboek_pas_toe,
    werkboek_schrijf,
)


class Command(BaseCommand):
    help = (
        "Exporteer of importeer een agenda: als één JSON-document (een hele agenda) of als "
        "Excel-werkmap (acties, voortgang, cijfers en begroting van een bestaande agenda)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="actie", required=True)
        export = sub.add_parser("export", help="Schrijf een agenda naar een bestand.")
        export.add_argument("slug")
        export.add_argument("-o", "--output", help="Bestand (standaard: stdout, alleen JSON).")
        export.add_argument("--formaat", choices=("json", "xlsx"), default="json")
        export.add_argument("--leeg", action="store_true", help="xlsx: het lege sjabloon.")
        importeer = sub.add_parser("import", help="Lees een agenda (JSON) of werkmap (xlsx) in.")
        importeer.add_argument("bestand")
        importeer.add_argument("--agenda", help="xlsx: de korte naam van de agenda.")
        importeer.add_argument(
            "--proef", action="store_true", help="xlsx: toon wat er zou gebeuren, wijzig niets."
        )
        importeer.add_argument("--gebruiker", help="xlsx: wie de wijzigingen doet (historie).")

    def handle(self, *args: Any, actie: str, **options: Any) -> None:
        if actie == "export":
            self._export(options)
        elif Path(options["bestand"]).suffix.lower() == ".xlsx":
            self._import_xlsx(Path(options["bestand"]), options)
        else:
            self._import(Path(options["bestand"]))

    def _agenda(self, slug: str | None) -> Agenda:
        agenda = Agenda.objects.filter(slug=slug).first() if slug else None
        if agenda is None:
            raise CommandError(f"Er is geen agenda met de korte naam {slug!r}.")
        return agenda

    def _export(self, options: dict[str, Any]) -> None:
        slug, output = options["slug"], options.get("output")
        agenda = self._agenda(slug)
        if options["formaat"] == "xlsx":
            if not output:
                raise CommandError("Geef met -o een bestand op voor een Excel-werkmap.")
            inhoud = werkboek_schrijf(Context(agenda=agenda), leeg=options["leeg"])
            Path(output).write_bytes(inhoud)
            self.stdout.write(f"Agenda {slug} geschreven naar {output}.")
            return
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

    def _import_xlsx(self, bestand: Path, options: dict[str, Any]) -> None:
        agenda = self._agenda(options.get("agenda"))
        door = None
        if options.get("gebruiker"):
            door = get_user_model().objects.filter(username=options["gebruiker"]).first()
            if door is None:
                raise CommandError(f"Er is geen gebruiker {options['gebruiker']!r}.")
        if not bestand.is_file():
            raise CommandError(f"Bestand {bestand} bestaat niet.")
        if bestand.stat().st_size > MAX_GROOTTE:
            raise CommandError(f"{bestand} is groter dan 10 MB.")
        inhoud = bestand.read_bytes()
        context = Context(agenda=agenda, door=door, bestandsnaam=bestand.name)
        try:
            voorbeeld = werkboek_lees(context, inhoud)
            self._toon(voorbeeld)
            if voorbeeld.heeft_fouten:
                raise CommandError(
                    f"Niet ingelezen: {len(voorbeeld.fouten)} fout(en); er is niets gewijzigd."
                )
            if options["proef"]:
                self.stdout.write("Proef: er is niets gewijzigd.")
                return
            werkboek_pas_toe(context, inhoud, vingerafdruk=voorbeeld.vingerafdruk())
        except WerkboekFout as exc:
            raise CommandError(f"Niet ingelezen: {exc}") from None
        self.stdout.write(f"Toegepast op {agenda.slug}: {voorbeeld.aantal_wijzigingen} rij(en).")

    def _toon(self, voorbeeld: Voorbeeld) -> None:
        """The preview as text: a line per sheet, then every row that changes or is wrong."""
        for opmerking in voorbeeld.opmerkingen:
            self.stdout.write(opmerking)
        self.stdout.write(voorbeeld.samenvatting())
        for fout in voorbeeld.algemeen:
            self.stdout.write(f"FOUT {fout}")
        for regel in voorbeeld.regels:
            plaats = f"{regel.blad}, rij {regel.rij}" if regel.rij else regel.blad
            if regel.uitkomst == Uitkomst.FOUT:
                for fout in regel.fouten:
                    self.stdout.write(f"FOUT {fout}")
            elif regel.uitkomst == Uitkomst.NIEUW:
                self.stdout.write(f"NIEUW {plaats}: {regel.wat}")
            elif regel.uitkomst == Uitkomst.GEWIJZIGD:
                self.stdout.write(f"GEWIJZIGD {plaats}: {regel.wat}")
                for w in regel.wijzigingen:
                    self.stdout.write(f"    {w.kolom}: {w.oud!r} → {w.nieuw!r}")
            elif regel.uitkomst == Uitkomst.ONTBREEKT:
                self.stdout.write(f"NIET IN HET BESTAND {plaats}: {regel.wat} (blijft staan)")
            for opmerking in regel.opmerkingen:
                self.stdout.write(f"    {opmerking}")
