"""What a user asks for: a report, or another try at a failed one; recorded here, made by the
worker after commit (monitoring.tasks.rapport_maak_taak)."""

from typing import Any

from django.db import transaction

from lea.models import Agenda
from lea.services import bewaar
from monitoring.models import Rapport, RapportSoort, RapportStatus
from monitoring.tasks import rapport_maak_taak


@transaction.atomic
def rapport_vraag_aan(*, agenda: Agenda, soort: str, jaar: int, door: Any) -> Rapport:
    """Record the request and queue the work after commit; the page polls its status."""
    rapport = Rapport(agenda=agenda, soort=RapportSoort(soort), jaar=jaar, gemaakt_door=door)
    bewaar(rapport)
    pk = rapport.pk
    transaction.on_commit(lambda: rapport_maak_taak.delay(pk))
    return rapport


@transaction.atomic
def rapport_vraag_opnieuw_aan(*, rapport: Rapport) -> bool:
    """Queue a failed report again; False (and nothing queued) unless it failed."""
    if rapport.status != RapportStatus.MISLUKT:
        return False
    Rapport.objects.filter(pk=rapport.pk).update(status=RapportStatus.WACHT, fout="")
    pk = rapport.pk
    transaction.on_commit(lambda: rapport_maak_taak.delay(pk))
    return True
