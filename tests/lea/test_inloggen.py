"""Logging in under attack: after LEA_INLOG_POGINGEN failures per username or per address the
login (the admin's too) is refused with one Dutch page that does not tell whether the account
exists; a superuser unlocks; the block ends after the cool-off."""

import datetime
import re

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.urls import reverse

from lea.models import Auditregel, AuditSoort

pytestmark = pytest.mark.django_db

WACHTWOORD = "lea-demo"
BLOKKADE = "Inloggen tijdelijk geblokkeerd"
FOUT = "Voer een juiste gebruikersnaam en wachtwoord in"


def _login(client, username, password, adres="10.0.0.1", url=None):
    return client.post(
        url or reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=adres,
    )


def _hoofdtekst(antwoord) -> str:
    """The page's <main>, the part that would tell one account from another."""
    main = re.search(r"<main.*?</main>", antwoord.text, re.S).group(0)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", main)


def _mislukt(client, username, keer, adres="10.0.0.1", url=None):
    for _ in range(keer):
        antwoord = _login(client, username, "fout-wachtwoord", adres, url)
    return antwoord


@pytest.fixture(autouse=True)
def limiet(settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)


def test_wrong_passwords_are_refused_and_then_the_account_is_locked(client, anne):
    antwoord = _mislukt(client, "beleid-bunnik", 4)
    assert antwoord.status_code == 200
    assert FOUT in antwoord.text

    antwoord = _mislukt(client, "beleid-bunnik", 1)
    assert antwoord.status_code == 429
    assert BLOKKADE in antwoord.text
    assert "15 minuten" in antwoord.text

    # The right password no longer helps, not even from another address (per account).
    antwoord = _login(client, "beleid-bunnik", WACHTWOORD, adres="10.9.9.9")
    assert antwoord.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another account from another address still logs in.
    assert _login(client, "voorzitter-bunnik", WACHTWOORD, adres="10.8.8.8").status_code == 302


def test_failures_from_one_address_lock_that_address_for_every_account(client, anne):
    for naam in ("a@x.example", "b@x.example", "c@x.example", "d@x.example", "e@x.example"):
        _login(client, naam, "raden", adres="192.0.2.7")
    antwoord = _login(client, "beleid-bunnik", WACHTWOORD, adres="192.0.2.7")
    assert antwoord.status_code == 429
    assert "_auth_user_id" not in client.session
    # The same account from another address is not blocked: it had no failures itself.
    assert _login(client, "beleid-bunnik", WACHTWOORD, adres="192.0.2.8").status_code == 302


def test_the_lockout_page_is_the_same_for_an_existing_and_an_unknown_account(client, anne):
    bestaand = _mislukt(client, "beleid-bunnik", 5, adres="10.1.1.1")
    onbekend = _mislukt(client, "niemand@nergens.example", 5, adres="10.2.2.2")
    assert bestaand.status_code == onbekend.status_code == 429
    assert _hoofdtekst(bestaand) == _hoofdtekst(onbekend)
    assert "beleid-bunnik" not in bestaand.text
    # Before the block, too: the same message for a wrong password and an unknown name.
    client.cookies.clear()
    fout_bestaand = _login(client, "voorzitter-bunnik", "mis", adres="10.3.3.3")
    fout_onbekend = _login(client, "niet-bestaand", "mis", adres="10.4.4.4")
    assert FOUT in fout_bestaand.text
    assert _hoofdtekst(fout_bestaand).replace("voorzitter-bunnik", "X") == _hoofdtekst(
        fout_onbekend
    ).replace("niet-bestaand", "X")


def test_the_admin_login_is_locked_too(client):
    url = reverse("admin:login")
    antwoord = _mislukt(client, "admin", 4, url=url)
    assert antwoord.status_code == 200
    antwoord = _mislukt(client, "admin", 1, url=url)
    assert antwoord.status_code == 429
    assert BLOKKADE in antwoord.text
    assert _login(client, "admin", WACHTWOORD, adres="10.7.7.7", url=url).status_code == 429
    # The block is on the account, so the main login page refuses it as well.
    assert _login(client, "admin", WACHTWOORD, adres="10.7.7.8").status_code == 429


def test_a_superuser_unlocks_an_account_in_the_admin(client, anne):
    from django.contrib.auth import get_user_model

    _mislukt(client, "beleid-bunnik", 5)
    assert _login(client, "beleid-bunnik", WACHTWOORD, adres="10.5.5.5").status_code == 429

    beheer = client.__class__()
    beheer.force_login(get_user_model().objects.get(username="admin"))
    lijst = reverse("admin:axes_accessattempt_changelist")
    assert "beleid-bunnik" in beheer.get(lijst).text
    pogingen = AccessAttempt.objects.filter(username="beleid-bunnik")
    antwoord = beheer.post(
        lijst,
        {
            "action": "delete_selected",
            "_selected_action": [p.pk for p in pogingen],
            "post": "yes",
        },
    )
    assert antwoord.status_code == 302
    assert not AccessAttempt.objects.filter(username="beleid-bunnik").exists()
    assert _login(client, "beleid-bunnik", WACHTWOORD, adres="10.5.5.5").status_code == 302


def test_anyone_but_a_superuser_is_kept_out_of_the_unlocking(client, anne):
    client.force_login(anne)
    lijst = reverse("admin:axes_accessattempt_changelist")
    assert client.get(lijst).status_code == 302  # to the admin's login


def test_the_command_unlocks_an_account(client, anne):
    _mislukt(client, "beleid-bunnik", 5, adres="10.6.6.1")
    assert _login(client, "beleid-bunnik", WACHTWOORD, adres="10.6.6.2").status_code == 429
    call_command("axes_reset_username", "beleid-bunnik")
    assert _login(client, "beleid-bunnik", WACHTWOORD, adres="10.6.6.2").status_code == 302


def test_the_block_ends_after_the_cool_off(client, anne):
    _mislukt(client, "beleid-bunnik", 5)
    assert _login(client, "beleid-bunnik", WACHTWOORD, adres="10.0.0.2").status_code == 429
    # Sixteen minutes later (the attempts moved back in time rather than the clock forward).
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.first().attempt_time - datetime.timedelta(minutes=16)
    )
    assert _login(client, "beleid-bunnik", WACHTWOORD, adres="10.0.0.2").status_code == 302


def test_a_failure_and_a_lockout_are_audited_with_name_and_address(client, anne):
    _mislukt(client, "beleid-bunnik", 5, adres="198.51.100.4")
    mislukt = Auditregel.objects.filter(soort=AuditSoort.LOGIN_MISLUKT)
    assert mislukt.count() == 4
    assert {(r.gebruikersnaam, r.adres) for r in mislukt} == {("beleid-bunnik", "198.51.100.4")}
    blokkade = Auditregel.objects.get(soort=AuditSoort.GEBLOKKEERD)
    assert blokkade.gebruikersnaam == "beleid-bunnik"
    assert blokkade.adres == "198.51.100.4"
    assert "na 5 mislukte pogingen" in blokkade.omschrijving

    _login(client, "beleid-bunnik", WACHTWOORD, adres="198.51.100.4")
    nog = Auditregel.objects.filter(soort=AuditSoort.GEBLOKKEERD).order_by("-pk").first()
    assert nog.omschrijving == "Inlogpoging tijdens een blokkade."
    assert not Auditregel.objects.filter(soort=AuditSoort.LOGIN).exists()


def test_the_test_clients_login_without_a_request_still_checks_the_password(client, anne):
    """Only HTTP logins are counted; outside HTTP the password check still decides."""
    assert not client.login(username="beleid-bunnik", password="fout")
    assert client.login(username="beleid-bunnik", password=WACHTWOORD)
