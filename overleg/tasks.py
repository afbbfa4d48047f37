"""Celery tasks of the meeting cycle: each takes ids (or nothing) and calls one service.

The beat schedule (lea/config/celery.py) runs the daily ones and the Monday digest;
agenda_verstuur_taak is queued by services.cyclus (the secretary's "Agenda versturen", and the
daily run for due agendas), vergaderdocument_maak_taak by services.pdf (a meeting's agenda or
minutes PDF asked for).
"""

from celery import shared_task
from django.utils import timezone

from overleg.services import cyclus
from overleg.services.overzicht import weekmaandag, weekoverzicht_verstuur
from overleg.services.pdf import DOCUMENT_MAAK_TAAK, vergaderdocument_maak

# Every task: soft_time_limit=300, time_limit=360; a mailing task also retries on OSError
# (the mail server) with backoff, at most 5 times. Spelled out so the types are checked.


@shared_task(soft_time_limit=300, time_limit=360)
def vergaderingen_plannen_taak() -> tuple[int, int]:
    return cyclus.planning_bijwerken(vandaag=timezone.localdate())


@shared_task(
    autoretry_for=(OSError,), retry_backoff=True, max_retries=5, soft_time_limit=300, time_limit=360
)
def voortgang_opvragen_taak() -> int:
    return cyclus.voortgang_opvragen(nu=timezone.now())


@shared_task(
    name=cyclus.AGENDA_VERSTUUR_TAAK,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
    soft_time_limit=300,
    time_limit=360,
)
def agenda_verstuur_taak(vergadering_id: int) -> int:
    return cyclus.agenda_verstuur(vergadering_id=vergadering_id)


@shared_task(soft_time_limit=300, time_limit=360)
def agendas_versturen_taak() -> list[int]:
    return cyclus.agendas_klaarzetten(nu=timezone.now())


@shared_task(
    autoretry_for=(OSError,), retry_backoff=True, max_retries=5, soft_time_limit=300, time_limit=360
)
def na_vergaderingen_taak() -> int:
    return cyclus.na_vergadering(nu=timezone.now())


@shared_task(
    autoretry_for=(OSError,), retry_backoff=True, max_retries=5, soft_time_limit=300, time_limit=360
)
def dekking_signaleren_taak() -> int:
    return cyclus.dekking_signaleren(vandaag=timezone.localdate())


@shared_task(name=DOCUMENT_MAAK_TAAK, soft_time_limit=300, time_limit=360)
def vergaderdocument_maak_taak(document_id: int) -> bool:
    """Lay out a meeting's agenda or minutes PDF and store it (claimed first: runs once)."""
    return vergaderdocument_maak(document_id=document_id)


@shared_task(
    autoretry_for=(OSError,), retry_backoff=True, max_retries=5, soft_time_limit=300, time_limit=360
)
def weekoverzicht_versturen_taak() -> int:
    """The weekly digest of the week before this week's Monday (a retry on Tuesday still sends
    that one; each login's week is claimed, so nobody gets it twice)."""
    return weekoverzicht_verstuur(maandag=weekmaandag(timezone.localdate()))
