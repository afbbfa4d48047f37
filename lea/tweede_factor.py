"""The second factor: an authenticator app (TOTP) and ten backup codes, through django-otp.

Who must use one (`is_verplicht`): a superuser or staff login (the admin), a functioneel
beheerder, and whoever holds the beheerder role in any agenda, while LEA_TWEEDE_FACTOR_VERPLICHT
is on (`make run` switches it off, so the demo accounts log in with their password alone).
Anyone else may enrol. A login with an app must pass it whatever the setting says.

The wiring's middleware (lea.config.tweede_factor) sends a login that has not passed its second
factor in this session to the code page (with an app) or to enrolment (without one, when
obliged); the pages are in lea/views/tweede_factor.py. Every change, every use of a backup code
and a superuser's reset are written to the audit log (soort "tweede_factor").
"""

from __future__ import annotations

import io
from base64 import b32encode
from typing import Any, NamedTuple

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.utils import timezone
from django_otp import verify_token
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from lea.inloggen import HEEFT_APP, IS_BEHEERDER
from lea.models import AuditSoort, Lidmaatschap, Rol
from lea.services.audit import audit_vastleg
from lea.toegang import (
    functioneel_beheer_expressie,
    functioneel_beheer_onthoud,
    is_functioneel_beheerder,
)

APP_NAAM = "Authenticator-app"
RESERVE_NAAM = "Reservecodes"
AANTAL_RESERVECODES = 10

ONJUIST = (
    "Deze code klopt niet. Typ de zes cijfers die uw authenticator-app nu toont, of een van uw "
    "reservecodes."
)
ONJUIST_BIJ_INRICHTEN = (
    "Deze code klopt niet. Typ de zes cijfers die uw authenticator-app nu toont; staat de klok "
    "van uw telefoon goed?"
)


class Stand(NamedTuple):
    """Where a login that has not passed its second factor in this session must go."""

    heeft_app: bool  # to the code page
    verplicht: bool  # without an app: to enrolment


def is_geverifieerd(gebruiker: Any) -> bool:
    """Whether this session passed its second factor (django-otp's OTPMiddleware sets the
    device that verified it on the user)."""
    return getattr(gebruiker, "otp_device", None) is not None


def stand_van(gebruiker: Any) -> Stand:
    """Where this login must go before any page while its session is not verified: asked by
    the middleware on each such request, in one query (that also answers, for the rest of the
    request, whether the login is a functioneel beheerder)."""
    app = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    beheerder = Lidmaatschap.objects.actief().filter(gebruiker=OuterRef("pk"), rol=Rol.BEHEERDER)
    heeft_app, is_beheerder, functioneel = (
        get_user_model()
        .objects.filter(pk=gebruiker.pk)
        .values_list(Exists(app), Exists(beheerder), functioneel_beheer_expressie())
        .get()
    )
    functioneel_beheer_onthoud(gebruiker, functioneel)
    return _stand(gebruiker, heeft_app, is_beheerder)


def stand_bij_verzoek(gebruiker: Any) -> Stand:
    """`stand_van` at the start of a request: read with the login itself when the session
    loaded it (lea.inloggen.InlogBlokkadeBackend.get_user), so it costs no query of its own."""
    if not hasattr(gebruiker, HEEFT_APP):
        return stand_van(gebruiker)
    return _stand(gebruiker, getattr(gebruiker, HEEFT_APP), getattr(gebruiker, IS_BEHEERDER))


def _stand(gebruiker: Any, heeft_app: bool, is_beheerder: bool) -> Stand:
    verplicht = settings.LEA_TWEEDE_FACTOR_VERPLICHT and (
        gebruiker.is_superuser
        or gebruiker.is_staff
        or is_beheerder
        or is_functioneel_beheerder(gebruiker)
    )
    return Stand(bool(heeft_app), bool(verplicht))


def is_verplicht(gebruiker: Any) -> bool:
    """Whether this login must use a second factor (see the module's docstring)."""
    return bool(gebruiker.is_authenticated and stand_van(gebruiker).verplicht)


def app_van(gebruiker: Any) -> TOTPDevice | None:
    """The user's confirmed authenticator app, if any."""
    return TOTPDevice.objects.filter(user=gebruiker, confirmed=True).order_by("pk").first()


def is_reservecode(apparaat: Device) -> bool:
    """Whether this device (one that accepted a code) is the user's list of backup codes."""
    return isinstance(apparaat, StaticDevice)


def reservecodes_over(gebruiker: Any) -> int:
    """How many unused backup codes the user has."""
    return StaticToken.objects.filter(device__user=gebruiker, device__confirmed=True).count()


def app_in_te_richten(gebruiker: Any) -> TOTPDevice:
    """The app being enrolled: an unconfirmed device, kept until it is confirmed so that
    reloading the page shows the same secret."""
    apparaat = TOTPDevice.objects.filter(user=gebruiker, confirmed=False).order_by("pk").first()
    return apparaat or TOTPDevice.objects.create(user=gebruiker, name=APP_NAAM, confirmed=False)


def geheim_van(apparaat: TOTPDevice) -> str:
    """The secret as an app takes it when typed in: base32, in groups of four."""
    tekst = b32encode(apparaat.bin_key).decode().rstrip("=")
    return " ".join(tekst[i : i + 4] for i in range(0, len(tekst), 4))


def qr_svg(apparaat: TOTPDevice) -> bytes:
    """The QR code of the app's configuration URL, drawn here as SVG (no outside service)."""
    uitvoer = io.BytesIO()
    qrcode.make(apparaat.config_url, image_factory=qrcode.image.svg.SvgPathFillImage).save(uitvoer)
    return uitvoer.getvalue()


def _normaal(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def _verifieer(gebruiker: Any, apparaat: Device, code: str) -> bool:
    """Check one code against one device; a device that refuses for a while (django-otp's
    throttling after wrong codes) is reported in Dutch.

    Not inside a transaction of ours: a wrong code must leave its count behind (django-otp's
    verify_token runs its own, locking the device row)."""
    toegestaan, details = apparaat.verify_is_allowed()
    if not toegestaan:
        tot = (details or {}).get("locked_until")
        seconden = max(1, int((tot - timezone.now()).total_seconds()) + 1) if tot else 1
        raise ValidationError(
            f"Te veel onjuiste codes achter elkaar. Wacht {seconden} seconden en probeer het "
            "opnieuw.",
            code="te_vaak",
        )
    return verify_token(gebruiker, apparaat.persistent_id, code) is not None


def _reservecodes_vervang(gebruiker: Any) -> list[str]:
    StaticDevice.objects.filter(user=gebruiker).delete()
    apparaat = StaticDevice.objects.create(user=gebruiker, name=RESERVE_NAAM, confirmed=True)
    codes: set[str] = set()
    while len(codes) < AANTAL_RESERVECODES:
        codes.add(StaticToken.random_token())
    StaticToken.objects.bulk_create(StaticToken(device=apparaat, token=c) for c in codes)
    return sorted(codes)


def _vastleg(request: HttpRequest | None, gebruiker: Any, omschrijving: str) -> None:
    audit_vastleg(
        soort=AuditSoort.TWEEDE_FACTOR,
        request=request,
        gebruiker=gebruiker,
        gebruikersnaam=gebruiker.get_username(),
        omschrijving=omschrijving,
    )


def tweede_factor_bevestig(
    *, apparaat: TOTPDevice, code: str, request: HttpRequest | None = None
) -> list[str]:
    """Confirm the app being enrolled with a code it shows: it replaces an earlier app, and the
    user gets ten new backup codes (returned, to be shown once). ValidationError otherwise."""
    if apparaat.confirmed:
        raise ValidationError("Deze app is al ingesteld.", code="al_ingesteld")
    if not _verifieer(apparaat.user, apparaat, _normaal(code)):
        raise ValidationError(ONJUIST_BIJ_INRICHTEN, code="onjuist")
    with transaction.atomic():
        gebruiker = apparaat.user
        TOTPDevice.objects.filter(user=gebruiker).exclude(pk=apparaat.pk).delete()
        apparaat.confirmed = True
        apparaat.save(update_fields=["confirmed"])
        codes = _reservecodes_vervang(gebruiker)
        _vastleg(
            request,
            gebruiker,
            f"Tweede factor ingesteld: authenticator-app en {len(codes)} reservecodes.",
        )
    return codes


def code_controleer(*, gebruiker: Any, code: str, request: HttpRequest | None = None) -> Device:
    """The device that accepts this code: the six digits of the app, or an unused backup code
    (used up by this). ValidationError in Dutch otherwise."""
    code = _normaal(code)
    soort = TOTPDevice if len(code) == 6 and code.isdigit() else StaticDevice
    for apparaat in soort.objects.filter(user=gebruiker, confirmed=True).order_by("pk"):
        if _verifieer(gebruiker, apparaat, code):
            if soort is StaticDevice:
                _vastleg(
                    request,
                    gebruiker,
                    "Ingelogd met een reservecode; nog "
                    f"{reservecodes_over(gebruiker)} reservecodes over.",
                )
            return apparaat
    raise ValidationError(ONJUIST, code="onjuist")


@transaction.atomic
def reservecodes_vernieuw(*, gebruiker: Any, request: HttpRequest | None = None) -> list[str]:
    """Ten new backup codes (returned, to be shown once); the old ones stop working."""
    if app_van(gebruiker) is None:
        raise ValidationError("Stel eerst een authenticator-app in.", code="geen_app")
    codes = _reservecodes_vervang(gebruiker)
    _vastleg(request, gebruiker, "Nieuwe reservecodes gemaakt; de oude werken niet meer.")
    return codes


def _apparaten_verwijder(gebruiker: Any) -> int:
    aantal = 0
    for model in (TOTPDevice, StaticDevice):
        aantal += model.objects.filter(user=gebruiker).delete()[1].get(model._meta.label, 0)
    return aantal


@transaction.atomic
def tweede_factor_verwijder(*, gebruiker: Any, request: HttpRequest | None = None) -> None:
    """The user switches their own second factor off; refused for a login that must have one."""
    if is_verplicht(gebruiker):
        raise ValidationError(
            "Met uw rol is een tweede factor verplicht: u kunt hem niet uitzetten.",
            code="verplicht",
        )
    _apparaten_verwijder(gebruiker)
    _vastleg(request, gebruiker, "Tweede factor uitgezet door de gebruiker zelf.")


@transaction.atomic
def tweede_factor_herstel(
    *, gebruiker: Any, door: Any = None, request: HttpRequest | None = None
) -> int:
    """A superuser's recovery (a lost phone): every device of the user goes, so the user enrols
    again at the next page (when obliged). Returns the number of devices removed."""
    aantal = _apparaten_verwijder(gebruiker)
    wie = f"superuser {door.get_username()}" if door is not None else "het beheercommando"
    _vastleg(
        request,
        gebruiker,
        f"Tweede factor van {gebruiker.get_username()} opnieuw ingesteld door {wie} "
        f"({aantal} apparaten verwijderd).",
    )
    return aantal
