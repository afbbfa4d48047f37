"""A new agenda by the functioneel beheerder; inviting people to a login; roles given, changed
and withdrawn; a person's e-mail address is their login's."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from lea.models import Agenda, Lidmaatschap, Melding, Persoon, Rol
from lea.services import melding_email_verstuur
from lea.services.personen import persoon_bewaar
from tests.factories import AgendaFactory, GebruikerFactory, PersoonFactory

pytestmark = pytest.mark.django_db

User = get_user_model()


def _link(bericht) -> str:
    # The link starts with LEA_BASIS_URL, whatever it is set to; the path is what the test follows.
    gevonden = re.search(r"https?://[^/\s]+(/welkom/\S+/)", bericht.body)
    assert gevonden, bericht.body
    return gevonden.group(1)


@pytest.fixture
def fien():
    """Fien, functioneel beheerder of the installation (not a superuser)."""
    user = GebruikerFactory(username="fien")
    user.groups.add(Group.objects.get(name="Functioneel beheerders"))
    return user


NIEUW = {
    "gemeente": "Zeewolde",
    "titel": "LEA Zeewolde 2026-2029",
    "periode_start": "2026-01-01",
    "periode_eind": "2029-12-31",
    "rapportageperiode": "kwartaal",
    "voorbeeld": "hilversum",
    "beheerder_naam": "Bea Beleid",
    "beheerder_email": "bea@zeewolde.example",
}


# --- a new agenda ------------------------------------------------------------------------------


def test_functioneel_beheerder_creates_an_agenda_and_invites_its_beheerder(
    client, fien, django_capture_on_commit_callbacks
):
    client.force_login(fien)
    pagina = client.get(reverse("agenda_nieuw"))
    assert pagina.status_code == 200
    assert "Westland: Programmalijn – Pijler – Jaardoelstelling" in pagina.text
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(reverse("agenda_nieuw"), NIEUW, follow=True)
    assert "is aangemaakt" in antwoord.text
    agenda = Agenda.objects.get(slug="zeewolde-2026")
    assert (agenda.niveau2_naam, agenda.actie_meervoud) == ("Speerpunt", "Concrete acties")
    persoon = agenda.personen.get()
    login = persoon.gebruiker
    assert login.username == login.email == persoon.email == "bea@zeewolde.example"
    assert not login.has_usable_password()
    assert Lidmaatschap.objects.get(agenda=agenda, gebruiker=login).rol == Rol.BEHEERDER
    (bericht,) = mail.outbox
    assert bericht.to == ["bea@zeewolde.example"]
    assert "LEA Zeewolde" in bericht.subject

    # The same municipality and year again: a unique short name.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("agenda_nieuw"), {**NIEUW, "beheerder_email": "b2@zeewolde.example"})
    assert Agenda.objects.filter(slug="zeewolde-2026-2").exists()


def test_the_invitation_link_sets_a_password_logs_in_and_works_once(
    client, fien, django_capture_on_commit_callbacks
):
    client.force_login(fien)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("agenda_nieuw"), NIEUW)
    link = _link(mail.outbox[0])
    client.logout()

    antwoord = client.get(link, follow=True)
    assert "Wachtwoord instellen" in antwoord.text
    formulier = antwoord.redirect_chain[-1][0]
    wachtwoord = {"new_password1": "Zee-wolde-2026!", "new_password2": "Zee-wolde-2026!"}
    antwoord = client.post(formulier, wachtwoord, follow=True)
    assert "Uw wachtwoord is ingesteld" in antwoord.text
    bea = User.objects.get(username="bea@zeewolde.example")
    assert int(client.session["_auth_user_id"]) == bea.pk
    # The new beheerder sees her agenda and its Beheer page.
    agenda = Agenda.objects.get(slug="zeewolde-2026")
    assert client.get(reverse("agenda_beheer", args=[agenda.slug])).status_code == 200

    client.logout()
    antwoord = client.get(link, follow=True)
    assert "verlopen of al gebruikt" in antwoord.text
    assert client.login(username="bea@zeewolde.example", password="Zee-wolde-2026!")


def test_an_expired_link_is_refused_in_dutch(
    client, settings, fien, django_capture_on_commit_callbacks
):
    client.force_login(fien)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("agenda_nieuw"), NIEUW)
    link = _link(mail.outbox[0])
    client.logout()
    settings.PASSWORD_RESET_TIMEOUT = -1
    antwoord = client.get(link, follow=True)
    assert "verlopen of al gebruikt" in antwoord.text
    assert 'name="new_password1"' not in antwoord.text


def test_only_a_functioneel_beheerder_creates_an_agenda(client, anne):
    client.force_login(anne)
    assert client.get(reverse("agenda_nieuw")).status_code == 403
    assert client.post(reverse("agenda_nieuw"), NIEUW).status_code == 403
    assert not Agenda.objects.filter(gemeente="Zeewolde").exists()


def test_a_new_agenda_with_bad_input_saves_nothing(client, fien):
    client.force_login(fien)
    fout = {**NIEUW, "periode_eind": "2025-01-01", "voorbeeld": "eigen", "niveau1_naam": ""}
    antwoord = client.post(reverse("agenda_nieuw"), fout)
    assert antwoord.status_code == 200
    assert "Het begin van de periode ligt na het einde." in antwoord.text
    assert "Dit veld is verplicht." in antwoord.text
    assert not Agenda.objects.filter(gemeente="Zeewolde").exists()
    assert not User.objects.filter(username="bea@zeewolde.example").exists()
    assert not mail.outbox


# --- roles -------------------------------------------------------------------------------------


def test_giving_a_role_invites_the_person(client, anne, bunnik, django_capture_on_commit_callbacks):
    persoon = PersoonFactory(agenda=bunnik, naam="Ids Uitgenodigd", email="ids@bunnik.example")
    zonder = PersoonFactory(agenda=bunnik, naam="Zonder Mail")
    client.force_login(anne)
    url = reverse("rol_nieuw", args=[bunnik.slug])
    formulier = client.get(url).text
    assert "Ids Uitgenodigd" in formulier
    assert "Zonder Mail" not in formulier  # no address, no login
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(url, {"persoon": zonder.pk, "rol": "lid"})
    assert "Selecteer een geldige keuze" in antwoord.text
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(url, {"persoon": persoon.pk, "rol": "lid"}, follow=True)
    assert "de uitnodiging gaat naar ids@bunnik.example" in antwoord.text
    persoon.refresh_from_db()
    assert Lidmaatschap.objects.get(agenda=bunnik, gebruiker=persoon.gebruiker).rol == Rol.LID
    (bericht,) = mail.outbox
    assert bericht.to == ["ids@bunnik.example"]
    assert "/welkom/" in bericht.body
    assert persoon.uitnodiging_verzonden_op is not None


def test_withdrawn_role_loses_access_but_keeps_history(client, anne, sara, bunnik):
    lid = Lidmaatschap.objects.get(agenda=bunnik, gebruiker=sara)
    client.force_login(anne)
    antwoord = client.post(reverse("rol_intrekken", args=[bunnik.slug, lid.pk]), follow=True)
    assert "is ingetrokken" in antwoord.text
    lid.refresh_from_db()
    assert lid.ingetrokken_op is not None
    assert lid.history.first().history_user == anne
    assert "Ingetrokken rollen" in client.get(reverse("rol_lijst", args=[bunnik.slug])).text

    client.force_login(sara)
    assert client.get(reverse("agenda_dashboard", args=[bunnik.slug])).status_code == 404
    assert "Gemeente Bunnik" not in client.get(reverse("home")).text

    # Given again: the same row, access back.
    client.force_login(anne)
    persoon = Persoon.objects.get(agenda=bunnik, gebruiker=sara)
    client.post(reverse("rol_nieuw", args=[bunnik.slug]), {"persoon": persoon.pk, "rol": "lezer"})
    lid.refresh_from_db()
    assert lid.ingetrokken_op is None
    client.force_login(sara)
    assert client.get(reverse("agenda_dashboard", args=[bunnik.slug])).status_code == 200


def test_the_last_beheerder_keeps_the_role(client, anne, bunnik):
    lid = Lidmaatschap.objects.get(agenda=bunnik, gebruiker=anne)
    client.force_login(anne)
    antwoord = client.post(reverse("rol_intrekken", args=[bunnik.slug, lid.pk]), follow=True)
    assert "minstens één beheerder" in antwoord.text
    antwoord = client.post(reverse("rol_bewerken", args=[bunnik.slug, lid.pk]), {"rol": "lezer"})
    assert "minstens één beheerder" in antwoord.text
    lid.refresh_from_db()
    assert (lid.rol, lid.ingetrokken_op) == (Rol.BEHEERDER, None)


def test_changing_a_role(client, anne, sara, bunnik):
    lid = Lidmaatschap.objects.get(agenda=bunnik, gebruiker=sara)
    client.force_login(anne)
    url = reverse("rol_bewerken", args=[bunnik.slug, lid.pk])
    assert client.post(url, {"rol": "onzin"}).status_code == 200
    client.post(url, {"rol": "lid"})
    lid.refresh_from_db()
    assert lid.rol == Rol.LID


# --- the person's address is the login's ----------------------------------------------------


def test_editing_the_persons_address_changes_the_logins(client, anne, bunnik):
    login = GebruikerFactory(username="kees@bunnik.example", email="kees@bunnik.example")
    persoon = PersoonFactory(agenda=bunnik, naam="Kees", email="kees@bunnik.example")
    assert persoon.gebruiker is None
    persoon_bewaar(persoon=persoon)  # an address of an existing login links the two
    assert persoon.gebruiker == login
    client.force_login(anne)
    url = reverse("persoon_bewerken", args=[bunnik.slug, persoon.pk])
    client.post(url, {"naam": "Kees", "email": "kees.nieuw@bunnik.example"})
    login.refresh_from_db()
    assert login.email == login.username == "kees.nieuw@bunnik.example"
    antwoord = client.post(url, {"naam": "Kees", "email": ""})
    assert "heeft een e-mailadres nodig" in antwoord.text
    antwoord = client.post(url, {"naam": "Kees", "email": anne.email})
    assert "hoort al bij een andere login" in antwoord.text
    persoon.refresh_from_db()
    assert persoon.email == "kees.nieuw@bunnik.example"


def test_a_login_used_elsewhere_keeps_its_address(client, anne, bunnik, hilversum):
    """A beheerder of one agenda cannot take over a login another agenda uses."""
    login = GebruikerFactory(username="gedeeld@lea.example", email="gedeeld@lea.example")
    Lidmaatschap.objects.create(agenda=hilversum, gebruiker=login, rol=Rol.LEZER)
    persoon = persoon_bewaar(persoon=Persoon(agenda=bunnik, naam="G", email=login.email))
    client.force_login(anne)
    url = reverse("persoon_bewerken", args=[bunnik.slug, persoon.pk])
    antwoord = client.post(url, {"naam": "G", "email": "kaping@bunnik.example"})
    assert "ook buiten deze agenda gebruikt" in antwoord.text
    login.refresh_from_db()
    assert login.email == "gedeeld@lea.example"


def test_a_notification_reaches_the_persons_address_when_the_login_has_none(bunnik):
    login = GebruikerFactory(username="voorzitter-zonder-mail", email="")
    PersoonFactory(agenda=bunnik, gebruiker=login, email="voorzitter@bunnik.example")
    melding = Melding.objects.create(gebruiker=login, agenda=bunnik, sleutel="x", titel="Status")
    assert melding_email_verstuur(melding=melding)
    (bericht,) = mail.outbox
    assert bericht.to == ["voorzitter@bunnik.example"]


def test_an_invited_login_carries_the_persons_address(django_capture_on_commit_callbacks):
    """The invitation makes login and person share one address, so mail cannot miss."""
    from lea.services.personen import persoon_nodig_uit

    agenda = AgendaFactory()
    persoon = PersoonFactory(agenda=agenda, naam="Vera Voorzitter", email="vera@proef.example")
    with django_capture_on_commit_callbacks(execute=True):
        persoon_nodig_uit(persoon=persoon, rol=Rol.LID)
    persoon.refresh_from_db()
    assert persoon.gebruiker.email == "vera@proef.example"
    assert persoon.gebruiker.get_full_name() == "Vera Voorzitter"
    assert len(mail.outbox) == 1
