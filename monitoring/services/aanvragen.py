"""What a user asks for: a report (a new version each time), or another try at a failed one.

Recorded with an outbox row in the same transaction (lea.services.opdracht_plaats), made by
the worker (monitoring.tasks.rapport_maak_taak); when the broker is unreachable the report
waits, and beat hands it over later. It never waits for ever: see rapporten_verlopen_markeer.
"""

import uuid
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from lea.models import Agenda, AuditSoort, Opdracht
from lea.services import opdracht_plaats, token_gebruik
from lea.services.limiet import limiet_gebruik
from lea.services.versie import na_commit_gewijzigd
from monitoring.models import Rapport, RapportSoort, RapportStatus
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

    `token` is the form's one-time token: a double submit adds one version, not two. A user
    who asked for LEA_LIMIET_RAPPORTEN reports within the hour is refused (TeVaak).
    """
    token_gebruik(token=token, door=door)
    _tel(door=door, agenda=agenda, omschrijving=f"{RapportSoort(soort).label} {jaar}")
    rapport = rapport_versie_nieuw(agenda=agenda, soort=soort, jaar=jaar, door=door)
    return Aanvraag(rapport, _plaats(rapport))


def _tel(*, door: Any, agenda: Agenda, omschrijving: str) -> None:
    """Count a report's making against the user's hourly limit (each one costs the worker
    seconds); a request without a user (beat, a command) is not limited."""
    if door is None or not door.is_authenticated:
        return
    limiet_gebruik(
        soort=AuditSoort.RAPPORT,
        gebruiker=door,
        maximum=settings.LEA_LIMIET_RAPPORTEN,
        wat="een rapport laten maken",
        agenda=agenda,
        omschrijving=omschrijving,
    )


@transaction.atomic
def rapport_vraag_opnieuw_aan(*, rapport: Rapport, door: Any = None) -> Opdracht | None:
    """Queue a failed report again; None (and nothing queued) unless it had failed. Counts
    against `door`'s hourly limit, as a new report does."""
    if Rapport.objects.filter(pk=rapport.pk, status=RapportStatus.MISLUKT).exists():
        _tel(door=door, agenda=rapport.agenda, omschrijving=f"{rapport} (opnieuw)")
    opnieuw = Rapport.objects.filter(pk=rapport.pk, status=RapportStatus.MISLUKT).update(
        status=RapportStatus.WACHT, status_sinds=timezone.now(), fout=""
    )
    if opnieuw != 1:
        return None
    na_commit_gewijzigd([rapport.agenda_id])  # the UPDATE above sends no signal
    return _plaats(rapport)


@transaction.atomic
def rapport_openbaar_zet(*, rapport: Rapport, openbaar: bool, door: Any = None) -> Rapport:
    """Offer a made report in the agenda's public view, or no longer."""
    rapport = Rapport.objects.select_for_update().get(pk=rapport.pk)
    if openbaar and rapport.status != RapportStatus.KLAAR:
        raise ValidationError("Alleen een rapport dat klaar is kan openbaar worden.")
    rapport.openbaar = openbaar
    rapport._history_user = door  # type: ignore[attr-defined]  # read by django-simple-history
    rapport.save(update_fields=["openbaar"])
    return rapport
