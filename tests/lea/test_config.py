"""Start-up configuration: bad values fail loudly; CI really runs on PostgreSQL and Redis."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def _start(**env) -> subprocess.CompletedProcess:
    omgeving = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    omgeving.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=omgeving,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_refuses_to_start_without_secret_key_when_debug_is_off():
    resultaat = _start(DEBUG="0")
    assert resultaat.returncode != 0
    assert "SECRET_KEY ontbreekt" in resultaat.stderr


@pytest.mark.parametrize(
    ("env", "melding"),
    [
        ({"DEBUG": "misschien"}, "geen geldige ja/nee-waarde"),
        ({"SECRET_KEY": "x", "EMAIL_PORT": "vijfentwintig"}, "EMAIL_PORT"),
        ({"SECRET_KEY": "x", "CELERY_BROKER_URL": "amqp://elders"}, "wordt niet ondersteund"),
        ({"SECRET_KEY": "x", "DATABASE_URL": "onzin://"}, "DATABASE_URL"),
    ],
)
def test_bad_values_fail_at_start_up_with_a_clear_message(env, melding):
    resultaat = _start(**env)
    assert resultaat.returncode != 0
    assert melding in resultaat.stderr


def test_starts_with_a_secret_key():
    resultaat = _start(
        DEBUG="0", SECRET_KEY="een-lange-geheime-sleutel-van-een-installatie-9f3k2m8q7x"
    )
    assert resultaat.returncode == 0, resultaat.stderr


def test_dutch_defaults():
    assert settings.LANGUAGE_CODE == "nl"
    assert settings.TIME_ZONE == "Europe/Amsterdam"
    assert settings.USE_TZ is True


@pytest.mark.skipif(not os.environ.get("CI"), reason="alleen in CI (.ci/run)")
def test_ci_runs_on_postgresql_and_redis():
    assert connection.vendor == "postgresql"
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    from lea.config.celery import app

    with app.connection_for_write() as verbinding:
        verbinding.ensure_connection(max_retries=1)
        assert verbinding.transport.driver_type == "redis"


def test_docker_compose_runs_one_image_as_web_worker_and_beat():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    diensten = compose["services"]
    assert set(diensten) == {"web", "worker", "beat", "postgres", "redis"}
    for naam in ("web", "worker", "beat"):
        dienst = diensten[naam]
        assert dienst["image"] == "lea:latest"
        assert dienst["build"] == "."
        env = dienst["environment"]
        for sleutel in ("DATABASE_URL", "CELERY_BROKER_URL", "SECRET_KEY", "ALLOWED_HOSTS"):
            assert sleutel in env
        assert env["DATABASE_URL"].startswith("postgres://")
        assert "@postgres:5432/" in env["DATABASE_URL"]
        assert env["CELERY_BROKER_URL"].startswith("redis://redis:6379")
        assert env["DEBUG"] == "0"
    assert "gunicorn lea.config.wsgi" in diensten["web"]["command"]
    assert "celery -A lea.config worker" in diensten["worker"]["command"]
    assert "celery -A lea.config beat" in diensten["beat"]["command"]
    assert diensten["postgres"]["image"].startswith("postgres:")
    assert diensten["redis"]["image"].startswith("redis:")
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert dockerfile.startswith("# ")
    assert "FROM python:3.11" in dockerfile
    assert "libpango" in dockerfile
    assert "collectstatic" in dockerfile


def test_no_external_assets_in_templates():
    for template in (ROOT / "templates").rglob("*.html"):
        tekst = template.read_text()
        assert "http://" not in tekst, template
        assert "https://" not in tekst, template


def test_every_beat_entry_names_a_task_that_exists():
    """A task renamed in an app but not in the schedule would never run again."""
    from lea.config.celery import app

    app.loader.import_default_modules()
    for naam, regel in app.conf.beat_schedule.items():
        assert regel["task"] in app.tasks, naam


def test_deploy_check_requires_the_base_address(settings):
    """Links in mails and feeds must not point at the development default in production."""
    from lea.config.checks import basis_url_ingesteld

    settings.LEA_BASIS_URL_GEZET = False
    assert [m.id for m in basis_url_ingesteld(None)] == ["lea.E001"]
    settings.LEA_BASIS_URL_GEZET = True
    assert basis_url_ingesteld(None) == []


def test_make_run_serves_and_links_on_the_same_address():
    makefile = (ROOT / "Makefile").read_text()
    assert "run: export LEA_BASIS_URL ?= http://127.0.0.1:$(PORT)" in makefile
    assert "runserver 127.0.0.1:$(PORT)" in makefile
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert "LEA_BASIS_URL" in compose["x-app"]["environment"]
