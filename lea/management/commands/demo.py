"""Load the demo agendas from fixtures/agendas/ and ensure the demo accounts. Idempotent."""

import json

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from lea.models import Agenda
from lea.portability import agenda_importeer

DEMO_WACHTWOORD = "lea-demo"  # noqa: S105 - documented demo credentials


class Command(BaseCommand):
    help = "Laad de vijf demo-agenda's en de demo-accounts (twee keer draaien verdubbelt niets)."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        for pad in sorted((settings.BASE_DIR / "fixtures" / "agendas").glob("*.json")):
            document = json.loads(pad.read_text(encoding="utf-8"))
            slug = document["agenda"]["slug"]
            if Agenda.objects.filter(slug=slug).exists():
                self.stdout.write(f"  {slug}: staat er al")
                continue
            agenda = agenda_importeer(document=document)
            self.stdout.write(f"  {slug}: ingelezen ({agenda.acties.count()} acties)")
        self._superuser()

    def _superuser(self) -> None:
        user_model = get_user_model()
        admin, aangemaakt = user_model.objects.get_or_create(
            username="admin", defaults={"is_staff": True, "is_superuser": True}
        )
        if aangemaakt:
            admin.set_password(DEMO_WACHTWOORD)
            admin.save(update_fields=["password"])
            self.stdout.write("  gebruiker admin aangemaakt (wachtwoord lea-demo)")
