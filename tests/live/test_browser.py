"""End to end in real Chromium: the beleidsadviseur and a werkgroep chair at work."""

from pathlib import Path

import pytest
from django.urls import reverse

from werkgroepen.models import Actie

AXE = Path(__file__).resolve().parent.parent / "vendor" / "axe.min.js"


def login(page, live_server, username: str) -> None:
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill("lea-demo")
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Mijn overzicht").wait_for()


def logout(page) -> None:
    page.get_by_role("button", name="Uitloggen").click()
    page.get_by_role("heading", name="Inloggen").wait_for()


def ernstige_schendingen(page) -> list[str]:
    """axe-core on the current page: the serious and critical WCAG 2.1 AA violations."""
    page.evaluate(AXE.read_text(encoding="utf-8"))  # an added <script> tag would break the CSP
    resultaat = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in resultaat["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.usefixtures("demo")
def test_beleidsadviseur_and_chair_journey(page, live_server):
    # The beleidsadviseur creates an action and assigns it to the first werkgroep.
    login(page, live_server, "beleid-bunnik")
    page.goto(live_server.url + reverse("actie_lijst", args=["bunnik-2025"]))
    page.get_by_role("link", name="Nieuwe opdracht").click()
    page.get_by_label("Titel").fill("Taalochtend voor ouders van peuters")
    page.get_by_label("Ambitie").select_option(index=1)
    page.get_by_label("Werkgroep").select_option(label="Werkgroep ondersteuning")
    page.get_by_label("Start").fill("2026-01-01")
    page.get_by_label("Einde / deadline").fill("2026-12-31")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("heading", name="Taalochtend voor ouders van peuters").wait_for()
    actie = Actie.objects.get(titel="Taalochtend voor ouders van peuters")
    logout(page)

    # The chair sees it under "Mijn overzicht" and posts a progress update inline.
    login(page, live_server, "voorzitter-bunnik")
    assert page.get_by_role("link", name="Taalochtend voor ouders van peuters").count() >= 1
    page.goto(
        live_server.url + reverse("werkgroep_detail", args=["bunnik-2025", actie.werkgroep_id])
    )
    rij = page.locator(f"#actie-{actie.pk}")
    rij.get_by_role(
        "link", name="Voortgang van Taalochtend voor ouders van peuters bijwerken"
    ).click()
    formulier = page.locator(f"#actie-{actie.pk} form")
    formulier.get_by_label("Status").select_option("lopend")
    formulier.get_by_label("Percentage gereed").fill("35")
    formulier.get_by_label("Toelichting").fill("Eerste taalochtend gehouden met twaalf ouders.")
    formulier.get_by_role("button", name="Opslaan").click()
    page.locator(f"#actie-{actie.pk}.bijgewerkt").wait_for()
    assert "35%" in page.locator(f"#actie-{actie.pk}").inner_text()
    assert page.url.endswith(reverse("werkgroep_detail", args=["bunnik-2025", actie.werkgroep_id]))
    actie.refresh_from_db()
    assert (actie.status, actie.percentage) == ("lopend", 35)

    # The dashboard shows the new status.
    page.goto(live_server.url + reverse("agenda_dashboard", args=["bunnik-2025"]))
    recent = page.get_by_role("region", name="Recente voortgang")
    assert "Taalochtend voor ouders van peuters" in recent.inner_text()
    assert "Lopend" in recent.inner_text()

    # Another werkgroep's action is not the chair's to edit.
    andere = Actie.objects.filter(agenda__slug="bunnik-2025").exclude(werkgroep=actie.werkgroep)
    antwoord = page.goto(
        live_server.url + reverse("actie_bewerken", args=["bunnik-2025", andere.first().pk])
    )
    assert antwoord.status == 403
    page.get_by_role("heading", name="U mag dit niet doen").wait_for()


@pytest.mark.usefixtures("demo")
def test_no_serious_accessibility_violations(page, live_server):
    login(page, live_server, "voorzitter-bunnik")
    actie = Actie.objects.filter(
        agenda__slug="bunnik-2025", werkgroep__voorzitter__gebruiker__username="voorzitter-bunnik"
    ).first()
    paginas = {
        "dashboard": reverse("agenda_dashboard", args=["bunnik-2025"]),
        "actielijst": reverse("actie_lijst", args=["bunnik-2025"]),
        "voortgangsformulier": reverse("actie_voortgang", args=["bunnik-2025", actie.pk]),
        "werkgroep": reverse("werkgroep_detail", args=["bunnik-2025", actie.werkgroep_id]),
        "mijn overzicht": reverse("home"),
    }
    gevonden = {}
    for naam, url in paginas.items():
        page.goto(live_server.url + url)
        if schendingen := ernstige_schendingen(page):
            gevonden[naam] = schendingen
    assert gevonden == {}
