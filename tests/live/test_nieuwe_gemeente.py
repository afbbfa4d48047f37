"""Issue 10, end to end in Chromium: a municipality that is not in the demo data builds its
agenda from nothing to its first stuurgroep meeting planned, in the product's own pages only.

The functioneel beheerder creates the agenda and invites its first beheerder; she accepts the
invitation from the sent mail and, through the agenda's navigation and its "Beheer" tab, builds
the tree, a werkgroep with its chair, five actions, a stuurgroep with its rhythm, an indicator
with two measurements, a school with its schoolweging and a budget line with a realisation.
No request goes to the Django admin (`/beheer/`), and no ORM write is made but the functioneel
beheerder's login.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from .test_browser import ernstige_schendingen, logout

WACHTWOORD = "lea-demo"
SPEERPUNTEN = ("Sterke start", "Doorgaande leerlijn", "Kansengelijkheid")
ACTIES = (
    ("Peuteropvang uitbreiden", 0),
    ("Taalklas voor nieuwkomers", 0),
    ("Overdracht voorschool-school", 1),
    ("Zomerschool", 2),
    ("Huiswerkbegeleiding", 2),
)


def _admin_bezoek(url: str) -> bool:
    return urlsplit(url).path.startswith("/beheer/")


def _klik_naar(page, url_naam: str, *args) -> None:
    """Click the link on the current page that leads to this URL (query string allowed)."""
    doel = reverse(url_naam, args=list(args))
    link = page.locator(f'a[href="{doel}"], a[href^="{doel}?"]').first
    assert link.count() == 1, f"geen link naar {doel} op {page.url}"
    link.click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == doel, page.url


def _beheer(page, slug: str) -> None:
    """Open the agenda's "Beheer" tab from its navigation."""
    page.get_by_role("navigation", name=re.compile("^Agenda ")).get_by_role(
        "link", name="Beheer", exact=True
    ).click()
    page.get_by_role("heading", name="Beheer", exact=True).wait_for()


def _nav(page, naam: str) -> None:
    page.get_by_role("navigation", name=re.compile("^Agenda ")).get_by_role(
        "link", name=naam, exact=True
    ).click()
    page.wait_for_load_state()


def _kies(select, tekst: str) -> None:
    """Choose the option whose text contains `tekst`."""
    for optie in select.locator("option").all():
        if tekst in optie.inner_text():
            select.select_option(optie.get_attribute("value"))
            return
    raise AssertionError(f"geen keuze met ‘{tekst}’: {select.locator('option').all_inner_texts()}")


def _opslaan(page) -> None:
    """Submit the page's main form and expect no validation errors."""
    page.locator("main form[method=post] [type=submit], form[method=post] [type=submit]").filter(
        has_not_text="Uitloggen"
    ).first.click()
    page.wait_for_load_state()
    fouten = page.locator(".invalid-feedback, .alert-danger, .errorlist")
    assert fouten.count() == 0, f"{page.url}: {fouten.all_inner_texts()}"


def _controleer_toegankelijk(page, gezien: dict, soort: str) -> None:
    if soort not in gezien:
        gezien[soort] = ernstige_schendingen(page)


@pytest.mark.django_db(transaction=True)
def test_new_municipality_builds_its_agenda_in_the_browser(page, live_server, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.LEA_BASIS_URL = live_server.url
    mail.outbox = []
    verzoeken: list[str] = []
    page.on("request", lambda r: verzoeken.append(r.url))
    a11y: dict[str, list[str]] = {}

    # The functioneel beheerder: a login with the installation-level permission.
    fb = get_user_model().objects.create_user(
        "fb-installatie", "fb@lea.example", WACHTWOORD, first_name="Frank", last_name="Beheer"
    )
    fb.user_permissions.add(
        Permission.objects.get(codename="add_agenda", content_type__app_label="lea")
    )

    # 1. A new agenda for Zeewolde, through "Nieuwe agenda" in the top navigation.
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Gebruikersnaam").fill("fb-installatie")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Mijn overzicht").wait_for()
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Nieuwe agenda"
    ).click()
    page.get_by_role("heading", name="Nieuwe agenda").wait_for()
    _controleer_toegankelijk(page, a11y, "nieuwe agenda")
    page.locator("#id_gemeente").fill("Zeewolde")
    page.locator("#id_titel").fill("LEA Zeewolde 2026-2029")
    page.locator("#id_periode_start").fill("2026-01-01")
    page.locator("#id_periode_eind").fill("2029-12-31")
    page.locator("#id_rapportageperiode").select_option("kwartaal")
    page.locator("#id_voorbeeld").select_option("eigen")
    page.locator("#id_niveau1_naam").fill("Speerpunt")
    page.locator("#id_niveau1_meervoud").fill("Speerpunten")
    page.locator("#id_actie_naam").fill("Actie")
    page.locator("#id_actie_meervoud").fill("Acties")
    page.locator("#id_beheerder_naam").fill("Bea Beleid")
    page.locator("#id_beheerder_email").fill("bea@zeewolde.example")
    page.get_by_role("button", name="Agenda aanmaken en beheerder uitnodigen").click()
    page.get_by_text("De agenda ‘LEA Zeewolde 2026-2029’ is aangemaakt").wait_for()
    logout(page)

    # 2. The invitation mail holds a one-time link: Bea sets her password and is logged in.
    uitnodigingen = [m for m in mail.outbox if "bea@zeewolde.example" in m.to]
    assert len(uitnodigingen) == 1, [(m.to, m.subject) for m in mail.outbox]
    link = re.search(r"https?://\S+/welkom/\S+/", uitnodigingen[0].body)
    assert link, uitnodigingen[0].body
    page.goto(live_server.url + urlsplit(link.group(0)).path)
    _controleer_toegankelijk(page, a11y, "wachtwoord instellen")
    wachtwoorden = page.locator("input[type=password]")
    assert wachtwoorden.count() == 2
    wachtwoorden.nth(0).fill("Zeewolde-Polder-2026!")
    wachtwoorden.nth(1).fill("Zeewolde-Polder-2026!")
    page.locator("form[method=post] [type=submit]").first.click()
    page.get_by_text("Uw wachtwoord is ingesteld; u bent ingelogd.").wait_for()
    page.get_by_role("heading", name="Mijn overzicht").wait_for()

    # Her new agenda from "Mijn overzicht".
    page.get_by_role("link", name="LEA Zeewolde 2026-2029").first.click()
    page.wait_for_load_state()
    slug = urlsplit(page.url).path.strip("/").split("/")[1]
    assert urlsplit(page.url).path == reverse("agenda_dashboard", args=[slug]), page.url
    aan_de_slag = page.get_by_role("region", name="Aan de slag")
    assert aan_de_slag.count() == 1
    _controleer_toegankelijk(page, a11y, "dashboard (nieuw)")

    # 3. The tree: three speerpunten, from the Beheer tab's "Doelenboom".
    _beheer(page, slug)
    _controleer_toegankelijk(page, a11y, "beheer")
    _klik_naar(page, "agenda_overzicht", slug)
    _controleer_toegankelijk(page, a11y, "doelenboom (leeg)")
    for titel in SPEERPUNTEN:
        _klik_naar(page, "knoop_nieuw", slug)
        _controleer_toegankelijk(page, a11y, "knoop nieuw")
        page.locator("#id_titel").fill(titel)
        _opslaan(page)
        page.get_by_text(titel).first.wait_for()
        if urlsplit(page.url).path != reverse("agenda_overzicht", args=[slug]):
            _nav(page, "Doelenboom")

    # 4. A person, Carla Voorzitter, from Beheer → Personen.
    _beheer(page, slug)
    _klik_naar(page, "persoon_lijst", slug)
    _controleer_toegankelijk(page, a11y, "personen")
    _klik_naar(page, "persoon_nieuw", slug)
    _controleer_toegankelijk(page, a11y, "persoon nieuw")
    page.locator("#id_naam").fill("Carla Voorzitter")
    page.locator("#id_functie").fill("Directeur-bestuurder")
    _opslaan(page)
    page.get_by_text("Carla Voorzitter").first.wait_for()

    # 5. A werkgroep with Carla as chair, working on the first speerpunt.
    _beheer(page, slug)
    _klik_naar(page, "werkgroep_lijst", slug)
    _controleer_toegankelijk(page, a11y, "werkgroepen (leeg)")
    _klik_naar(page, "werkgroep_nieuw", slug)
    _controleer_toegankelijk(page, a11y, "werkgroep nieuw")
    page.locator("#id_naam").fill("Werkgroep Doorgaande lijn")
    _kies(page.locator("#id_voorzitter"), "Carla Voorzitter")
    for titel in SPEERPUNTEN:
        page.get_by_label(titel).check()
    _opslaan(page)
    page.get_by_role("heading", name="Werkgroep Doorgaande lijn").wait_for()
    werkgroep_url = urlsplit(page.url).path

    # 6. Five actions under the speerpunten, carried by that werkgroep.
    for titel, speerpunt in ACTIES:
        _beheer(page, slug)
        _klik_naar(page, "actie_lijst", slug)
        _controleer_toegankelijk(page, a11y, "acties")
        _klik_naar(page, "actie_nieuw", slug)
        _controleer_toegankelijk(page, a11y, "actie nieuw")
        page.locator("#id_titel").fill(titel)
        _kies(page.locator("#id_knoop"), SPEERPUNTEN[speerpunt])
        _kies(page.locator("#id_werkgroep"), "Werkgroep Doorgaande lijn")
        page.locator("#id_timing_start").fill("2027-01-01")
        page.locator("#id_timing_eind").fill("2027-12-31")
        _opslaan(page)
        page.get_by_role("heading", name=titel).wait_for()

    # 7. The stuurgroep, meeting four times a year (page being built: orgaan_nieuw).
    _beheer(page, slug)
    page.get_by_role("link", name="Overlegorganen").click()
    page.wait_for_load_state()
    _controleer_toegankelijk(page, a11y, "overlegorganen")
    _klik_naar(page, "orgaan_nieuw", slug)
    _controleer_toegankelijk(page, a11y, "orgaan nieuw")
    page.locator("#id_naam").fill("Stuurgroep")
    page.locator("#id_soort").select_option("stuurgroep")
    page.get_by_label(re.compile("Vergaderingen per jaar")).fill("4")
    _opslaan(page)
    page.get_by_text("Stuurgroep").first.wait_for()

    # 8. An indicator with two measurements.
    _beheer(page, slug)
    _klik_naar(page, "indicatoren", slug)
    _controleer_toegankelijk(page, a11y, "indicatoren (leeg)")
    _klik_naar(page, "indicator_nieuw", slug)
    _controleer_toegankelijk(page, a11y, "indicator nieuw")
    page.locator("#id_naam").fill("Bereik voorschoolse educatie")
    _opslaan(page)
    page.get_by_text("Bereik voorschoolse educatie").first.wait_for()
    indicator_url = urlsplit(page.url).path
    for jaar, waarde in ((2026, "71"), (2027, "78")):
        page.goto(live_server.url + indicator_url) if urlsplit(
            page.url
        ).path != indicator_url else None
        page.locator('a[href*="/metingen/nieuw/"]').first.click()
        page.wait_for_load_state()
        _controleer_toegankelijk(page, a11y, "meting nieuw")
        page.locator("#id_jaar").fill(str(jaar))
        page.locator("#id_waarde").fill(waarde)
        _opslaan(page)

    # 9. A school with its schoolweging.
    _beheer(page, slug)
    _klik_naar(page, "school_lijst", slug)
    _controleer_toegankelijk(page, a11y, "scholen (leeg)")
    _klik_naar(page, "school_nieuw", slug)
    _controleer_toegankelijk(page, a11y, "school nieuw")
    page.locator("#id_naam").fill("OBS De Polderster")
    page.locator("#id_brin").fill("12AB")
    _opslaan(page)
    page.get_by_text("OBS De Polderster").first.wait_for()
    page.locator('a[href*="/wegingen/nieuw/"]').first.click()
    page.wait_for_load_state()
    _controleer_toegankelijk(page, a11y, "weging nieuw")
    page.locator("#id_jaar").fill("2026")
    page.locator("#id_waarde").fill("31.4")
    _opslaan(page)

    # 10. The budget: set it up, a line for the first action, a realisation.
    _beheer(page, slug)
    _klik_naar(page, "begroting", slug)
    _controleer_toegankelijk(page, a11y, "begroting (leeg)")
    _klik_naar(page, "begroting_instellen", slug)
    _controleer_toegankelijk(page, a11y, "begroting instellen")
    page.locator("#id_eerste_jaar").fill("2026")
    page.locator("#id_laatste_jaar").fill("2029")
    _opslaan(page)
    if urlsplit(page.url).path != reverse("begroting", args=[slug]):
        _nav(page, "Begroting")
    _klik_naar(page, "post_nieuw", slug)
    _controleer_toegankelijk(page, a11y, "post nieuw")
    page.locator("#id_naam").fill("Uitbreiding peuteropvang")
    page.locator("#id_bedrag_2027").fill("40000")
    _opslaan(page)
    if urlsplit(page.url).path != reverse("begroting", args=[slug]):
        _nav(page, "Begroting")
    page.locator('a[href*="/realisatie"]').first.click()
    page.wait_for_load_state()
    _controleer_toegankelijk(page, a11y, "realisatie nieuw")
    page.locator("#id_jaar").select_option("2027") if page.locator("#id_jaar").count() else None
    page.locator("#id_kwartaal").select_option(index=0) if page.get_by_label(
        "Kwartaal"
    ).count() else None
    page.locator("#id_bedrag").fill("9500")
    _opslaan(page)

    # 11. The planner (as beat runs it) plans the stuurgroep's first meeting.
    from overleg.services.cyclus import alle_vergaderingen_plan

    alle_vergaderingen_plan(vandaag=timezone.localdate())
    _nav(page, "Overleg")
    _controleer_toegankelijk(page, a11y, "overleg")
    overleg = page.locator("main").inner_text()
    assert "Stuurgroep" in overleg
    assert re.search(r"\d{1,2} \w+ 20\d\d", overleg), overleg

    # What Bea sees.
    _nav(page, "Dashboard")
    paneel = page.get_by_role("region", name="Aan de slag")
    if paneel.count():
        nog_te_doen = paneel.locator("li", has_text="nog te doen").all_inner_texts()
        # Only inviting a second login is truly left: Carla chairs without a login.
        assert nog_te_doen == ["Nodig mensen uit (nog te doen)"], nog_te_doen
    _nav(page, "Doelenboom")
    boom = page.locator("main").inner_text()
    for titel in SPEERPUNTEN + tuple(t for t, _s in ACTIES):
        assert titel in boom, titel
    page.goto(live_server.url + werkgroep_url)
    assert re.search(r"Voorzitter\W+Carla Voorzitter", page.locator("main").inner_text()), (
        page.locator("main").inner_text()
    )
    page.goto(live_server.url + indicator_url)
    indicator = page.locator("main").inner_text()
    assert "Metingen (2)" in indicator, indicator
    assert "78" in indicator, indicator
    assert "71" in page.locator("main").text_content()  # the older one, in the folded list
    _nav(page, "Begroting")
    assert "9.500" in page.locator("main").inner_text()

    assert [u for u in verzoeken if _admin_bezoek(u)] == []
    assert {soort: s for soort, s in a11y.items() if s} == {}
