"""Secure by default, on the server: the production settings and their switches, the refusal
of a weak SECRET_KEY, the demo only on a demonstration installation, and the session's limits."""

import json
import os
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.utils import get_random_secret_key
from django.urls import reverse
from django.utils import timezone

from lea.config.middleware import BEGIN, LAATST

ROOT = Path(__file__).resolve().parents[2]
STERKE_SLEUTEL = get_random_secret_key()


# --- settings with DEBUG off, and their switches -----------------------------------------------


def _omgeving(**env: str) -> dict[str, str]:
    """The environment of a production start: none of the test run's switches."""
    weg = {
        "DEBUG",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "LEA_BASIS_URL",
        "LEA_DEMONSTRATIE",
        "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by tests/live for Playwright, never in production
    }
    omgeving = {k: v for k, v in os.environ.items() if k not in weg and not k.startswith("SECURE_")}
    omgeving.update(env)
    return omgeving


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=_omgeving(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTIE = {
    "DEBUG": "0",
    "SECRET_KEY": STERKE_SLEUTEL,
    "ALLOWED_HOSTS": "lea.gemeente.nl",
    # lea.config.checks (lea.E001): links in mails and feeds need the installation's address.
    "LEA_BASIS_URL": "https://lea.gemeente.nl",
}


def test_deploy_check_is_clean_with_debug_off_a_strong_key_and_the_hosts_set():
    resultaat = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTIE)
    assert resultaat.returncode == 0, resultaat.stderr
    assert "no issues" in resultaat.stdout


@pytest.mark.parametrize(
    ("schakelaar", "melding"),
    [
        ({"SECURE_SSL_REDIRECT": "0"}, "security.W008"),
        ({"SECURE_HSTS_SECONDS": "0"}, "security.W004"),
        ({"SECURE_COOKIES": "0"}, "security.W012"),
    ],
)
def test_deploy_check_reports_what_is_switched_off(schakelaar, melding):
    resultaat = _manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTIE, **schakelaar)
    assert resultaat.returncode != 0
    assert melding in resultaat.stderr


def _instellingen(**env: str) -> dict:
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_PROXY_SSL_HEADER]))"
    )
    resultaat = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=_omgeving(DJANGO_SETTINGS_MODULE="lea.config.settings", **env),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert resultaat.returncode == 0, resultaat.stderr
    redirect, hsts, sessie, csrf, proxy = json.loads(resultaat.stdout)
    return {"redirect": redirect, "hsts": hsts, "sessie": sessie, "csrf": csrf, "proxy": proxy}


def test_with_debug_off_https_is_on_by_default_and_each_part_can_be_switched_off():
    aan = _instellingen(DEBUG="0", SECRET_KEY=STERKE_SLEUTEL)
    assert aan == {
        "redirect": True,
        "hsts": 31_536_000,
        "sessie": True,
        "csrf": True,
        "proxy": None,
    }

    uit = _instellingen(
        DEBUG="0",
        SECRET_KEY=STERKE_SLEUTEL,
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        SECURE_COOKIES="0",
    )
    assert uit == {"redirect": False, "hsts": 0, "sessie": False, "csrf": False, "proxy": None}

    achter_proxy = _instellingen(
        DEBUG="0", SECRET_KEY=STERKE_SLEUTEL, SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO,https"
    )
    assert achter_proxy["proxy"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert achter_proxy["redirect"] is True


def test_with_debug_on_https_is_off():
    assert _instellingen(DEBUG="1") == {
        "redirect": False,
        "hsts": 0,
        "sessie": False,
        "csrf": False,
        "proxy": None,
    }


def test_a_malformed_proxy_header_stops_start_up():
    resultaat = _manage(
        "check", DEBUG="0", SECRET_KEY=STERKE_SLEUTEL, SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto"
    )
    assert resultaat.returncode != 0
    assert "SECURE_PROXY_SSL_HEADER" in resultaat.stderr


@pytest.mark.parametrize(
    "sleutel",
    [
        "kort",
        "a" * 60,  # long, but fewer than five different characters
        "django-insecure-" + get_random_secret_key(),  # Django's throwaway development key
    ],
    ids=["kort", "eentonig", "django-insecure"],  # stable names for parallel test processes
)
def test_a_weak_secret_key_is_refused_with_debug_off(sleutel):
    resultaat = _manage("check", DEBUG="0", SECRET_KEY=sleutel)
    assert resultaat.returncode != 0
    assert "SECRET_KEY is te zwak" in resultaat.stderr


def test_a_strong_secret_key_starts_and_debug_accepts_a_weak_one():
    assert _manage("check", DEBUG="0", SECRET_KEY=STERKE_SLEUTEL).returncode == 0
    ontwikkeling = _manage("check", DEBUG="1", SECRET_KEY="kort")
    assert ontwikkeling.returncode == 0, ontwikkeling.stderr


def test_http_is_redirected_to_https_and_https_answers_with_hsts(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    url = reverse("login")

    http = client.get(url)
    assert http.status_code == 301
    assert http["Location"] == f"https://testserver{url}"
    assert "Strict-Transport-Security" not in http  # only over https, as the RFC says

    https = client.get(url, secure=True)
    assert https.status_code == 200
    assert https["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_behind_a_proxy_its_header_counts_as_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    url = reverse("login")
    assert client.get(url, headers={"X-Forwarded-Proto": "http"}).status_code == 301
    via_proxy = client.get(url, headers={"X-Forwarded-Proto": "https"})
    assert via_proxy.status_code == 200
    assert "Strict-Transport-Security" in via_proxy


# --- the demo only on a demonstration installation ------------------------------------------


def test_the_demo_refuses_to_run_with_debug_off(db, settings):
    settings.DEBUG = False
    settings.LEA_DEMONSTRATIE = False
    get_user_model().objects.filter(username="admin").delete()
    with pytest.raises(CommandError, match="LEA_DEMONSTRATIE=1"):
        call_command("demo", verbosity=0)
    assert not get_user_model().objects.filter(username="admin").exists()


def test_the_demo_runs_on_a_demonstration_installation(db, settings):
    settings.DEBUG = False
    settings.LEA_DEMONSTRATIE = True
    get_user_model().objects.filter(username="admin").delete()
    call_command("demo", verbosity=0)
    assert get_user_model().objects.get(username="admin").check_password("lea-demo")


def test_the_demo_runs_in_development(db, settings):
    settings.DEBUG = True
    settings.LEA_DEMONSTRATIE = False
    get_user_model().objects.filter(username="admin").delete()
    call_command("demo", verbosity=0)
    assert get_user_model().objects.filter(username="admin").exists()


# --- the session: a working day at most, an idle hour ---------------------------------------


def _zet(client, **waarden: int) -> None:
    sessie = client.session
    sessie.update(waarden)
    sessie.save()


def test_an_idle_session_is_logged_out(client, anne, bunnik, settings):
    settings.SESSION_IDLE_MINUTEN = 60
    client.force_login(anne)
    dashboard = reverse("agenda_dashboard", args=[bunnik.slug])
    assert client.get(dashboard).status_code == 200

    _zet(client, **{LAATST: int(time.time()) - 61 * 60})
    response = client.get(dashboard, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert "uitgelogd na 60 minuten zonder activiteit" in response.text
    assert client.get(dashboard).status_code == 302  # still logged out


def test_a_session_idle_since_its_login_is_logged_out(client, anne, bunnik, settings):
    settings.SESSION_IDLE_MINUTEN = 60
    client.force_login(anne)
    anne.last_login = timezone.now() - timedelta(minutes=61)
    anne.save(update_fields=["last_login"])
    response = client.get(reverse("agenda_dashboard", args=[bunnik.slug]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_an_active_session_stays_logged_in(client, anne, bunnik, settings):
    settings.SESSION_IDLE_MINUTEN = 60
    client.force_login(anne)
    dashboard = reverse("agenda_dashboard", args=[bunnik.slug])
    assert client.get(dashboard).status_code == 200
    _zet(client, **{LAATST: int(time.time()) - 59 * 60})
    assert client.get(dashboard).status_code == 200
    # The request counted as activity: the idle clock starts again.
    assert int(time.time()) - client.session[LAATST] < 5


def test_a_session_ends_after_a_working_day_however_active(client, anne, bunnik, settings):
    assert settings.SESSION_COOKIE_AGE == 9 * 60 * 60
    client.force_login(anne)
    dashboard = reverse("agenda_dashboard", args=[bunnik.slug])
    assert client.get(dashboard).status_code == 200
    nu = int(time.time())
    _zet(client, **{BEGIN: nu - 9 * 60 * 60 + 60, LAATST: nu})
    assert client.get(dashboard).status_code == 200
    _zet(client, **{BEGIN: nu - 9 * 60 * 60 - 1, LAATST: nu})
    response = client.get(dashboard, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert "hoogstens een werkdag" in response.text
