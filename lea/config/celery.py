"""The Celery app. The beat schedule lives here, one commented entry per job."""

import os

from celery import Celery
from celery.schedules import crontab

from lea.config.env import env_int

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lea.config.settings")

app = Celery("lea")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Bounded memory per report: a worker child whose resident memory grew past
# LEA_WORKER_GEHEUGEN_MB (default 400; a child starts at about 150) finishes its task and is
# then replaced, so one large jaarverslag does not keep its peak for every task after it.
app.conf.worker_max_memory_per_child = (
    env_int("LEA_WORKER_GEHEUGEN_MB", 400, minimum=100, maximum=65_535) * 1024
)  # Celery counts KiB
# Long tasks (reports) with late acknowledgement: a child takes one task at a time, so the
# reports of the January run spread over the children instead of queueing behind one.
app.conf.worker_prefetch_multiplier = 1

# Tasks are named by their module path, so this module imports none of the apps' code.
app.conf.beat_schedule = {
    # Every minute: queued work (mails, reports) that could not reach the broker at its commit.
    "opdrachten-doorgeven": {
        "task": "lea.tasks.opdrachten_doorgeven_taak",
        "schedule": crontab(),
    },
    # Every night: the audit log's rows past their retention (LEA_AUDIT_BEWAARTERMIJN_DAGEN).
    "auditregels-opruimen": {
        "task": "lea.tasks.auditregels_opruimen_taak",
        "schedule": crontab(hour=3, minute=30),
    },
    # Every body has its concept meetings for the coming twelve months.
    "vergaderingen-plannen": {
        "task": "overleg.tasks.vergaderingen_plannen_taak",
        "schedule": crontab(hour=5, minute=30),
    },
    # Werkgroep chairs are asked for progress, weeks before each stuurgroep meeting.
    "voortgang-opvragen": {
        "task": "overleg.tasks.voortgang_opvragen_taak",
        "schedule": crontab(hour=6, minute=0),
    },
    # Agendas, papers and invitations go to the members, days before each meeting.
    "agendas-versturen": {
        "task": "overleg.tasks.agendas_versturen_taak",
        "schedule": crontab(hour=6, minute=15),
    },
    # After a meeting: mark it held, remind the secretary, carry open action points over.
    "na-vergaderingen": {
        "task": "overleg.tasks.na_vergaderingen_taak",
        "schedule": crontab(hour=6, minute=30),
    },
    # From 1 September: statutory topics not yet on a stuurgroep agenda this year.
    "dekking-signaleren": {
        "task": "overleg.tasks.dekking_signaleren_taak",
        "schedule": crontab(hour=7, minute=0),
    },
    # Mondays: each login's weekly digest of the week before (overleg.services.overzicht).
    "weekoverzicht-versturen": {
        "task": "overleg.tasks.weekoverzicht_versturen_taak",
        "schedule": crontab(day_of_week="mon", hour=7, minute=30),
    },
    # First week of January: draft annual reports of the previous year for every agenda, each
    # queued as its own task (monitoring.tasks.rapport_maak_taak).
    "jaarrapporten-maken": {
        "task": "monitoring.tasks.jaarrapporten_maken_taak",
        "schedule": crontab(month_of_year=1, day_of_month="2", hour=4, minute=0),
    },
    # Every ten minutes: reports waiting or in the making for over 30 minutes fail, with a retry.
    "rapporten-verlopen": {
        "task": "monitoring.tasks.rapporten_verlopen_taak",
        "schedule": crontab(minute="*/10"),
    },
    # Mondays in January-March: remind until last year's jaarverantwoording is adopted.
    "verantwoording-herinneren": {
        "task": "monitoring.tasks.verantwoording_herinneren_taak",
        "schedule": crontab(month_of_year="1-3", day_of_week="mon", hour=8, minute=0),
    },
}
