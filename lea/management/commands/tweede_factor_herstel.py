"""python manage.py tweede_factor_herstel GEBRUIKERSNAAM: a superuser's recovery for a lost phone.

Removes the user's authenticator app and backup codes (written to the audit log); a login that
must have a second factor sets up a new one at its next page.
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from lea.tweede_factor import tweede_factor_herstel


class Command(BaseCommand):
    help = "Verwijdert de tweede factor (app en reservecodes) van een gebruiker."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("gebruikersnaam")

    def handle(self, *args: Any, gebruikersnaam: str, **options: Any) -> None:
        model = get_user_model()
        try:
            gebruiker = model._default_manager.get_by_natural_key(gebruikersnaam)
        except model.DoesNotExist:
            raise CommandError(f"Gebruiker ‘{gebruikersnaam}’ bestaat niet.") from None
        aantal = tweede_factor_herstel(gebruiker=gebruiker)
        if not aantal:
            self.stdout.write(f"{gebruikersnaam} had geen tweede factor; er is niets veranderd.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"De tweede factor van {gebruikersnaam} is verwijderd ({aantal} apparaten). "
                f"Bij de volgende keer inloggen stelt {gebruikersnaam} een nieuwe in."
            )
        )
