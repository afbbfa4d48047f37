"""On a phone (375 px wide) every page type fits the screen without sideways scrolling and
axe-core finds no accessibility violation on it; the agenda's menu folds away behind one
button."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from overleg.models import Overlegorgaan, Vergadering
from werkgroepen.models import Actie, Werkgroep

from .test_browser import AXE, login

SLUG = "hilversum-2024"
TELEFOON = {"width": 375, "height": 800}


def schendingen(page: Page) -> list[str]:
    """axe-core on the current page: every WCAG 2.1 A/AA violation, whatever its impact."""
    page.evaluate(AXE.read_text(encoding="utf-8"))  # an added <script> tag would break the CSP
    resultaat = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in resultaat["violations"]
    ]


def pagina_problemen(page: Page) -> list[str]:
    """What is wrong with the page on this screen: sideways scrolling, accessibility."""
    problemen = []
    breedte, scherm = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    if breedte > scherm:
        problemen.append(f"{breedte} px breed op een scherm van {scherm} px")
    return problemen + schendingen(page)


def bekijk(page: Page, live_server: LiveServer, paginas: dict[str, str]) -> dict[str, list[str]]:
    gevonden = {}
    for naam, url in paginas.items():
        antwoord = page.goto(live_server.url + url)
        assert antwoord is not None
        assert antwoord.status == (404 if naam == "niet gevonden" else 200), naam
        if problemen := pagina_problemen(page):
            gevonden[naam] = problemen
    return gevonden


def beheerderspaginas() -> dict[str, str]:
    actie = Actie.objects.filter(agenda__slug=SLUG).earliest("pk")
    werkgroep = Werkgroep.objects.filter(agenda__slug=SLUG).earliest("pk")
    orgaan = Overlegorgaan.objects.filter(agenda__slug=SLUG).earliest("pk")
    vergadering = Vergadering.objects.filter(orgaan=orgaan).latest("begin")
    a = [SLUG]
    return {
        "mijn overzicht": reverse("home"),
        "meldingen": reverse("meldingen"),
        "dashboard": reverse("agenda_dashboard", args=a),
        "doelenboom": reverse("agenda_overzicht", args=a),
        "acties": reverse("actie_lijst", args=a),
        "actie": reverse("actie_detail", args=[SLUG, actie.pk]),
        "actie bewerken": reverse("actie_bewerken", args=[SLUG, actie.pk]),
        "actie voortgang": reverse("actie_voortgang", args=[SLUG, actie.pk]),
        "werkgroepen": reverse("werkgroep_lijst", args=a),
        "werkgroep": reverse("werkgroep_detail", args=[SLUG, werkgroep.pk]),
        "werkgroep bewerken": reverse("werkgroep_bewerken", args=[SLUG, werkgroep.pk]),
        "overleg": reverse("overleg_lijst", args=a),
        "orgaan": reverse("orgaan_detail", args=[SLUG, orgaan.pk]),
        "vergadering": reverse("vergadering_detail", args=[SLUG, vergadering.pk]),
        "vergadering bewerken": reverse("vergadering_wijzig", args=[SLUG, vergadering.pk]),
        "register": reverse("register", args=a),
        "wettelijke onderwerpen": reverse("dekking", args=a),
        "indicatoren": reverse("indicatoren", args=a),
        "begroting": reverse("begroting", args=a),
        "rapporten": reverse("rapporten", args=a),
        "beheer": reverse("agenda_beheer", args=a),
        "personen": reverse("persoon_lijst", args=a),
        "organisaties": reverse("organisatie_lijst", args=a),
        "rollen": reverse("rol_lijst", args=a),
        "instellingen": reverse("agenda_instellingen", args=a),
        "excel": reverse("excel", args=a),
        "beveiligingslogboek": reverse("auditlog"),
        "nieuwe agenda": reverse("agenda_nieuw"),
        "tweede factor": reverse("tweede_factor"),
        "wachtwoord wijzigen": reverse("password_change"),
        "e-mailinstellingen": reverse("emailvoorkeur"),
        "rapportagelinks": reverse("rapportagelinks", args=a),
        "openbare weergave (beheer)": reverse("publicatie", args=a),
        "niet gevonden": "/deze-pagina-bestaat-niet/",
    }


@pytest.mark.usefixtures("demo")
def test_every_page_type_fits_a_phone_for_the_beheerder_and_the_chair(page, live_server):
    page.set_viewport_size(TELEFOON)
    gevonden = {}

    page.goto(live_server.url + reverse("login"))
    if problemen := pagina_problemen(page):
        gevonden["inloggen"] = problemen
    login(page, live_server, "admin")

    # The agenda's menu is one button; opened, it lists the pages, the current one marked.
    page.goto(live_server.url + reverse("agenda_dashboard", args=[SLUG]))
    menu = page.get_by_role("navigation", name=re.compile("^Agenda "))
    knop = menu.get_by_role("button", name=re.compile("Menu van deze agenda"))
    expect(knop).to_contain_text("Dashboard")
    expect(menu.get_by_role("link", name="Begroting")).to_be_hidden()
    knop.click()
    expect(knop).to_have_attribute("aria-expanded", "true")
    expect(menu.get_by_role("link", name="Dashboard")).to_have_attribute("aria-current", "page")
    menu.get_by_role("link", name="Begroting").click()
    page.get_by_role("heading", name=re.compile("^Begroting")).first.wait_for()

    gevonden |= bekijk(page, live_server, beheerderspaginas())
    # Logging out is in the folded top menu.
    page.get_by_role("button", name="Menu openen of sluiten").click()
    page.get_by_role("button", name="Uitloggen").click()
    page.get_by_role("heading", name="Inloggen").wait_for()

    # The chair's pages, the werkgroep page also with an action's form open.
    login(page, live_server, "voorzitter-hilversum")
    werkgroep = Werkgroep.objects.get(
        agenda__slug=SLUG, voorzitter__gebruiker__username="voorzitter-hilversum"
    )
    actie = werkgroep.acties.earliest("pk")
    gevonden |= bekijk(
        page,
        live_server,
        {
            "mijn overzicht (voorzitter)": reverse("home"),
            "actie (voorzitter)": reverse("actie_detail", args=[SLUG, actie.pk]),
            "voortgang (voorzitter)": reverse("actie_voortgang", args=[SLUG, actie.pk]),
            "rapporteren (voorzitter)": reverse("werkgroep_rapporteren", args=[SLUG, werkgroep.pk]),
            # Last: the test opens an action's form on this page next.
            "werkgroep (voorzitter)": reverse("werkgroep_detail", args=[SLUG, werkgroep.pk]),
        },
    )
    rij = page.locator(f"#actie-{actie.pk}")
    rij.get_by_role("link", name=f"Voortgang van {actie.titel} bijwerken").click()
    formulier = rij.locator("form")
    formulier.wait_for()
    vak = formulier.bounding_box()
    assert vak is not None
    assert vak["x"] >= 0, "het formulier valt links van het scherm"
    assert vak["x"] + vak["width"] <= TELEFOON["width"], "het formulier valt rechts van het scherm"
    assert formulier.evaluate(
        "f => { const v = f.closest('.table-responsive'); return v.scrollWidth <= v.clientWidth; }"
    ), "het formulier schuift opzij in zijn tabel"
    if problemen := pagina_problemen(page):
        gevonden["werkgroep met open formulier"] = problemen

    # The top menu, opened, with the account's menu under the chair's long name.
    page.get_by_role("button", name="Menu openen of sluiten").click()
    page.get_by_role("button", name=re.compile("^Account van ")).click()
    page.get_by_role("link", name="Wachtwoord wijzigen").wait_for()
    if problemen := pagina_problemen(page):
        gevonden["hoofdmenu open"] = problemen

    assert gevonden == {}, "\n".join(f"{naam}: {fouten}" for naam, fouten in gevonden.items())
