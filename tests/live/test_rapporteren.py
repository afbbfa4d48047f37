"""End to end in real Chromium: a chair follows the personal link of the progress request,
logs in and reports on three actions; at 375 px by keyboard alone, and at 1280 px by mouse
ending with "Geen wijziging" for the rest. At most two pages load after the login."""

import datetime
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from tests.factories import voortgang_meld
from werkgroepen.models import Actie, Status, Voortgang, Werkgroep
from werkgroepen.services.rapportagelink import GEEN_WIJZIGING, rapportagelink_voor, token_van

from .test_browser import AXE

VOORZITTER = "voorzitter-hilversum"


def _link(live_server: Any) -> tuple[str, Werkgroep]:
    """The URL of the chair's personal link, as the progress request mails it."""
    gebruiker = get_user_model().objects.get(username=VOORZITTER)
    werkgroep = Werkgroep.objects.get(voorzitter__gebruiker=gebruiker)
    link = rapportagelink_voor(werkgroep=werkgroep, gebruiker=gebruiker, op=timezone.localdate())
    return live_server.url + reverse("rapportagelink", args=[token_van(link)]), werkgroep


def _open(werkgroep: Werkgroep) -> list[Actie]:
    return list(Actie.objects.open().filter(werkgroep=werkgroep).order_by("volgorde", "pk"))


def _paginas_tellen(page: Any) -> list[str]:
    """The pages loaded in the tab from now on (main-frame navigations)."""
    geladen: list[str] = []

    def geladen_(frame: Any) -> None:
        if frame == page.main_frame:
            geladen.append(frame.url)

    page.on("framenavigated", geladen_)
    return geladen


def _tab_naar(page: Any, doel: Any, maximaal: int = 80) -> None:
    """Press Tab until `doel` has the focus, as a keyboard user moves through the page."""
    for _ in range(maximaal):
        if doel.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"{doel} is met Tab niet te bereiken")


def _schendingen(page: Any) -> list[str]:
    """axe-core on the current page: every WCAG 2.1 A and AA violation, whatever its impact."""
    page.evaluate(AXE.read_text(encoding="utf-8"))
    resultaat = page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"""
    )
    return [f"{v['id']}: {[n['target'] for n in v['nodes']][:3]}" for v in resultaat["violations"]]


@pytest.mark.usefixtures("demo")
def test_from_the_mail_to_three_updates_by_keyboard_at_375px(page, live_server):
    page.set_viewport_size({"width": 375, "height": 800})
    url, werkgroep = _link(live_server)
    page.goto(url)
    page.get_by_role("heading", name="Inloggen").wait_for()
    _tab_naar(page, page.get_by_label("Gebruikersnaam"))
    page.keyboard.type(VOORZITTER)
    page.keyboard.press("Tab")
    page.keyboard.type("lea-demo")
    geladen = _paginas_tellen(page)
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Voortgang rapporteren").wait_for()
    assert page.url == url

    open_ = _open(werkgroep)
    voor = {a.pk: a.voortgang.count() for a in open_}
    for n, actie in enumerate(open_[:3]):
        kaart = page.locator(f"#rapport-actie-{actie.pk}")
        _tab_naar(page, kaart.get_by_label("Status"))
        page.keyboard.press("Tab")  # the percentage: select what is there and type over it
        page.keyboard.press("Control+a")
        page.keyboard.type(str(20 + n))
        page.keyboard.press("Tab")
        page.keyboard.type("Oranje")  # a closed select picks the option typed
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        page.keyboard.type(f"Stand van zaken {n + 1}.")
        _tab_naar(page, kaart.get_by_role("button", name="Opslaan"))
        page.keyboard.press("Space" if n % 2 else "Enter")
        kaart.get_by_text("gerapporteerd", exact=True).wait_for()
        # The focus moves to the saved action; its message is read out.
        page.wait_for_function(  # the focus follows the swap as it settles
            "id => document.activeElement && document.activeElement.id === id",
            arg=f"rapport-titel-{actie.pk}",
        )
        page.locator("#lea-live").get_by_text(
            f"Voortgang van ‘{actie.titel}’ opgeslagen."
        ).wait_for()

    for n, actie in enumerate(open_[:3]):
        actie.refresh_from_db()
        assert actie.voortgang.count() == voor[actie.pk] + 1
        laatste = actie.voortgang.latest("aangemaakt")
        assert (laatste.percentage, laatste.rag_tijd) == (20 + n, "oranje")
        assert laatste.toelichting == f"Stand van zaken {n + 1}."
        assert laatste.door is not None
        assert laatste.door.username == VOORZITTER
    nog = sum(1 for a in _open(werkgroep) if a.voortgang_datum != timezone.localdate())
    page.get_by_role("heading", name=f"Nog {nog} van de {len(open_)} open").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert _schendingen(page) == []
    assert 1 <= len(geladen) <= 2, geladen


@pytest.mark.usefixtures("demo")
def test_from_the_mail_to_done_by_mouse_at_1280px(page, live_server):
    url, werkgroep = _link(live_server)
    open_ = _open(werkgroep)
    # Every open action was reported last period, so "Geen wijziging" can repeat each state.
    gebruiker = get_user_model().objects.get(username=VOORZITTER)
    vorige = timezone.localdate().replace(day=1) - datetime.timedelta(days=100)
    for actie in open_:
        if actie.voortgang_datum is None:
            voortgang_meld(actie, gebruiker, datum=vorige, percentage=10, toelichting="Gestart.")
    stand = {
        a.pk: (a.status, a.percentage, a.rag_tijd, a.rag_geld)
        for a in Actie.objects.filter(pk__in=[a.pk for a in open_[3:]])
    }
    page.goto(url)
    page.get_by_label("Gebruikersnaam").fill(VOORZITTER)
    page.get_by_label("Wachtwoord").fill("lea-demo")
    geladen = _paginas_tellen(page)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Voortgang rapporteren").wait_for()

    for n, actie in enumerate(open_[:3]):
        kaart = page.locator(f"#rapport-actie-{actie.pk}")
        kaart.get_by_label("Status").select_option(Status.UITGESTELD if n == 0 else Status.LOPEND)
        kaart.get_by_label("Percentage gereed").fill(str(50 + n))
        kaart.get_by_label("RAG tijd").select_option("rood" if n == 0 else "groen")
        kaart.get_by_label("Toelichting").fill(f"Bijgewerkt met de muis {n + 1}.")
        kaart.get_by_role("button", name="Opslaan").click()
        kaart.get_by_text("gerapporteerd", exact=True).wait_for()

    page.get_by_role("button", name="Geen wijziging voor alle open acties").click()
    page.locator("#rapport-samenvatting").get_by_text(
        f"‘Geen wijziging’ vastgelegd voor {len(open_) - 3} acties."
    ).wait_for()
    page.get_by_role("heading", name=f"Alle {len(open_)} open").wait_for()
    assert page.locator("#rapport-samenvatting").evaluate(
        "el => el.contains(document.activeElement)"
    )

    eerste = Actie.objects.get(pk=open_[0].pk)
    assert (eerste.status, eerste.percentage, eerste.rag_tijd) == ("uitgesteld", 50, "rood")
    herhaald = Voortgang.objects.filter(actie__in=open_[3:], toelichting=GEEN_WIJZIGING)
    assert herhaald.count() == len(open_) - 3
    for v in herhaald:
        assert (v.status, v.percentage, v.rag_tijd, v.rag_geld) == stand[v.actie_id]
    assert 1 <= len(geladen) <= 2, geladen
