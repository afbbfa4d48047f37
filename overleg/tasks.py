"""Celery tasks of the meeting cycle: thin, idempotent, logging what they did.

The beat schedule (lea/celery.py) runs the daily ones; agenda_verstuur is also queued by the
secretary's "Agenda versturen" button.
"""

import logging

from celery import shared_task
from django.utils import timezone

from overleg import cyclus
from overleg.models import Vergadering
from overleg.planning import alle_vergaderingen_plan

logger = logging.getLogger(__name__)
LIMIETEN = {"soft_time_limit": 300, "time_limit": 360}
MAIL = {"autoretry_for": (OSError,), "retry_backoff": True, "max_retries": 5, **LIMIETEN}


@shared_task(**LIMIETEN)
def vergaderingen_plannen() -> int:
    _organen, nieuw = alle_vergaderingen_plan(vandaag=timezone.localdate())
    return nieuw


@shared_task(**MAIL)
def voortgang_opvragen() -> int:
    return cyclus.voortgang_opvragen(nu=timezone.now())


@shared_task(**MAIL)
def agenda_verstuur(vergadering_id: int) -> int:
    vergadering = (
        Vergadering.objects.select_related("orgaan__agenda").filter(pk=vergadering_id).first()
    )
    return 0 if vergadering is None else cyclus.agenda_verstuur(vergadering=vergadering)


@shared_task(**LIMIETEN)
def agendas_versturen() -> int:
    """Queue the agendas that are due; each is sent by its own (retryable) task."""
    due = cyclus.agendas_versturen(nu=timezone.now())
    for pk in due:
        agenda_verstuur.delay(pk)
    logger.info("agenda's te versturen: %s", due)
    return len(due)


@shared_task(**MAIL)
def na_vergaderingen() -> int:
    return cyclus.na_vergadering(nu=timezone.now())


@shared_task(**MAIL)
def dekking_signaleren() -> int:
    return cyclus.dekking_signaleren(vandaag=timezone.localdate())
