"""Celery tasks of the core: each takes ids (or nothing, for a beat job) and calls one service."""

from celery import shared_task

from lea.services import opdrachten_geef_door


@shared_task(soft_time_limit=120, time_limit=150)
def opdrachten_doorgeven_taak() -> int:
    """Hand over the queued work that could not reach the broker when it was committed."""
    return opdrachten_geef_door()
