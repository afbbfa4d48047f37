"""python manage.py onderwerpen – restore the shipped statutory topics that are missing."""

from typing import Any

from django.core.management.base import BaseCommand

from overleg.services.onderwerpen import onderwerpen_zaai


class Command(BaseCommand):
    help = "Voeg de wettelijke overlegonderwerpen toe die ontbreken (bestaande blijven staan)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"{onderwerpen_zaai()} wettelijke onderwerpen toegevoegd")
