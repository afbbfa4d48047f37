"""Celery tasks of the core: each takes ids (or nothing, for a beat job) and calls one service."""

from celery import shared_task

from lea.services import opdrachten_geef_door
from lea.services.personen import uitnodiging_verstuur


@shared_task(soft_time_limit=120, time_limit=150)
def opdrachten_doorgeven_taak() -> int:
    """Hand over the queued work that could not reach the broker when it was committed."""
    return opdrachten_geef_door()


@shared_task(
    autoretry_for=(OSError,), retry_backoff=True, max_retries=5, soft_time_limit=60, time_limit=90
)
def uitnodiging_verstuur_taak(persoon_id: int) -> bool:
    """Mail a person their invitation (once: the service claims it before sending)."""
    return uitnodiging_verstuur(persoon_id=persoon_id)
