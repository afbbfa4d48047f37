"""The Celery app. The beat schedule lives here, one commented entry per job."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lea.settings")

app = Celery("lea")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {}
