"""The second factor: required of every editor role, optional for the rest, with backup codes."""

import datetime
import re
from base64 import b32decode

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from lea.config.tweede_factor import VRIJ
from tests.conftest import WACHTWOORD
from tests.lea.tweede_factor.hulp import (
    CODE,
    INRICHTEN,
    code,
    fout_code,
    ingericht,
    inloggen,
    naar,
    regels,
    uitloggen,
)

pytestmark = pytest.mark.django_db


# --- required of every editor -----------------------------------------------------------------


def _routes(patronen=None, prefix="", namespace=""):
    """(name, route) of every named URL of the site, the admin's included."""
    for patroon in patronen if patronen is not None else get_resolver().url_patterns:
        route = prefix + str(patroon.pattern)
        if isinstance(patroon, URLResolver):
            ns = f"{namespace}{patroon.namespace}:" if patroon.namespace else namespace
            yield from _routes(patroon.url_patterns, route, ns)
        elif isinstance(patroon, URLPattern) and patroon.name:
            yield f"{namespace}{patroon.name}", route


def _pad(route: str) -> str | None:
    """A path for a route; its parameters need not exist, the middleware answers first."""
    if any(teken in route for teken in "^$("):
        return None  # a regular expression (the admin's app index and catch-all)
    pad = re.sub(r"<slug:\w+>", "bunnik-2025", route)
    pad = re.sub(r"<int:\w+>", "1", pad)
    return "/" + re.sub(r"<(?:\w+:)?\w+>", "x", pad)


def test_after_the_password_every_page_sends_an_editor_to_enrolment(client, redacteur):
    inloggen(client, redacteur)
    antwoord = client.get(reverse("home"))
    assert naar(antwoord, INRICHTEN)
    assert antwoord.url == f"{INRICHTEN}?next=%2F"

    # Every named page of the site, the admin's included, but for logging in and out and the
    # second-factor pages themselves.
    paden = {naam: _pad(route) for naam, route in _routes() if naam not in VRIJ}
    paden = {naam: pad for naam, pad in paden.items() if pad}
    assert {"agenda_dashboard", "actie_lijst", "admin:index", "tweede_factor"} <= set(paden)
    open_ = [naam for naam, url in paden.items() if not naar(client.get(url), INRICHTEN)]
    assert open_ == []
    # A form post does nothing either.
    assert naar(client.post(reverse("meldingen")), INRICHTEN)

    pagina = client.get(antwoord.url)
    assert pagina.status_code == 200
    assert "Stel uw tweede factor in" in pagina.content.decode()
    assert "verplicht" in pagina.content.decode()


def test_enrolment_with_the_right_code_works_and_a_wrong_one_is_refused(client, redacteur):
    inloggen(client, redacteur)
    pagina = client.get(f"{INRICHTEN}?next=/meldingen/")
    apparaat = TOTPDevice.objects.get(user=redacteur, confirmed=False)
    # The secret is offered as text too, for whoever cannot scan.
    geheim = re.search(r'<code id="geheim"[^>]*>([A-Z2-7 ]+)</code>', pagina.content.decode())
    assert b32decode(geheim.group(1).replace(" ", "")) == apparaat.bin_key

    fout = client.post(INRICHTEN, {"code": fout_code(apparaat), "next": "/meldingen/"})
    assert fout.status_code == 200
    assert "Deze code klopt niet" in fout.content.decode()
    assert 'aria-invalid="true"' in fout.content.decode()
    apparaat.refresh_from_db()
    assert not apparaat.confirmed
    assert naar(client.get(reverse("home")), INRICHTEN)

    # Right after a wrong code django-otp makes one wait; the page says so.
    te_snel = client.post(INRICHTEN, {"code": code(apparaat), "next": "/meldingen/"})
    assert "Te veel onjuiste codes" in te_snel.content.decode()
    TOTPDevice.objects.filter(pk=apparaat.pk).update(
        throttling_failure_timestamp=timezone.now() - datetime.timedelta(seconds=10)
    )

    goed = client.post(INRICHTEN, {"code": code(apparaat), "next": "/meldingen/"})
    assert goed.status_code == 200
    tekst = goed.content.decode()
    assert "Uw tweede factor is ingesteld" in tekst
    getoond = re.findall(r'<code class="fs-5">([a-z2-7]{8})</code>', tekst)
    assert len(getoond) == 10
    assert sorted(getoond) == sorted(
        StaticToken.objects.filter(device__user=redacteur).values_list("token", flat=True)
    )
    assert 'href="/meldingen/"' in tekst
    apparaat.refresh_from_db()
    assert apparaat.confirmed
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("meldingen")).status_code == 200
    assert regels(redacteur).filter(omschrijving__startswith="Tweede factor ingesteld").exists()


def test_the_next_login_asks_the_code(client, redacteur):
    apparaat, _codes = ingericht(redacteur)
    inloggen(client, redacteur)
    antwoord = client.get(reverse("meldingen"))
    assert naar(antwoord, CODE)
    assert naar(client.get(INRICHTEN), CODE), "a new app only after the code of the old one"
    assert client.get(reverse("tweede_factor_qr")).status_code == 404
    pagina = client.get(antwoord.url)
    assert "Code uit uw app" in pagina.content.decode()

    fout = client.post(antwoord.url, {"code": fout_code(apparaat)})
    assert "Deze code klopt niet" in fout.content.decode()
    TOTPDevice.objects.filter(pk=apparaat.pk).update(throttling_failure_timestamp=None)

    goed = client.post(antwoord.url, {"code": code(apparaat, later=1)})
    assert goed.status_code == 302
    assert goed.url == reverse("meldingen")
    assert client.get(goed.url).status_code == 200


def test_a_backup_code_works_once(client, anne):
    _apparaat, codes = ingericht(anne)
    inloggen(client, anne)
    antwoord = client.post(CODE, {"code": codes[3].upper()[:4] + " " + codes[3][4:]})
    assert naar(antwoord, reverse("home"))
    home = client.get(reverse("home"))
    assert home.status_code == 200
    assert "nog 9" in home.content.decode()
    assert regels(anne).filter(omschrijving__startswith="Ingelogd met een reservecode").count() == 1

    uitloggen(client)
    inloggen(client, anne)
    nogmaals = client.post(CODE, {"code": codes[3]})
    assert nogmaals.status_code == 200
    assert "Deze code klopt niet" in nogmaals.content.decode()
    assert naar(client.get(reverse("home")), CODE)
    assert StaticToken.objects.filter(device__user=anne).count() == 9


def test_the_code_page_does_not_send_anyone_off_site(client, anne):
    apparaat, _codes = ingericht(anne)
    inloggen(client, anne)
    antwoord = client.post(
        f"{CODE}?next=https://elders.example/", {"code": code(apparaat, later=1)}
    )
    assert antwoord.url == reverse("home")


def test_an_htmx_request_loads_the_code_page_as_a_page(client, anne):
    ingericht(anne)
    inloggen(client, anne)
    antwoord = client.get(reverse("meldingen"), headers={"HX-Request": "true"})
    assert antwoord.status_code == 200
    assert antwoord["HX-Redirect"].startswith(CODE)


def test_the_admin_asks_the_second_factor_after_its_own_login(client, admin):
    apparaat, _codes = ingericht(admin)
    antwoord = client.post(
        reverse("admin:login"),
        {"username": "admin", "password": WACHTWOORD, "next": reverse("admin:index")},
    )
    assert naar(antwoord, reverse("admin:index"))
    assert naar(client.get(reverse("admin:index")), CODE)
    assert naar(client.get(reverse("admin:auth_user_changelist")), CODE)
    client.post(CODE, {"code": code(apparaat, later=1)})
    assert client.get(reverse("admin:index")).status_code == 200


# --- optional for everyone else ---------------------------------------------------------------


@pytest.mark.parametrize("wie", ["victor", "lotte", "sara"])
def test_a_chair_member_or_reader_is_not_forced_and_may_enrol(client, wie, request):
    gebruiker = request.getfixturevalue(wie)
    inloggen(client, gebruiker)
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("agenda_dashboard", args=["bunnik-2025"])).status_code == 200
    pagina = client.get(reverse("tweede_factor"))
    assert "Tweede factor instellen" in pagina.content.decode()
    assert f'href="{reverse("tweede_factor")}"' in client.get(reverse("home")).content.decode()

    client.get(INRICHTEN)
    apparaat = TOTPDevice.objects.get(user=gebruiker)
    assert client.post(INRICHTEN, {"code": code(apparaat)}).status_code == 200
    uitloggen(client)
    inloggen(client, gebruiker)
    assert naar(client.get(reverse("home")), CODE)
    client.post(CODE, {"code": code(apparaat, later=1)})

    # They may switch it off again; then the password alone will do.
    antwoord = client.post(reverse("tweede_factor_uitzetten"))
    assert naar(antwoord, reverse("tweede_factor"))
    assert not TOTPDevice.objects.filter(user=gebruiker).exists()
    assert regels(gebruiker).filter(omschrijving__contains="uitgezet").exists()
    uitloggen(client)
    inloggen(client, gebruiker)
    assert client.get(reverse("home")).status_code == 200


def test_an_editor_cannot_switch_it_off(client, anne):
    apparaat, _codes = ingericht(anne)
    inloggen(client, anne)
    client.post(CODE, {"code": code(apparaat, later=1)})
    pagina = client.get(reverse("tweede_factor")).content.decode()
    assert "Tweede factor uitzetten" not in pagina
    assert client.post(reverse("tweede_factor_uitzetten")).status_code == 403
    assert TOTPDevice.objects.filter(user=anne, confirmed=True).exists()


def test_new_backup_codes_replace_the_old_ones(client, anne):
    apparaat, oud = ingericht(anne)
    inloggen(client, anne)
    client.post(CODE, {"code": code(apparaat, later=1)})
    antwoord = client.post(reverse("tweede_factor_reservecodes"))
    nieuw = re.findall(r'<code class="fs-5">([a-z2-7]{8})</code>', antwoord.content.decode())
    assert len(nieuw) == 10
    assert not set(nieuw) & set(oud)
    assert set(StaticToken.objects.filter(device__user=anne).values_list("token", flat=True)) == (
        set(nieuw)
    )
    assert regels(anne).filter(omschrijving__startswith="Nieuwe reservecodes").exists()


def test_with_the_setting_off_editors_log_in_with_the_password_alone(client, anne, settings):
    settings.LEA_TWEEDE_FACTOR_VERPLICHT = False
    inloggen(client, anne)
    assert client.get(reverse("home")).status_code == 200
    # Whoever has an app is asked its code all the same.
    ingericht(anne)
    assert naar(client.get(reverse("home")), CODE)
