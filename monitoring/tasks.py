"""Celery tasks of monitoring: each takes ids (or nothing, for a beat job) and calls one service.

The beat schedule (lea/config/celery.py) names the last three by their dotted path.
"""

from celery import shared_task

from monitoring.services.rapporten import (
    jaarrapporten_maak,
    rapport_maak,
    rapporten_verlopen_markeer,
    verantwoording_herinner,
)


@shared_task(soft_time_limit=600, time_limit=660)
def rapport_maak_taak(rapport_id: int) -> bool:
    return rapport_maak(rapport_id=rapport_id)


@shared_task(soft_time_limit=1800, time_limit=1900)
def jaarrapporten_maken_taak() -> int:
    return jaarrapporten_maak()


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def verantwoording_herinneren_taak() -> int:
    return verantwoording_herinner()


@shared_task(soft_time_limit=60, time_limit=90)
def rapporten_verlopen_taak() -> int:
    return rapporten_verlopen_markeer()
