"""Load the demo agendas from fixtures/agendas/, ensure the demo accounts and give the agendas
a made-up progress history (lea/config/demo_voortgang.py). Idempotent."""

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from lea.config.demo_voortgang import demo_voortgang_maak, demo_voortgang_verwijder
from lea.models import Agenda, Lidmaatschap, Persoon, Rol
from lea.portability import agenda_importeer

DEMO_WACHTWOORD = "lea-demo"


class Command(BaseCommand):
    help = (
        "Laad de vijf demo-agenda's en de demo-accounts (twee keer draaien verdubbelt niets). "
        "Alleen met DEBUG=1 of op een demonstratie-installatie (LEA_DEMONSTRATIE=1)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--zonder-voortgang",
            action="store_true",
            help=(
                "Alleen de agenda's zoals in de documenten: geen verzonnen voortgang "
                "(en die van een eerdere keer gaat eraf)."
            ),
        )

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        # The accounts get a password that the README publishes: never on a real installation.
        if not settings.DEBUG and not settings.LEA_DEMONSTRATIE:
            raise CommandError(
                "De demo maakt accounts met het openbare wachtwoord "
                f"'{DEMO_WACHTWOORD}' en draait daarom niet met DEBUG uit. Is dit een "
                "demonstratie-installatie, zet dan LEA_DEMONSTRATIE=1; anders DEBUG=1 "
                "(ontwikkeling)."
            )
        call_command("onderwerpen", verbosity=0)  # the demo's meetings refer to them
        for pad in sorted((settings.BASE_DIR / "fixtures" / "agendas").glob("*.json")):
            document = json.loads(pad.read_text(encoding="utf-8"))
            slug = document["agenda"]["slug"]
            for map_ in ("overleg", "monitoring"):
                aanvulling = pad.parent.parent / map_ / pad.name
                if aanvulling.exists():
                    vul_aan(document, json.loads(aanvulling.read_text(encoding="utf-8")))
            if Agenda.objects.filter(slug=slug).exists():
                self.stdout.write(f"  {slug}: staat er al")
                continue
            agenda = agenda_importeer(document=document)
            self.stdout.write(f"  {slug}: ingelezen ({agenda.acties.count()} acties)")
        self._gebruiker("admin", "Beheerder", superuser=True)
        for agenda in Agenda.objects.filter(slug__in=[p.stem for p in self._bestanden()]):
            beleid = self._demo_accounts(agenda)
            if options["zonder_voortgang"]:
                if aantal := demo_voortgang_verwijder(agenda):
                    self.stdout.write(f"  {agenda.slug}: {aantal} demo-voortgang verwijderd")
            elif aantal := demo_voortgang_maak(agenda, beleid=beleid):
                self.stdout.write(f"  {agenda.slug}: {aantal} voortgangsrapportages (demo)")
        # The meeting cycle's planner (also run daily by beat): concept meetings ahead.
        call_command("cyclus", "plannen", verbosity=0)

    def _bestanden(self) -> Iterator[Path]:
        return (settings.BASE_DIR / "fixtures" / "agendas").glob("*.json")

    def _gebruiker(self, username: str, naam: str, *, superuser: bool = False) -> Any:
        user, aangemaakt = get_user_model().objects.get_or_create(
            username=username,
            defaults={
                "is_staff": superuser,
                "is_superuser": superuser,
                "first_name": naam,
                "email": f"{username}@lea.example",
            },
        )
        if aangemaakt:
            user.set_password(DEMO_WACHTWOORD)
            user.save(update_fields=["password"])
            self.stdout.write(f"  gebruiker {username} aangemaakt (wachtwoord {DEMO_WACHTWOORD})")
        return user

    def _demo_accounts(self, agenda: Agenda) -> Any:
        """beleid-, voorzitter- and stuurgroep-<gemeente>: beheerder, chair of the first
        werkgroep, and lezer. The people are demo accounts, not people from the document.
        Returns the beleid account."""
        plaats = agenda.slug.split("-")[0]
        gemeente = agenda.gemeente
        rollen = [
            (f"beleid-{plaats}", f"Beleidsadviseur {gemeente}", Rol.BEHEERDER),
            (f"stuurgroep-{plaats}", f"Stuurgroeplid {gemeente}", Rol.LEZER),
        ]
        accounts = []
        for username, naam, rol in rollen:
            user = self._gebruiker(username, naam)
            Lidmaatschap.objects.get_or_create(agenda=agenda, gebruiker=user, defaults={"rol": rol})
            self._persoon(agenda, user, naam)
            accounts.append(user)
        beleid = accounts[0]
        werkgroep = agenda.werkgroepen.order_by("volgorde", "pk").first()
        if werkgroep is None:
            return beleid  # an agenda without werkgroepen (Houten) has no chair account
        user = self._gebruiker(f"voorzitter-{plaats}", f"Voorzitter {werkgroep.naam}")
        Lidmaatschap.objects.get_or_create(agenda=agenda, gebruiker=user, defaults={"rol": Rol.LID})
        persoon = self._persoon(agenda, user, f"Voorzitter {werkgroep.naam}")
        if werkgroep.voorzitter_id is None:
            werkgroep.voorzitter = persoon
            werkgroep.save(update_fields=["voorzitter"])
        werkgroep.leden.add(persoon)
        return beleid

    def _persoon(self, agenda: Agenda, user: Any, naam: str) -> Persoon:
        persoon, _ = Persoon.objects.get_or_create(
            agenda=agenda,
            gebruiker=user,
            defaults={"naam": naam, "functie": "demo-account", "email": user.email},
        )
        return persoon


def vul_aan(document: dict, aanvulling: dict) -> None:
    """Merge fixtures/overleg/ or fixtures/monitoring/<slug>.json into an agenda document."""
    document["personen"] = [*document.get("personen", []), *aanvulling.get("personen", [])]
    extra = aanvulling.get("overlegorganen", {})
    for orgaan in document.get("overlegorganen", []):
        orgaan.update(extra.get(orgaan["sleutel"], {}))
    for sectie in (
        "vergaderingen",
        "afspraken",
        "indicatoren",
        "scholen",
        "signaalregel",
        "ve_cijfers",
    ):
        if sectie in aanvulling:
            document[sectie] = aanvulling[sectie]
