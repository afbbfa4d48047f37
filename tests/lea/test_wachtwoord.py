"""Passwords: change one's own, reset a forgotten one by e-mail with Django's token, Django's
validators everywhere (the invitation's link too)."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.urls import reverse

from lea.models import Auditregel, AuditSoort, Rol
from lea.services.personen import persoon_nodig_uit, uitnodiging_link
from tests.factories import PersoonFactory

pytestmark = pytest.mark.django_db

User = get_user_model()
NIEUW = "Zomer-in-Bunnik-2026!"


def _herstel_link(bericht) -> str:
    gevonden = re.search(r"https?://[^/\s]+(/wachtwoord/herstellen/\S+/)", bericht.body)
    assert gevonden, bericht.body
    return gevonden.group(1)


def test_the_top_bar_and_the_login_page_link_to_the_password_pages(client, anne):
    inloggen = client.get(reverse("login"))
    assert f'href="{reverse("password_reset")}"' in inloggen.text
    assert "Wachtwoord vergeten?" in inloggen.text
    client.force_login(anne)
    pagina = client.get(reverse("meldingen"))
    assert f'href="{reverse("password_change")}"' in pagina.text


def test_a_user_changes_their_password(client, anne):
    client.force_login(anne)
    pagina = client.get(reverse("password_change"))
    assert pagina.status_code == 200
    assert "Wachtwoord wijzigen" in pagina.text
    assert 'for="id_old_password"' in pagina.text
    assert "Uw wachtwoord moet minstens 12 tekens lang zijn." in pagina.text

    fout = client.post(
        reverse("password_change"),
        {"old_password": "verkeerd", "new_password1": NIEUW, "new_password2": NIEUW},
    )
    assert fout.status_code == 200
    assert "Uw oude wachtwoord is niet juist ingevoerd" in fout.text

    antwoord = client.post(
        reverse("password_change"),
        {"old_password": "lea-demo", "new_password1": NIEUW, "new_password2": NIEUW},
        REMOTE_ADDR="203.0.113.9",
    )
    assert antwoord.status_code == 302
    assert antwoord["Location"] == reverse("password_change_done")
    anne.refresh_from_db()
    assert anne.check_password(NIEUW)
    # Still logged in here.
    assert client.get(reverse("password_change_done")).status_code == 200
    regel = Auditregel.objects.get(soort=AuditSoort.WACHTWOORD, gebruiker=anne)
    assert (regel.omschrijving, regel.adres) == ("Wachtwoord gewijzigd", "203.0.113.9")


def test_the_change_page_needs_a_login(client):
    antwoord = client.get(reverse("password_change"))
    assert antwoord.status_code == 302
    assert antwoord["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    ("wachtwoord", "melding"),
    [
        ("password1234", "Dit wachtwoord is te algemeen."),
        ("Kort-1!", "Dit wachtwoord is te kort. De minimale lengte is 12 tekens."),
        ("202604151230", "Dit wachtwoord bevat alleen cijfers."),
        ("beleid-bunnik1", "Het wachtwoord lijkt te veel op de gebruikersnaam."),
    ],
)
def test_weak_passwords_are_refused_in_dutch(client, anne, wachtwoord, melding):
    client.force_login(anne)
    antwoord = client.post(
        reverse("password_change"),
        {"old_password": "lea-demo", "new_password1": wachtwoord, "new_password2": wachtwoord},
    )
    assert antwoord.status_code == 200
    assert melding in antwoord.text
    anne.refresh_from_db()
    assert anne.check_password("lea-demo")


def test_a_forgotten_password_is_reset_through_the_link_in_the_mail(client, anne, settings):
    settings.LEA_BASIS_URL = "https://lea.gemeente.example"
    anne.email = "anne@bunnik.example"
    anne.save()
    pagina = client.get(reverse("password_reset"))
    assert "Wachtwoord vergeten" in pagina.text

    antwoord = client.post(reverse("password_reset"), {"email": "Anne@Bunnik.example"})
    assert antwoord["Location"] == reverse("password_reset_done")
    (bericht,) = mail.outbox
    assert bericht.to == ["anne@bunnik.example"]
    assert bericht.subject == "[LEA] Nieuw wachtwoord kiezen"
    assert "Kies via deze link een nieuw wachtwoord" in bericht.body
    assert "https://lea.gemeente.example/wachtwoord/herstellen/" in bericht.body
    link = _herstel_link(bericht)
    token = link.rstrip("/").split("/")[-1]
    assert default_token_generator.check_token(anne, token)

    formulier = client.get(link, follow=True)
    assert "Nieuw wachtwoord kiezen" in formulier.text
    adres = formulier.redirect_chain[-1][0]
    zwak = client.post(adres, {"new_password1": "qwertyuiop123", "new_password2": "qwertyuiop123"})
    assert "Dit wachtwoord is te algemeen." in zwak.text
    antwoord = client.post(adres, {"new_password1": NIEUW, "new_password2": NIEUW})
    assert antwoord["Location"] == reverse("password_reset_complete")
    anne.refresh_from_db()
    assert anne.check_password(NIEUW)
    assert client.get(reverse("password_reset_complete")).status_code == 200

    # The link worked once.
    opnieuw = client.get(link, follow=True)
    assert "verlopen of al gebruikt" in opnieuw.text
    assert 'name="new_password1"' not in opnieuw.text
    soorten = list(
        Auditregel.objects.filter(soort=AuditSoort.WACHTWOORD, gebruiker=anne)
        .order_by("pk")
        .values_list("omschrijving", flat=True)
    )
    assert soorten == [
        "Herstellink per e-mail aangevraagd",
        "Wachtwoord hersteld via de e-maillink",
    ]


def test_the_reset_page_does_not_tell_whether_an_address_has_a_login(client, anne):
    anne.email = "anne@bunnik.example"
    anne.save()
    bestaand = client.post(reverse("password_reset"), {"email": "anne@bunnik.example"})
    onbekend = client.post(reverse("password_reset"), {"email": "niemand@bunnik.example"})
    assert bestaand.status_code == onbekend.status_code == 302
    assert bestaand["Location"] == onbekend["Location"]
    assert len(mail.outbox) == 1


def test_reset_mails_to_one_login_are_limited_per_hour(client, anne):
    anne.email = "anne@bunnik.example"
    anne.save()
    for _ in range(5):
        antwoord = client.post(reverse("password_reset"), {"email": "anne@bunnik.example"})
        assert antwoord.status_code == 302
    assert len(mail.outbox) == 3


def test_an_invitation_uses_the_same_token_and_validators(
    client, bunnik, anne, django_capture_on_commit_callbacks
):
    persoon = PersoonFactory(agenda=bunnik, naam="Nina Nieuw", email="nina@bunnik.example")
    with django_capture_on_commit_callbacks(execute=True):
        persoon_nodig_uit(persoon=persoon, rol=Rol.LEZER, door=anne)
    persoon.refresh_from_db()
    nina = persoon.gebruiker
    (bericht,) = mail.outbox
    link = uitnodiging_link(nina)
    assert link in bericht.body
    assert default_token_generator.check_token(nina, link.rstrip("/").split("/")[-1])

    formulier = client.get(link, follow=True).redirect_chain[-1][0]
    for zwak, melding in (
        ("password1234", "Dit wachtwoord is te algemeen."),
        ("Kort-1!", "De minimale lengte is 12 tekens."),
        ("nina@bunnik.example", "Het wachtwoord lijkt te veel op de"),
    ):
        antwoord = client.post(formulier, {"new_password1": zwak, "new_password2": zwak})
        assert melding in antwoord.text
    nina.refresh_from_db()
    assert not nina.has_usable_password()
    antwoord = client.post(formulier, {"new_password1": NIEUW, "new_password2": NIEUW})
    assert antwoord.status_code == 302
    nina.refresh_from_db()
    assert nina.check_password(NIEUW)
    regel = Auditregel.objects.filter(soort=AuditSoort.WACHTWOORD, gebruiker=nina).latest("pk")
    assert regel.omschrijving == "Wachtwoord ingesteld via een uitnodiging"
