"""Celery tasks of the werkgroepen app: thin, taking primary keys, each calling one service."""

from celery import shared_task

from werkgroepen.services.meldingen import statusmelding_verstuur


@shared_task(
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
    soft_time_limit=60,
    time_limit=90,
)
def statusmelding_taak(voortgang_id: int) -> int:
    """Notify an action's lead and chair of a status change (enqueued by voortgang_registreer)."""
    return statusmelding_verstuur(voortgang_id=voortgang_id)
