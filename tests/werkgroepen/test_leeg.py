"""A new, empty agenda: every page says what to do next and links to it, for whoever may do it;
and the "Beheer" page's parts and the "Aan de slag" steps this floor registers."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from lea.models import Lidmaatschap, Rol
from lea.panelen import beheeronderdelen, startstappen
from tests.factories import ActieFactory, AgendaFactory, KnoopFactory, PersoonFactory
from werkgroepen.services import werkgroep_archiveer, werkgroep_maak

pytestmark = pytest.mark.django_db


@pytest.fixture
def leeg(anne):
    """A new municipality's empty agenda: Anne is its beheerder, Lex reads it."""
    agenda = AgendaFactory.create(slug="leegdorp-2025", gemeente="Leegdorp")
    Lidmaatschap.objects.create(agenda=agenda, gebruiker=anne, rol=Rol.BEHEERDER)
    return agenda


@pytest.fixture
def lex(leeg):
    gebruiker = get_user_model().objects.create_user("lex", "lex@lea.example", "lea-demo")
    Lidmaatschap.objects.create(agenda=leeg, gebruiker=gebruiker, rol=Rol.LEZER)
    return gebruiker


def test_the_empty_goal_tree_links_to_its_first_node(client, anne, lex, leeg):
    url = reverse("agenda_overzicht", args=[leeg.slug])
    nieuw = reverse("knoop_nieuw", args=[leeg.slug])
    client.force_login(anne)
    pagina = client.get(url)
    assert "Nog geen ambities in de doelenboom." in pagina.text
    assert f'href="{nieuw}">Voeg een eerste ambitie toe' in pagina.text
    assert "Nog geen werkgroepen." in pagina.text
    assert reverse("werkgroep_nieuw", args=[leeg.slug]) in pagina.text

    client.force_login(lex)
    pagina = client.get(url)
    assert "Nog geen ambities in de doelenboom." in pagina.text
    assert "De beheerder van deze agenda legt de doelenboom vast." in pagina.text
    assert nieuw not in pagina.text
    assert reverse("werkgroep_nieuw", args=[leeg.slug]) not in pagina.text

    # With a node, the tree shows it and the empty state is gone.
    KnoopFactory.create(agenda=leeg, titel="Gelijke kansen")
    client.force_login(anne)
    pagina = client.get(url)
    assert "Gelijke kansen" in pagina.text
    assert "Nog geen ambities" not in pagina.text


def test_the_empty_action_list_says_what_comes_first(client, anne, lex, leeg):
    url = reverse("actie_lijst", args=[leeg.slug])
    client.force_login(anne)
    # Without a goal tree, an action has nowhere to go: first a node.
    pagina = client.get(url)
    assert "Nog geen acties in deze agenda." in pagina.text
    assert reverse("knoop_nieuw", args=[leeg.slug]) in pagina.text
    KnoopFactory.create(agenda=leeg)
    pagina = client.get(url)
    assert f'href="{reverse("actie_nieuw", args=[leeg.slug])}">Zet de eerste actie klaar' in (
        pagina.text
    )
    client.force_login(lex)
    pagina = client.get(url)
    assert "Nog geen acties in deze agenda." in pagina.text
    assert reverse("actie_nieuw", args=[leeg.slug]) not in pagina.text
    # Actions that do not fit a filter are something else than no actions at all.
    ActieFactory.create(agenda=leeg, knoop=leeg.knopen.get(), titel="Voorleesproject")
    pagina = client.get(url + "?q=zwemles")
    assert "Geen acties die aan deze filters voldoen." in pagina.text


def test_the_empty_werkgroepen_list_links_to_the_first_werkgroep(client, anne, lex, leeg):
    url = reverse("werkgroep_lijst", args=[leeg.slug])
    nieuw = reverse("werkgroep_nieuw", args=[leeg.slug])
    client.force_login(anne)
    pagina = client.get(url)
    assert "Nog geen werkgroepen. Maak de eerste werkgroep aan" in pagina.text
    assert f'href="{nieuw}">Maak de eerste werkgroep aan' in pagina.text
    client.force_login(lex)
    pagina = client.get(url)
    assert "Nog geen werkgroepen." in pagina.text
    assert nieuw not in pagina.text


def test_the_dashboard_of_an_empty_agenda_starts_with_the_tree(client, anne, lex, leeg):
    url = reverse("agenda_dashboard", args=[leeg.slug])
    nieuw = reverse("knoop_nieuw", args=[leeg.slug])
    client.force_login(anne)
    pagina = client.get(url)
    assert pagina.status_code == 200
    assert "Deze agenda is nog leeg" in pagina.text
    assert f'href="{nieuw}">Voeg een eerste ambitie toe' in pagina.text
    client.force_login(lex)
    pagina = client.get(url)
    assert "Deze agenda is nog leeg" in pagina.text
    assert nieuw not in pagina.text


def test_the_werkgroep_page_without_actions_links_to_a_new_one(client, anne, leeg):
    werkgroep = werkgroep_maak(agenda=leeg, door=anne, velden={"naam": "Jeugd"})
    client.force_login(anne)
    pagina = client.get(reverse("werkgroep_detail", args=[leeg.slug, werkgroep.pk]))
    assert f"{reverse('actie_nieuw', args=[leeg.slug])}?werkgroep={werkgroep.pk}" in pagina.text


def test_this_floor_registers_its_parts_and_steps(anne, leeg):
    onderdelen = {o.titel: o for o in beheeronderdelen()}
    assert (onderdelen["Werkgroepen"].volgorde, onderdelen["Werkgroepen"].url_naam) == (
        30,
        "werkgroep_lijst",
    )
    assert (onderdelen["Acties"].volgorde, onderdelen["Acties"].url_naam) == (31, "actie_lijst")
    stappen = {s.titel: s for s in startstappen()}
    werkgroepstap = stappen["Maak een werkgroep met een voorzitter"]
    actiestap = stappen["Zet de eerste acties klaar"]
    assert (werkgroepstap.volgorde, actiestap.volgorde) == (30, 31)
    for onderdeel in (onderdelen["Werkgroepen"], onderdelen["Acties"]):
        reverse(onderdeel.url_naam, args=[leeg.slug])
    for stap in (werkgroepstap, actiestap):
        reverse(stap.url_naam, args=[leeg.slug])

    assert onderdelen["Werkgroepen"].aantal(leeg) == 0
    assert not werkgroepstap.gedaan(leeg)
    # A werkgroep without a chair is not the step done; with a chair it is, unless archived.
    werkgroep = werkgroep_maak(agenda=leeg, door=anne, velden={"naam": "Jeugd"})
    assert onderdelen["Werkgroepen"].aantal(leeg) == 1
    assert not werkgroepstap.gedaan(leeg)
    werkgroep.voorzitter = PersoonFactory.create(agenda=leeg)
    werkgroep.save()
    assert werkgroepstap.gedaan(leeg)
    werkgroep_archiveer(werkgroep=werkgroep, door=anne)
    assert not werkgroepstap.gedaan(leeg)
    assert onderdelen["Werkgroepen"].aantal(leeg) == 0

    assert not actiestap.gedaan(leeg)
    actie = ActieFactory.create(agenda=leeg)
    assert actiestap.gedaan(leeg)
    assert onderdelen["Acties"].aantal(leeg) == 1
    actie.gearchiveerd = True
    actie.save()
    assert not actiestap.gedaan(leeg)
    assert onderdelen["Acties"].aantal(leeg) == 0
