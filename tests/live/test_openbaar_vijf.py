"""Each of the five demo agendas, published, in Chromium: the public page without an
accessibility violation (axe-core) at 1280 and 320 px, without sideways scrolling at 320 px nor
at 200 % zoom; its open data page and an embeddable goal likewise on a phone, and the embedded
goal's links reached by Tab with a visible focus."""

import pytest
from playwright.sync_api import Page, ViewportSize

from ambities.models import Knoop
from lea.models import Agenda, Lidmaatschap, Rol
from lea.services.publicatie import publicatie_publiceer

from .test_mobiel import schendingen
from .test_openbaar import breedte_past

SLUGS = ("bunnik-2025", "hilversum-2024", "houten-2024", "ijsselstein-2025", "westland-2022")
SCHERM = ViewportSize(width=1280, height=900)
TELEFOON = ViewportSize(width=320, height=800)
# 200 % zoom in a 1280 px window leaves the page 640 CSS px (device_scale_factor only sharpens).
ZOOM_200 = ViewportSize(width=640, height=450)


def publiceer(slug: str) -> int:
    """Publish the agenda with its budget per line; the goal to embed (the first level-1 goal,
    with its subgoals if it has them)."""
    agenda = Agenda.objects.get(slug=slug)
    beheerder = Lidmaatschap.objects.get(agenda=agenda, rol=Rol.BEHEERDER).gebruiker
    publicatie_publiceer(agenda=agenda, door=beheerder, niveau="regel")
    knoop = Knoop.objects.filter(agenda=agenda, niveau=1, gearchiveerd=False).order_by("pk").first()
    assert knoop is not None, slug
    return knoop.pk


def problemen(page: Page, url: str, scherm: ViewportSize, *, axe: bool = True) -> list[str]:
    page.set_viewport_size(scherm)
    antwoord = page.goto(url)
    assert antwoord is not None
    assert antwoord.status == 200, url
    gevonden = [] if breedte_past(page) else [f"schuift opzij: {te_breed(page)}"]
    return gevonden + (schendingen(page) if axe else [])


def te_breed(page: Page) -> list[str]:
    """The innermost elements that stick out on the right, to say where to look."""
    return page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                && ![...e.children].some(c => c.getBoundingClientRect().right
                                                > window.innerWidth + 1))
            .slice(0, 3)
            .map(e => `${e.tagName.toLowerCase()}.${e.className} (${
                Math.round(e.getBoundingClientRect().right)} px): ${
                e.textContent.trim().slice(0, 40)}`)"""
    )


def tab_langs_links(page: Page) -> None:
    """Tab reaches every link on the page, each with a visible focus ring."""
    links = page.eval_on_selector_all("a[href]", "as => as.map(a => a.getAttribute('href'))")
    assert links
    bereikt: set[str] = set()
    for _ in range(len(links) + 3):
        page.keyboard.press("Tab")
        tag, href, stijl, dikte = page.evaluate(
            """() => { const e = document.activeElement, s = getComputedStyle(e);
                return [e.tagName, e.getAttribute('href') || '', s.outlineStyle,
                        parseFloat(s.outlineWidth)]; }"""
        )
        if tag == "A":
            assert stijl != "none", (href, stijl)
            assert dikte >= 2, (href, dikte)
            bereikt.add(href)
    assert bereikt == set(links)


@pytest.mark.usefixtures("demo")
def test_every_demo_agenda_reads_well_on_any_screen(page, live_server):
    gevonden: dict[str, list[str]] = {}
    for slug in SLUGS:
        knoop = publiceer(slug)
        basis = f"{live_server.url}/openbaar/{slug}/"
        inbedden = f"{basis}doelen/{knoop}/inbedden/"
        for naam, url, scherm, axe in (
            ("pagina 1280", basis, SCHERM, True),
            ("pagina 320", basis, TELEFOON, True),
            ("pagina 200%", basis, ZOOM_200, False),
            ("data 320", basis + "data/", TELEFOON, True),
            ("inbedden 320", inbedden, TELEFOON, True),
        ):
            if fout := problemen(page, url, scherm, axe=axe):
                gevonden[f"{slug} {naam}"] = fout
        # The embedded goal, still on the phone: its links by keyboard.
        tab_langs_links(page)
    assert gevonden == {}
