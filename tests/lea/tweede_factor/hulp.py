"""Helpers of the second-factor tests: logging in, the code an app shows, a set-up app."""

import time

from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from lea.models import Auditregel, AuditSoort
from lea.tweede_factor import app_in_te_richten, tweede_factor_bevestig
from tests.conftest import WACHTWOORD

INRICHTEN = reverse("tweede_factor_inrichten")
CODE = reverse("tweede_factor_code")


def inloggen(client, gebruiker):
    """Log in with the password, through the login page."""
    antwoord = client.post(
        reverse("login"), {"username": gebruiker.get_username(), "password": WACHTWOORD}
    )
    assert antwoord.status_code == 302, antwoord.content.decode()[:500]


def uitloggen(client):
    client.post(reverse("logout"))


def code(apparaat, *, later: int = 0) -> str:
    """The code the app shows now, or `later` time steps from now."""
    totp = TOTP(apparaat.bin_key, apparaat.step, apparaat.t0, apparaat.digits, apparaat.drift)
    totp.time = time.time() + later * apparaat.step
    return f"{totp.token():0{apparaat.digits}d}"


def fout_code(apparaat) -> str:
    """A six-digit code that none of the accepted time steps shows."""
    geldig = {code(apparaat, later=n) for n in (-1, 0, 1)}
    return next(c for c in (f"{n:06d}" for n in range(123456, 999999, 7919)) if c not in geldig)


def ingericht(gebruiker) -> tuple[TOTPDevice, list[str]]:
    """A confirmed app and its backup codes, set up through the service."""
    apparaat = app_in_te_richten(gebruiker)
    return apparaat, tweede_factor_bevestig(apparaat=apparaat, code=code(apparaat))


def naar(antwoord, url: str) -> bool:
    return antwoord.status_code == 302 and antwoord.url.split("?")[0] == url


def regels(gebruiker):
    return Auditregel.objects.filter(soort=AuditSoort.TWEEDE_FACTOR, gebruiker=gebruiker)
