"""The second factor: the QR code drawn by LEA itself, a superuser's reset, the deploy check."""

import re
from xml.etree import ElementTree

import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from lea.config.checks import tweede_factor_verplicht
from tests.factories import GebruikerFactory
from tests.lea.tweede_factor.hulp import (
    CODE,
    INRICHTEN,
    code,
    ingericht,
    inloggen,
    naar,
    regels,
)

pytestmark = pytest.mark.django_db


# --- the QR code -------------------------------------------------------------------------------


def test_the_qr_code_is_drawn_by_lea_itself(client, anne):
    inloggen(client, anne)
    pagina = client.get(INRICHTEN).content.decode()
    bronnen = re.findall(r'(?:src|href|action)="([^"]*)"', pagina)
    assert reverse("tweede_factor_qr") in bronnen
    assert [b for b in bronnen if "//" in b] == []
    assert 'alt="QR-code' in pagina

    qr = client.get(reverse("tweede_factor_qr"))
    assert qr.status_code == 200
    assert qr["Content-Type"] == "image/svg+xml"
    assert "no-store" in qr["Cache-Control"]
    svg = ElementTree.fromstring(qr.content)  # noqa: S314 - our own response
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert svg.find("{http://www.w3.org/2000/svg}path") is not None


def test_the_qr_code_is_only_for_a_logged_in_user(client):
    antwoord = client.get(reverse("tweede_factor_qr"))
    assert naar(antwoord, reverse("login"))


# --- a superuser's reset ----------------------------------------------------------------------


def _geverifieerd(client, gebruiker):
    """Log in and pass the second factor, setting one up first if needed."""
    apparaat = TOTPDevice.objects.filter(user=gebruiker, confirmed=True).first()
    if apparaat is None:
        apparaat, _codes = ingericht(gebruiker)
    inloggen(client, gebruiker)
    assert naar(client.post(CODE, {"code": code(apparaat, later=1)}), reverse("home"))


def test_a_superuser_resets_a_second_factor_in_the_admin(client, admin, anne):
    from django.test import Client

    _geverifieerd(client, admin)
    van_anne = Client()
    _geverifieerd(van_anne, anne)
    assert van_anne.get(reverse("home")).status_code == 200

    lijst = client.get(reverse("admin:auth_user_changelist"))
    assert "Tweede factor opnieuw instellen" in lijst.content.decode()
    antwoord = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "tweede_factor_opnieuw_instellen", "_selected_action": [anne.pk]},
        follow=True,
    )
    assert "Tweede factor opnieuw ingesteld voor beleid-bunnik" in antwoord.content.decode()
    assert not TOTPDevice.objects.filter(user=anne).exists()
    assert not StaticToken.objects.filter(device__user=anne).exists()
    regel = regels(anne).get(omschrijving__contains="opnieuw ingesteld")
    assert "superuser admin" in regel.omschrijving
    assert regel.adres == "127.0.0.1"
    # Anne's session no longer counts as verified: she sets up a new app.
    assert naar(van_anne.get(reverse("home")), INRICHTEN)


def test_only_a_superuser_gets_the_reset_action(client, settings):
    settings.LEA_TWEEDE_FACTOR_VERPLICHT = False
    medewerker = GebruikerFactory(username="medewerker", is_staff=True)
    medewerker.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_user", "change_user"])
    )
    inloggen(client, medewerker)
    lijst = client.get(reverse("admin:auth_user_changelist"))
    assert lijst.status_code == 200
    assert "Tweede factor opnieuw instellen" not in lijst.content.decode()


def test_the_reset_command(anne, capsys):
    ingericht(anne)
    call_command("tweede_factor_herstel", "beleid-bunnik")
    assert "verwijderd" in capsys.readouterr().out
    assert not TOTPDevice.objects.filter(user=anne).exists()
    assert regels(anne).filter(omschrijving__contains="beheercommando").exists()
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("tweede_factor_herstel", "niemand")


# --- the deployment check ---------------------------------------------------------------------


def test_the_deploy_check_warns_when_the_demo_switch_is_on_in_production(settings):
    settings.DEBUG = False
    settings.LEA_TWEEDE_FACTOR_VERPLICHT = False
    assert [m.id for m in tweede_factor_verplicht(None)] == ["lea.W001"]
    settings.LEA_TWEEDE_FACTOR_VERPLICHT = True
    assert tweede_factor_verplicht(None) == []
    settings.DEBUG = True
    settings.LEA_TWEEDE_FACTOR_VERPLICHT = False
    assert tweede_factor_verplicht(None) == []
