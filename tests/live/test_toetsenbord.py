"""By keyboard alone, on a wide screen and on a phone: a werkgroep chair opens the inline progress
form of an action, lands in its first field, fills it in, saves, and is back on the action's
row with the live region saying so; a refusal puts the focus on the field to fix; Annuleren
brings the focus back to the row."""

import pytest
from django.urls import reverse
from playwright.sync_api import Locator, Page, expect

from werkgroepen.models import Actie, Voortgang, Werkgroep

from .test_browser import login

SLUG = "hilversum-2024"
# Whether the table around an element fits its box (does not scroll sideways).
SCHUIFT_NIET = (
    "el => { const v = el.closest('.table-responsive'); return v.scrollWidth <= v.clientWidth; }"
)


def tab_naar(page: Page, doel: Locator, maximaal: int = 120) -> None:
    """Press Tab until `doel` has the focus."""
    for _ in range(maximaal):
        page.keyboard.press("Tab")
        if doel.evaluate("el => el === document.activeElement"):
            return
    raise AssertionError(f"{doel} niet bereikt met {maximaal} keer Tab")


def naar_de_inhoud(page: Page, url: str) -> None:
    """Open the page and follow the skip link, as a keyboard user does."""
    page.goto(url)
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Naar de inhoud")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


def open_formulier(page: Page, actie: Actie) -> Locator:
    """Reach the action's "Voortgang bijwerken" by Tab and open it with Enter."""
    knop = page.locator(f"#actie-{actie.pk}").get_by_role(
        "link", name=f"Voortgang van {actie.titel} bijwerken"
    )
    tab_naar(page, knop)
    page.keyboard.press("Enter")
    formulier = page.locator(f"#actie-{actie.pk} form")
    formulier.wait_for()
    expect(formulier.get_by_label("Rapportagedatum")).to_be_focused()
    return formulier


def vul_in(page: Page, formulier: Locator, *, percentage: str, toelichting: str) -> None:
    """From the date field: keep the date and status, type the percentage, choose orange for
    time with the arrow key, keep money, type the explanation, and go to Opslaan."""
    tab_naar(page, formulier.get_by_label("Percentage gereed"))
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(percentage)
    page.keyboard.press("Tab")  # RAG tijd: on its chosen value, groen
    expect(formulier.get_by_role("radio", name="Groen").first).to_be_focused()
    page.keyboard.press("ArrowDown")  # oranje
    tab_naar(page, formulier.get_by_label("Toelichting"))
    page.keyboard.type(toelichting)
    tab_naar(page, formulier.get_by_role("button", name="Opslaan"))


def controleer_opgeslagen(page: Page, actie: Actie, percentage: int) -> None:
    rij = page.locator(f"#actie-{actie.pk}.bijgewerkt")
    rij.wait_for()
    expect(rij.get_by_role("link", name=f"Voortgang van {actie.titel} bijwerken")).to_be_focused()
    expect(page.locator("#lea-live")).to_contain_text(f"Voortgang van ‘{actie.titel}’ opgeslagen.")
    expect(rij.get_by_role("cell", name=f"{percentage}%")).to_be_visible()
    actie.refresh_from_db()
    assert (actie.percentage, actie.rag_tijd) == (percentage, "oranje")


@pytest.mark.usefixtures("demo")
def test_chair_updates_progress_by_keyboard_alone_wide_and_on_a_phone(page, live_server):
    werkgroep = Werkgroep.objects.get(
        agenda__slug=SLUG, voorzitter__gebruiker__username="voorzitter-hilversum"
    )
    url = live_server.url + reverse("werkgroep_detail", args=[SLUG, werkgroep.pk])
    login(page, live_server, "voorzitter-hilversum")
    naar_de_inhoud(page, url)
    eerste, tweede = (
        Actie.objects.get(pk=int(rij.split("-")[1]))
        for rij in page.locator("tbody tr[id^=actie-]").evaluate_all(
            "rijen => rijen.slice(0, 2).map(r => r.id)"
        )
    )

    aantal = {a.pk: Voortgang.objects.filter(actie=a).count() for a in (eerste, tweede)}

    # Wide: open, fill in, save with Enter; the focus is back on the row, which shows 40%.
    formulier = open_formulier(page, eerste)
    vul_in(page, formulier, percentage="40", toelichting="Eerste bijeenkomst gehouden.")
    page.keyboard.press("Enter")
    controleer_opgeslagen(page, eerste, 40)
    assert Voortgang.objects.filter(actie=eerste).count() == aantal[eerste.pk] + 1

    # On a phone: the same, on the next action.
    page.set_viewport_size({"width": 375, "height": 800})
    naar_de_inhoud(page, url)
    formulier = open_formulier(page, tweede)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # The open form is whole on the screen: not cut off, not scrolled inside its table.
    vak = formulier.bounding_box()
    assert vak is not None
    assert 0 <= vak["x"] <= vak["x"] + vak["width"] <= 375
    assert formulier.evaluate(SCHUIFT_NIET)

    # Annuleren by keyboard: the row as it was, the focus on its button.
    annuleren = formulier.get_by_role("link", name="Annuleren")
    tab_naar(page, annuleren)
    page.keyboard.press("Enter")
    knop = page.locator(f"#actie-{tweede.pk}").get_by_role(
        "link", name=f"Voortgang van {tweede.titel} bijwerken"
    )
    expect(knop).to_be_focused()
    assert page.locator(f"#actie-{tweede.pk} form").count() == 0

    # Afgerond at 60 % is refused: the focus goes to the percentage, nothing is saved;
    # corrected to 100 %, it is saved.
    page.keyboard.press("Enter")
    page.locator(f"#actie-{tweede.pk} form").wait_for()
    expect(page.locator(f"#actie-{tweede.pk}").get_by_label("Rapportagedatum")).to_be_focused()
    status = page.locator(f"#id_actie{tweede.pk}-status")
    tab_naar(page, status)
    page.keyboard.type("Afgerond")  # type-ahead chooses the status
    expect(status).to_have_value("afgerond")
    page.keyboard.press("Tab")
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("60")
    tab_naar(page, page.locator(f"#id_actie{tweede.pk}-toelichting"))
    page.keyboard.type("Alle bijeenkomsten gehouden.")
    tab_naar(page, page.locator(f"#actie-{tweede.pk}").get_by_role("button", name="Opslaan"))
    page.keyboard.press("Enter")
    percentage = page.locator(f"#id_actie{tweede.pk}-percentage")
    expect(page.locator(f"#actie-{tweede.pk}")).to_contain_text("Afgerond betekent 100 % gereed")
    expect(percentage).to_be_focused()
    assert Voortgang.objects.filter(actie=tweede).count() == aantal[tweede.pk]
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("100")
    page.keyboard.press("Enter")  # implicit submission from the percentage field
    rij = page.locator(f"#actie-{tweede.pk}.bijgewerkt")
    rij.wait_for()
    expect(rij.get_by_role("link", name=f"Voortgang van {tweede.titel} bijwerken")).to_be_focused()
    expect(page.locator("#lea-live")).to_contain_text(f"Voortgang van ‘{tweede.titel}’ opgeslagen.")
    tweede.refresh_from_db()
    assert (tweede.status, tweede.percentage) == ("afgerond", 100)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
