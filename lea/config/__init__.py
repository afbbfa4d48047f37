"""The wiring: settings, root urls, the Celery app with its beat schedule, wsgi, and the
commands that span every app (demo, benchmark). The only part of `lea` that names later apps.

Importing the Celery app here makes `@shared_task` bind to it whenever Django starts.
"""

from lea.config.celery import app as celery_app

__all__ = ("celery_app",)
