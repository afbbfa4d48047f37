"""Secure by default, in the browser: the security headers on every kind of response, and
templates and pages the Content-Security-Policy can serve."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management.utils import get_random_secret_key
from django.urls import reverse

from overleg.models import Vergadering
from overleg.services.pdf import vergaderdocument_maak, vergaderdocument_vraag

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
    """A meeting whose agenda PDF the worker has made, so its address answers with the PDF."""
    vergadering = Vergadering.objects.filter(orgaan__agenda=bunnik).order_by("begin").first()
    document = vergaderdocument_vraag(vergadering=vergadering, soort="agenda")
    vergaderdocument_maak(document_id=document.pk)
    return vergadering


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
