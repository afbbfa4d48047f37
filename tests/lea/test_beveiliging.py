"""Secure by default: the security headers on every kind of response, templates the
Content-Security-Policy can serve, the production settings and their switches, the refusal of
a weak SECRET_KEY, the demo only on a demonstration installation, and the session's limits."""

import json
import os
import re
import subprocess
import sys
import time
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.management.utils import get_random_secret_key
from django.urls import reverse
from django.utils import timezone

from lea.config.middleware import BEGIN, LAATST
from overleg.models import Vergadering

ROOT = Path(__file__).resolve().parents[2]
STERKE_SLEUTEL = get_random_secret_key()

# --- what a page may contain under the policy ------------------------------------------------

# The DOM's event handler attributes (onclick, onsubmit, …): named precisely, so that a
# template variable like {% if onderwerp %} inside a tag is not taken for one.
EVENT_ATTRIBUUT = re.compile(
    r"on(abort|auxclick|before\w+|blur|cancel|change|click|close|contextmenu|copy|cut|dblclick|"
    r"drag\w*|drop|error|focus\w*|hashchange|input|invalid|key\w+|load\w*|message|mouse\w+|"
    r"paste|pointer\w+|popstate|reset|resize|scroll\w*|search|select\w*|submit|toggle|"
    r"touch\w+|transition\w+|animation\w+|unload|wheel)"
)


class Opmaak(HTMLParser):
    """Collects what the Content-Security-Policy would block in a page or template."""

    def __init__(self) -> None:
        super().__init__()
        self.fouten: list[str] = []
        self.stijlen: list[str] = []
        self.stijlblokken = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        namen = {naam.lower() for naam, _waarde in attrs}
        if tag == "script" and "src" not in namen:
            self.fouten.append("inline <script> zonder src")
        if tag == "style":
            self.stijlblokken += 1
        for naam, waarde in attrs:
            naam = naam.lower()
            if EVENT_ATTRIBUUT.fullmatch(naam):
                self.fouten.append(f"event-attribuut {naam}")
            if naam.startswith(("hx-on", "data-hx-on")):
                self.fouten.append(f"{naam} (htmx voert dit uit met eval)")
            if waarde and waarde.strip().lower().startswith("javascript:"):
                self.fouten.append(f"javascript:-URL in {naam}")
            if naam == "style" and waarde is not None:
                self.stijlen.append(waarde)


def _opmaak(html: str) -> Opmaak:
    opmaak = Opmaak()
    opmaak.feed(html)
    opmaak.close()
    return opmaak


def _beleid(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header as directive -> sources."""
    assert "Content-Security-Policy" in response, "geen Content-Security-Policy"
    regels = (deel.split() for deel in response["Content-Security-Policy"].split(";"))
    return {regel[0]: regel[1:] for regel in regels if regel}


def _browser_templates():
    """The templates served to a browser (the PDF templates are rendered by WeasyPrint)."""
    for pad in sorted((ROOT / "templates").rglob("*.html")):
        if "pdf" not in pad.relative_to(ROOT / "templates").parts:
            yield pad


def test_the_template_scan_finds_what_the_policy_blocks():
    """The scanner itself: each forbidden construct is found, and its allowed form is not."""
    verboden = [
        "<script>alert(1)</script>",
        '<button onclick="doe()">x</button>',
        '<form onsubmit="return false">',
        '<div hx-on:click="doe()">',
        '<div hx-on::after-request="doe()">',
        '<a href="javascript:doe()">x</a>',
    ]
    for html in verboden:
        assert _opmaak(html).fouten, html
    toegestaan = (
        '<script src="/static/x.js" defer></script>'
        '{% if onderwerp %}<p class="x" {% if onderwerp %}hidden{% endif %}>on</p>{% endif %}'
        '<div hx-get="/x" hx-trigger="every 2s"></div><a href="/javascript-uitleg/">x</a>'
    )
    assert _opmaak(toegestaan).fouten == []
    assert _opmaak('<span style="color:red">').stijlen == ["color:red"]


@pytest.mark.parametrize(
    "pad", list(_browser_templates()), ids=lambda p: str(p.relative_to(ROOT / "templates"))
)
def test_templates_have_no_inline_script_event_handler_or_style(pad):
    """script-src 'self' blocks inline script and handlers, style-src 'self' inline style:
    behaviour belongs in static/js/, looks in static/css/lea.css."""
    opmaak = _opmaak(pad.read_text(encoding="utf-8"))
    assert opmaak.fouten == []
    assert opmaak.stijlen == [], "style-attribuut: zet de opmaak in static/css/lea.css"
    assert opmaak.stijlblokken == 0, "<style>-blok: zet de opmaak in static/css/lea.css"


def test_htmx_is_configured_for_the_policy():
    """htmx would inject an inline <style> and evaluate hx-on/js: attributes otherwise."""
    base = (ROOT / "templates" / "base.html").read_text(encoding="utf-8")
    meta = re.search(r"<meta name=\"htmx-config\" content='([^']+)'>", base)
    assert meta, 'templates/base.html mist <meta name="htmx-config">'
    config = json.loads(meta.group(1))
    assert config["includeIndicatorStyles"] is False
    assert config["allowEval"] is False
    assert config["allowScriptTags"] is False


# --- the headers on every kind of response ---------------------------------------------------


@pytest.fixture
def vergadering(bunnik):
    return Vergadering.objects.filter(orgaan__agenda=bunnik).order_by("begin").first()


def _soorten(bunnik, werkgroep, actie_van_victor, vergadering):
    """(what, username or None, url, extra headers, expected status) for each kind of response."""
    slug = bunnik.slug
    return [
        ("pagina", "beleid-bunnik", reverse("agenda_dashboard", args=[slug]), {}, 200),
        ("formulier", "beleid-bunnik", reverse("actie_nieuw", args=[slug]), {}, 200),
        (
            "pdf",
            "beleid-bunnik",
            reverse("vergadering_pdf", args=[slug, vergadering.pk, "agenda"]),
            {},
            200,
        ),
        (
            "htmx-fragment",
            "voorzitter-bunnik",
            reverse("werkgroep_voortgang", args=[slug, werkgroep.pk, actie_van_victor.pk]),
            {"HX-Request": "true"},
            200,
        ),
        ("404", "beleid-bunnik", "/agenda/bestaat-niet/", {}, 404),
        ("403", "stuurgroep-bunnik", reverse("actie_nieuw", args=[slug]), {}, 403),
        ("inloggen", None, reverse("login"), {}, 200),
        ("doorverwijzing", None, reverse("agenda_dashboard", args=[slug]), {}, 302),
        ("beheer", "admin", reverse("admin:index"), {}, 200),
        ("statisch", None, "/static/css/lea.css", {}, 200),
    ]


@pytest.fixture
def soorten(bunnik, werkgroep, actie_van_victor, vergadering):
    return _soorten(bunnik, werkgroep, actie_van_victor, vergadering)


def test_every_kind_of_response_carries_the_security_headers(client, soorten):
    for wat, gebruiker, url, headers, status in soorten:
        client.logout()
        if gebruiker:
            client.force_login(get_user_model().objects.get(username=gebruiker))
        response = client.get(url, headers=headers)
        assert response.status_code == status, wat

        beleid = _beleid(response)
        assert beleid["default-src"] == ["'self'"], wat
        assert beleid["script-src"] == ["'self'"], wat
        assert beleid["style-src"] == ["'self'"], wat
        assert beleid["object-src"] == ["'none'"], wat
        assert beleid["frame-ancestors"] == ["'none'"], wat
        assert beleid["form-action"] == ["'self'"], wat
        assert beleid["base-uri"] == ["'self'"], wat
        assert not any("unsafe-inline" in b or "unsafe-eval" in b for b in beleid["script-src"])

        toestemming = response["Permissions-Policy"]
        for functie in ("camera", "microphone", "geolocation", "payment", "usb"):
            assert f"{functie}=()" in toestemming, (wat, functie)
        assert response["Referrer-Policy"] == "same-origin", wat
        assert response["X-Content-Type-Options"] == "nosniff", wat
        assert response["X-Frame-Options"] == "DENY", wat


def test_no_page_shows_what_the_policy_blocks(client, soorten):
    """The rendered pages, Python-made markup included: no inline script or handler, no style
    attribute and no style block (the policy allows none of them)."""
    for wat, gebruiker, url, headers, _status in soorten:
        client.logout()
        if gebruiker:
            client.force_login(get_user_model().objects.get(username=gebruiker))
        response = client.get(url, headers=headers)
        if not response["Content-Type"].startswith("text/html"):
            continue
        opmaak = _opmaak(response.content.decode())
        assert opmaak.fouten == [], wat
        assert opmaak.stijlen == [], wat
        assert opmaak.stijlblokken == 0, wat
    assert "style-src-attr" not in _beleid(response)


def test_the_status_legend_draws_its_colours_without_a_style_attribute(client, anne, bunnik):
    """The dashboard's legend shows a coloured swatch per status, as SVG (a fill, not a style)."""
    client.force_login(anne)
    response = client.get(reverse("agenda_dashboard", args=[bunnik.slug]))
    tekst = response.content.decode()
    assert 'class="legenda"' in tekst
    assert '<rect width="10" height="10" fill="#' in tekst
    assert _opmaak(tekst).stijlen == []


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
