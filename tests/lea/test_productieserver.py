"""The production server: gunicorn from environment variables, the cache, compiled templates."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.template import engines
from django.template.loaders.cached import Loader as CachedLoader

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"
SLEUTEL = "een-lange-geheime-sleutel-van-een-installatie-9f3k2m8q7x"


def _omgeving(**env: str) -> dict[str, str]:
    omgeving = {k: v for k, v in os.environ.items() if not k.startswith(("LEA_WEB_", "CACHE_"))}
    omgeving.update(env)
    return omgeving


def _gunicorn_instellingen(**env: str) -> subprocess.CompletedProcess:
    code = (
        "import runpy; c = runpy.run_path('lea/config/gunicorn.py'); "
        "print(c['workers'], c['threads'], c['worker_class'], c['timeout'], c['bind'])"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=_omgeving(**env),
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_gunicorn_defaults_are_two_single_threaded_workers_per_core():
    resultaat = _gunicorn_instellingen()
    assert resultaat.returncode == 0, resultaat.stderr
    workers, threads, klasse, timeout, bind = resultaat.stdout.split()
    assert int(workers) == 2 * (os.cpu_count() or 1)
    assert (int(threads), klasse, int(timeout), bind) == (1, "gthread", 30, "0.0.0.0:8000")


def test_gunicorn_settings_come_from_the_environment():
    resultaat = _gunicorn_instellingen(
        LEA_WEB_WORKERS="3", LEA_WEB_THREADS="8", LEA_WEB_TIMEOUT="90", LEA_WEB_BIND="127.0.0.1:9"
    )
    assert resultaat.returncode == 0, resultaat.stderr
    assert resultaat.stdout.split() == ["3", "8", "gthread", "90", "127.0.0.1:9"]


@pytest.mark.parametrize(
    ("env", "melding"),
    [
        ({"LEA_WEB_WORKERS": "veel"}, "LEA_WEB_WORKERS"),
        ({"LEA_WEB_THREADS": "0"}, "LEA_WEB_THREADS"),
        ({"LEA_WEB_WORKER_CLASS": "eventlet"}, "gebruik sync of gthread"),
    ],
)
def test_gunicorn_refuses_bad_values_with_a_clear_message(env, melding):
    resultaat = _gunicorn_instellingen(**env)
    assert resultaat.returncode != 0
    assert melding in resultaat.stderr


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_gunicorn_with_the_config_serves_the_login_page(tmp_path):
    poort = _vrije_poort()
    server = subprocess.Popen(
        [str(GUNICORN), "lea.config.wsgi", "-c", "lea/config/gunicorn.py"],
        cwd=ROOT,
        env=_omgeving(
            LEA_WEB_BIND=f"127.0.0.1:{poort}",
            LEA_WEB_WORKERS="2",
            DEBUG="0",
            SECRET_KEY=SLEUTEL,
            SECURE_SSL_REDIRECT="0",
            LEA_VAR_DIR=str(tmp_path),
            DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        ),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        antwoord = None
        for _ in range(100):
            try:
                antwoord = urllib.request.urlopen(f"http://127.0.0.1:{poort}/inloggen/", timeout=5)
                break
            except OSError:
                time.sleep(0.2)
        assert antwoord is not None, "gunicorn antwoordde niet"
        assert antwoord.status == 200
        assert "Inloggen" in antwoord.read().decode()
    finally:
        server.terminate()
        uitvoer = server.communicate(timeout=30)[0]
    assert "Using worker: gthread" in uitvoer
    assert uitvoer.count("Booting worker") == 2


def _manage(*opdracht: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *opdracht],
        cwd=ROOT,
        env=_omgeving(DEBUG="0", SECRET_KEY=SLEUTEL, **env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_cache_url_each_process_caches_in_memory_and_sessions_stay_in_the_database():
    resultaat = _manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings as s; "
        "print(s.CACHES['default']['BACKEND'], s.SESSION_ENGINE)",
    )
    assert resultaat.returncode == 0, resultaat.stderr
    assert resultaat.stdout.split() == [
        "django.core.cache.backends.locmem.LocMemCache",
        "django.contrib.sessions.backends.db",
    ]


def test_a_cache_url_that_is_not_redis_is_refused():
    resultaat = _manage("check", CACHE_URL="memcached://elders:11211")
    assert resultaat.returncode != 0
    assert "CACHE_URL" in resultaat.stderr


@pytest.mark.skipif(not os.environ.get("CI"), reason="Redis draait in CI (.ci/run)")
def test_with_cache_url_redis_caches_for_every_process_and_holds_the_sessions():
    code = (
        "from django.conf import settings as s; from django.core.cache import cache; "
        "import os; sleutel = 'proef-' + str(os.getpid()); cache.set(sleutel, 'ja', 30); "
        "print(s.SESSION_ENGINE, cache.get(sleutel)); cache.delete(sleutel)"
    )
    resultaat = _manage("shell", "--no-imports", "-c", code, CACHE_URL="redis://127.0.0.1:6379/1")
    assert resultaat.returncode == 0, resultaat.stderr
    assert resultaat.stdout.split() == ["django.contrib.sessions.backends.cached_db", "ja"]


def test_templates_are_compiled_once_per_process():
    (loader,) = engines["django"].engine.template_loaders
    assert isinstance(loader, CachedLoader)
    engines["django"].get_template("base.html")
    aantal = len(loader.get_template_cache)
    engines["django"].get_template("base.html")
    assert len(loader.get_template_cache) == aantal > 0
