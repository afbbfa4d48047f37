"""What a user asks for: a report (a new version each time), or another try at a failed one.

Recorded with an outbox row in the same transaction (lea.services.opdracht_plaats), made by
the worker (monitoring.tasks.rapport_maak_taak); when the broker is unreachable the report
waits, and beat hands it over later. It never waits for ever: see rapporten_verlopen_markeer.
"""

import uuid
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from lea.models import Agenda, Opdracht
from lea.services import opdracht_plaats, token_gebruik
from monitoring.models import Rapport, RapportStatus
from monitoring.services.rapporten import rapport_versie_nieuw
from monitoring.tasks import rapport_maak_taak


@dataclass(frozen=True)
class Aanvraag:
    """A requested report and the outbox row that will have it made."""

    rapport: Rapport
    opdracht: Opdracht


def _plaats(rapport: Rapport) -> Opdracht:
    return opdracht_plaats(
        taak=rapport_maak_taak,
        argumenten=[rapport.pk],
        agenda=rapport.agenda,
        omschrijving=f"{rapport.get_soort_display()} {rapport.jaar} (versie {rapport.versie})",
    )


@transaction.atomic
def rapport_vraag_aan(
    *, agenda: Agenda, soort: str, jaar: int, door: Any, token: uuid.UUID | None = None
) -> Aanvraag:
    """Record a new version of the report and queue its making; the page polls its status.

    `token` is the form's one-time token: a double submit adds one version, not two.
    """
    token_gebruik(token=token, door=door)
    rapport = rapport_versie_nieuw(agenda=agenda, soort=soort, jaar=jaar, door=door)
    return Aanvraag(rapport, _plaats(rapport))


@transaction.atomic
def rapport_vraag_opnieuw_aan(*, rapport: Rapport) -> Opdracht | None:
    """Queue a failed report again; None (and nothing queued) unless it had failed."""
    opnieuw = Rapport.objects.filter(pk=rapport.pk, status=RapportStatus.MISLUKT).update(
        status=RapportStatus.WACHT, status_sinds=timezone.now(), fout=""
    )
    if opnieuw != 1:
        return None
    return _plaats(rapport)
