"""The public view of a published agenda in Chromium: no accessibility violation (axe-core) at
1280 and 320 px, no sideways scrolling at 320 px nor at 200 % zoom, every link reached by Tab
with a visible focus, and a print layout without the on-screen navigation."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import Page

from lea.models import Agenda
from lea.models.publicatie import Publicatie
from monitoring.models import Indicator, Meting
from overleg.models import Agendapunt, Besluit, Overlegorgaan, Soort, Vergadering, VergaderStatus

from .test_mobiel import schendingen

SLUG = "hilversum-2024"


def publiceer() -> None:
    agenda = Agenda.objects.get(slug=SLUG)
    Publicatie.objects.create(
        agenda=agenda,
        gepubliceerd_op=timezone.now(),
        toon_begroting="regel",
        inleiding="Samen zorgen we voor goed onderwijs voor elk kind.",
    )
    indicator = Indicator.objects.create(agenda=agenda, naam="Bereik voorschool", eenheid="%")
    for jaar, waarde in ((2022, "58"), (2023, "61.5"), (2024, "68")):
        Meting.objects.create(indicator=indicator, jaar=jaar, waarde=Decimal(waarde))
    orgaan = Overlegorgaan.objects.create(
        agenda=agenda, naam="Stuurgroep (openbaar)", soort=Soort.STUURGROEP
    )
    begin = timezone.now() - datetime.timedelta(days=14)
    vergadering = Vergadering.objects.create(
        orgaan=orgaan,
        begin=begin,
        eind=begin + datetime.timedelta(hours=2),
        status=VergaderStatus.VASTGESTELD,
    )
    punt = Agendapunt.objects.create(vergadering=vergadering, titel="Jaarplan")
    Besluit.objects.create(agendapunt=punt, tekst="Het jaarplan is vastgesteld.", openbaar=True)


def breedte_past(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.usefixtures("demo")
def test_a_visitor_reads_the_public_agenda_on_any_screen_and_with_the_keyboard(page, live_server):
    publiceer()
    url = f"{live_server.url}/openbaar/{SLUG}/"
    antwoord = page.goto(url)
    assert antwoord.status == 200
    assert "set-cookie" not in antwoord.headers
    assert page.locator("svg[role=img]").first.get_attribute("aria-label")
    assert page.locator("figcaption", has_text="gestegen").count() == 1
    assert schendingen(page) == []

    # Tab reaches every link, each with a visible focus ring.
    links = page.locator("a[href]").count()
    bereikt: set[str] = set()
    for _ in range(links + 5):
        page.keyboard.press("Tab")
        stand = page.evaluate(
            """() => { const e = document.activeElement, s = getComputedStyle(e);
                return [e.tagName, e.getAttribute('href') || '', s.outlineStyle,
                        parseFloat(s.outlineWidth)]; }"""
        )
        if stand[0] == "A":
            assert stand[2] != "none", stand
            assert stand[3] >= 2, stand
            bereikt.add(stand[1])
    assert bereikt == set(
        page.eval_on_selector_all("a[href]", "as => as.map(a => a.getAttribute('href'))")
    )

    # A phone of 320 px, and 200 % zoom on a 1280 px window (a 640 px wide page).
    for breedte in (320, 640):
        page.set_viewport_size({"width": breedte, "height": 800})
        page.goto(url)
        assert breedte_past(page), breedte
        assert schendingen(page) == [], breedte
        grootte = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
        assert grootte >= 16

    # Printed: the page without its on-screen table of contents and skip link.
    page.emulate_media(media="print")
    assert page.locator(".inhoudsopgave").is_hidden()
    assert page.get_by_text("Het jaarplan is vastgesteld.").is_visible()
