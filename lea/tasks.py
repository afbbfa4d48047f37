"""Celery tasks of the core: each takes ids (or nothing, for a beat job) and calls one service."""

from celery import shared_task
from django.contrib.auth import get_user_model

from lea.services import opdrachten_geef_door
from lea.services.audit import auditregels_ruim_op
from lea.services.personen import uitnodiging_verstuur
from lea.services.werkboek import werkboekimport_controleer, werkboekimport_pas_toe_wacht


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


@shared_task(soft_time_limit=600, time_limit=660)
def werkboek_controleer_taak(import_id: int) -> bool:
    """Check an uploaded Excel workbook and keep its preview (progress on the row)."""
    return werkboekimport_controleer(import_id=import_id)


@shared_task(soft_time_limit=600, time_limit=660)
def werkboek_pas_toe_taak(import_id: int, door_id: int | None) -> bool:
    """Apply a checked Excel workbook, all of it or nothing."""
    door = get_user_model().objects.filter(pk=door_id).first() if door_id else None
    return werkboekimport_pas_toe_wacht(import_id=import_id, door=door)


@shared_task(soft_time_limit=600, time_limit=660)
def auditregels_opruimen_taak() -> int:
    """Delete the audit log's rows older than its retention (LEA_AUDIT_BEWAARTERMIJN_DAGEN)."""
    return auditregels_ruim_op()
