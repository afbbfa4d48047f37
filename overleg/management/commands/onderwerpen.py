"""python manage.py onderwerpen – restore the shipped statutory topics that are missing."""

from django.core.management.base import BaseCommand

from overleg.models import WettelijkOnderwerp
from overleg.onderwerpen import zaai


class Command(BaseCommand):
    help = "Voeg de wettelijke overlegonderwerpen toe die ontbreken (bestaande blijven staan)."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"{zaai(WettelijkOnderwerp)} wettelijke onderwerpen toegevoegd")
