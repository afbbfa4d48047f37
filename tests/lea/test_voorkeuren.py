"""The e-mail preference page, and the digest's one-click opt-out link."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from lea.models import Emailvoorkeur
from lea.services.voorkeuren import afmeldsleutel
from tests.conftest import WACHTWOORD

pytestmark = pytest.mark.django_db

URL = "/mijn-instellingen/e-mail/"


def _voorkeur(gebruiker) -> tuple[bool, bool]:
    rij = Emailvoorkeur.objects.filter(gebruiker=gebruiker).first()
    return (rij.per_melding, rij.wekelijks_overzicht) if rij else (True, True)


def _afmeldlink(gebruiker) -> str:
    return reverse("overzicht_afmelden", args=[afmeldsleutel(gebruiker)])


def test_the_page_has_its_address_and_asks_for_a_login(client, victor):
    assert reverse("emailvoorkeur") == URL
    antwoord = client.get(URL)
    assert antwoord.status_code == 302
    assert antwoord.url.startswith(reverse("login"))
    assert client.post(URL, {}).status_code == 302
    assert _voorkeur(victor) == (True, True)


def test_both_are_on_until_chosen_otherwise(client, victor):
    client.login(username=victor.username, password=WACHTWOORD)
    antwoord = client.get(URL)
    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    assert "Een e-mail bij elke melding" in inhoud
    assert "Elke maandag een overzicht per e-mail" in inhoud
    assert "Uw meldingen blijven altijd zichtbaar" in inhoud
    assert victor.email in inhoud
    assert antwoord.context["form"]["per_melding"].value() is True
    assert antwoord.context["form"]["wekelijks_overzicht"].value() is True
    assert not Emailvoorkeur.objects.filter(gebruiker=victor).exists()  # looking saves nothing


def test_choosing_the_digest_instead_of_a_mail_per_notification(client, victor, lotte):
    client.login(username=victor.username, password=WACHTWOORD)
    antwoord = client.post(URL, {"wekelijks_overzicht": "on"})
    assert antwoord.status_code == 302
    assert antwoord.url == URL
    assert _voorkeur(victor) == (False, True)
    (bericht,) = get_messages(antwoord.wsgi_request)
    assert "geen e-mail per melding" in str(bericht)
    pagina = client.get(URL)
    assert pagina.context["form"]["per_melding"].value() is False
    assert _voorkeur(lotte) == (True, True)  # only one's own preference changes

    # Nothing ticked: no mail about notifications at all, and the page says where they stay.
    antwoord = client.post(URL, {}, follow=True)
    assert _voorkeur(victor) == (False, False)
    assert "ze blijven staan onder Meldingen" in antwoord.content.decode()

    # And back on.
    client.post(URL, {"per_melding": "on", "wekelijks_overzicht": "on"})
    assert _voorkeur(victor) == (True, True)


def test_the_page_refuses_other_methods(client, victor):
    client.login(username=victor.username, password=WACHTWOORD)
    assert client.put(URL).status_code == 405
    assert _voorkeur(victor) == (True, True)


def test_the_opt_out_link_asks_first_then_switches_only_the_digest_off(client, victor):
    link = _afmeldlink(victor)
    antwoord = client.get(link)  # no login: the link itself is the key
    assert antwoord.status_code == 200
    assert "Ja, zet het weekoverzicht uit" in antwoord.content.decode()
    assert _voorkeur(victor) == (True, True)  # a link preview switches nothing off

    antwoord = client.post(link)
    assert antwoord.status_code == 200
    assert "Het weekoverzicht staat uit" in antwoord.content.decode()
    assert _voorkeur(victor) == (True, False)

    assert client.post(link).status_code == 200  # a second click does no harm
    assert _voorkeur(victor) == (True, False)


def test_a_changed_link_switches_nothing_off(client, victor, lotte):
    sleutel = afmeldsleutel(victor)
    pk, handtekening = sleutel.split(":", 1)
    vervalst = [
        f"{pk}:{handtekening[:-1]}{'A' if handtekening[-1] != 'A' else 'B'}",  # one sign changed
        f"{lotte.pk}:{handtekening}",  # another login's number with Victor's signature
        pk,  # no signature
    ]
    for sleutel in vervalst:
        link = reverse("overzicht_afmelden", args=[sleutel])
        antwoord = client.post(link)
        assert antwoord.status_code == 404, sleutel
        assert "Deze link werkt niet" in antwoord.content.decode()
    assert _voorkeur(victor) == (True, True)
    assert _voorkeur(lotte) == (True, True)

    # Lotte's own link is hers alone.
    client.post(_afmeldlink(lotte))
    assert _voorkeur(lotte) == (True, False)
    assert _voorkeur(victor) == (True, True)


def test_a_mail_client_can_opt_out_in_one_click(victor):
    """RFC 8058: the mail client POSTs List-Unsubscribe=One-Click, with no session or token."""
    client = Client(enforce_csrf_checks=True)
    antwoord = client.post(_afmeldlink(victor), {"List-Unsubscribe": "One-Click"})
    assert antwoord.status_code == 200
    assert _voorkeur(victor) == (True, False)
