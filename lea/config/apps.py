from pathlib import Path

from django.apps import AppConfig
from django.conf import settings
from django.contrib.admin import apps as admin_apps


class BeheerConfig(admin_apps.AdminConfig):
    """django.contrib.admin, with LEA's site (lea/beheer.py) as `admin.site`."""

    default = False  # named in INSTALLED_APPS; this module's app is lea.config's own
    default_site = "lea.beheer.Beheersite"


class WiringConfig(AppConfig):
    """The wiring as an app: the commands that span every app (demo, benchmark), and the
    run-time folders under var/, made when Django starts rather than when settings are read."""

    name = "lea.config"
    label = "lea_config"
    verbose_name = "LEA – samenstelling"

    def ready(self) -> None:
        from lea.config import checks  # noqa: F401 - registers the installation's checks

        for folder in runtime_folders():
            folder.mkdir(parents=True, exist_ok=True)


def runtime_folders() -> list[Path]:
    """The folders LEA writes to: the SQLite file's, uploads, static files, the file broker's."""
    folders = [Path(settings.MEDIA_ROOT), Path(settings.STATIC_ROOT)]
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3" and database["NAME"] != ":memory:":
        folders.append(Path(database["NAME"]).parent)
    opties = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    for sleutel in ("data_folder_in", "processed_folder", "control_folder"):
        if opties.get(sleutel):
            folders.append(Path(opties[sleutel]))
    folders.append(Path(settings.CELERY_BEAT_SCHEDULE_FILENAME).parent)
    return folders
