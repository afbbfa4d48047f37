"""Issue 10: the beheerder finds, by clicking from the agenda's "Beheer" tab, a create page and
an edit page for everything she maintains, each a labelled form with a submit button."""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from .test_browser import ernstige_schendingen, login

SLUG = "bunnik-2025"
# Each onderdeel of the Beheer page: (link text on the Beheer page, needs a create page).
ONDERDELEN = {
    "Instellingen": ("Instellingen van de agenda", False),  # the agenda is made by the FB
    "Organisaties": ("Organisaties", True),
    "Personen": ("Personen", True),
    "Rollen": ("Rollen en logins", True),
    "Doelenboom": ("Doelenboom", True),
    "Werkgroepen": ("Werkgroepen", True),
    "Acties": ("Acties", True),
    "Overlegorganen": ("Overlegorganen", True),
    "Indicatoren": ("Indicatoren", True),
    "Scholen": ("Scholen", True),
    "VE-cijfers": ("VE-cijfers", True),
    "Begroting": ("Begroting", True),
}
NIEUW = re.compile(r"/(nieuw|instellen)/(\?.*)?$")
BEWERKEN = re.compile(
    r"/(bewerken/|beheer/(personen|rollen|organisaties)/\d+/|beheer/instellingen/)$"
)
DETAIL = re.compile(r"/(werkgroepen|acties|organen)/\d+/$")


# Bunnik's demo data has no schools, VE figures or budget: make one through the create pages.
EERST_MAKEN = {
    "Scholen": [("/scholen/nieuw/", {"#id_naam": "OBS Testschool", "#id_brin": "99ZZ"})],
    "VE-cijfers": [("/ve-cijfers/nieuw/", {"#id_jaar": "2025", "#id_geindiceerd": "10",
                                           "#id_bereikt": "8"})],
    "Begroting": [
        ("/begroting/instellen/", {"#id_eerste_jaar": "2025", "#id_laatste_jaar": "2028"}),
        ("/begroting/posten/nieuw/", {"#id_naam": "Testpost"}),
    ],
}  # fmt: skip


def _links(page, patroon: re.Pattern) -> list[str]:
    hrefs = page.locator("main a[href]").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    return [h for h in hrefs if patroon.search(h)]


def _klik(page, href: str) -> None:
    page.locator(f'main a[href="{href}"]').first.click()
    page.wait_for_load_state()


def _is_formulier(page) -> str:
    """'' when the page holds a POST form with fields and a submit button, else why not."""
    formulier = page.locator("main form[method=post]").filter(
        has=page.locator("input:not([type=hidden]), select, textarea")
    )
    if formulier.count() == 0:
        return f"geen formulier op {page.url}"
    if formulier.first.locator("[type=submit]").count() == 0:
        return f"geen verzendknop op {page.url}"
    return ""


def _beheerpagina(page, live_server) -> None:
    page.goto(live_server.url + reverse("agenda_dashboard", args=[SLUG]))
    page.get_by_role("navigation", name=re.compile("^Agenda ")).get_by_role(
        "link", name="Beheer", exact=True
    ).click()
    page.get_by_role("heading", name="Beheer", exact=True).wait_for()


@pytest.mark.usefixtures("demo")
def test_beheerder_finds_create_and_edit_pages_from_beheer(page, live_server):
    verzoeken: list[str] = []
    page.on("request", lambda r: verzoeken.append(urlsplit(r.url).path))
    login(page, live_server, "beleid-bunnik")
    _beheerpagina(page, live_server)
    assert ernstige_schendingen(page) == []
    tabel = page.locator("main table")
    aanwezig = tabel.get_by_role("link").all_inner_texts()
    ontbreekt = [t for t, _n in ONDERDELEN.values() if t not in aanwezig]
    assert ontbreekt == [], f"niet op de Beheer-pagina: {ontbreekt} (wel: {aanwezig})"

    gevonden: dict[str, dict[str, str]] = {}
    problemen: list[str] = []
    schendingen: dict[str, list[str]] = {}
    for naam, (linktekst, met_nieuw) in ONDERDELEN.items():
        gevonden[naam] = {}
        stappen = [("bewerken", _naar_bewerken)]
        if met_nieuw:
            stappen.insert(0, ("nieuw", _naar_nieuw))
        for soort, naar in stappen:
            _beheerpagina(page, live_server)
            tabel.get_by_role("link", name=linktekst, exact=True).click()
            page.wait_for_load_state()
            if probleem := naar(page, naam):
                problemen.append(f"{naam}: {probleem}")
            elif fout := _is_formulier(page):
                problemen.append(f"{naam} ({soort}): {fout}")
            else:
                gevonden[naam][soort] = urlsplit(page.url).path
                if s := ernstige_schendingen(page):
                    schendingen[f"{naam} {soort}"] = s

    assert problemen == [], "\n".join(problemen)
    for naam, (_t, met_nieuw) in ONDERDELEN.items():
        assert "bewerken" in gevonden[naam], naam
        assert not met_nieuw or "nieuw" in gevonden[naam], naam
    assert schendingen == {}
    assert [p for p in verzoeken if p.startswith("/beheer/")] == []


def _naar_nieuw(page, naam: str) -> str:
    """From an onderdeel's list to its create page; a problem in words, or ""."""
    nieuw = _links(page, NIEUW)
    if not nieuw:
        return f"geen link naar een nieuw-pagina op {page.url}"
    _klik(page, nieuw[0])
    return ""


def _naar_bewerken(page, naam: str) -> str:
    """From an onderdeel's list to an edit page: on the list, or one step further on an
    object's own page; where the demo has no object yet, one is made through the UI first."""
    bewerken = _links(page, BEWERKEN)
    if not bewerken and naam in EERST_MAKEN:
        lijst = page.url
        for pad, velden in EERST_MAKEN[naam]:
            page.goto(lijst)
            _klik(page, next(h for h in _links(page, NIEUW) if h.endswith(pad)))
            for veld, waarde in velden.items():
                page.locator(veld).fill(waarde)
            page.locator("main form[method=post] [type=submit]").first.click()
            page.wait_for_load_state()
        page.goto(lijst)
        bewerken = _links(page, BEWERKEN)
    if urlsplit(page.url).path.rstrip("/").endswith("beheer/instellingen"):
        bewerken = [urlsplit(page.url).path]
    elif not bewerken and (detail := _links(page, DETAIL)):
        _klik(page, detail[0])
        bewerken = _links(page, BEWERKEN)
    if not bewerken:
        return f"geen link naar een bewerk-pagina vanaf {page.url}"
    if urlsplit(page.url).path != bewerken[0]:
        _klik(page, bewerken[0])
    return ""
