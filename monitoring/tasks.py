"""Celery tasks of monitoring: each takes ids (or nothing, for a beat job) and calls one service.

The beat schedule (lea/config/celery.py) names the last three by their dotted path; the January
job queues one rapport_maak_taak per report, so each report has its own time limit and a worker
child that outgrows LEA_WORKER_GEHEUGEN_MB is replaced after it (lea/config/celery.py).
"""

from celery import shared_task

from monitoring.services.rapporten import (
    RAPPORT_MAAK_TAAK,
    jaarrapporten_maak,
    rapport_maak,
    rapporten_verlopen_markeer,
    verantwoording_herinner,
)


# Rendering a large jaarverslag takes tens of seconds; well inside RAPPORT_TERMIJN (30 min).
@shared_task(name=RAPPORT_MAAK_TAAK, soft_time_limit=600, time_limit=660)
def rapport_maak_taak(rapport_id: int) -> bool:
    return rapport_maak(rapport_id=rapport_id)


# Only queues (two rows and a notification per agenda): minutes at most, for every agenda.
@shared_task(
    autoretry_for=(OSError,), retry_backoff=True, max_retries=5, soft_time_limit=300, time_limit=360
)
def jaarrapporten_maken_taak() -> int:
    return jaarrapporten_maak()


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def verantwoording_herinneren_taak() -> int:
    return verantwoording_herinner()


@shared_task(soft_time_limit=60, time_limit=90)
def rapporten_verlopen_taak() -> int:
    return rapporten_verlopen_markeer()
