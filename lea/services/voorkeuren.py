"""A login's e-mail preference: a mail per notification, the weekly digest, or both; and the
signed one-click link in every digest that switches the digest off without logging in.

No Emailvoorkeur row means the defaults (both on); a row is made when the login first saves
a choice, follows the link, or is sent a digest (which claims its week on the row).
"""

from typing import Any

from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction

from lea.models import Emailvoorkeur
from lea.services import bewaar

# Separates these signatures from every other use of the secret key.
AFMELD_ZOUT = "lea.emailvoorkeur.overzicht-afmelden"


def emailvoorkeur_van(gebruiker: Any) -> Emailvoorkeur:
    """The login's preference: its row, or an unsaved one with the defaults."""
    return Emailvoorkeur.objects.filter(gebruiker=gebruiker).first() or Emailvoorkeur(
        gebruiker=gebruiker
    )


@transaction.atomic
def emailvoorkeur_bewaar(
    *, gebruiker: Any, per_melding: bool, wekelijks_overzicht: bool
) -> Emailvoorkeur:
    """Save the login's choice (the week of the last digest stays as it was)."""
    voorkeur, _ = Emailvoorkeur.objects.select_for_update().get_or_create(gebruiker=gebruiker)
    voorkeur.per_melding = per_melding
    voorkeur.wekelijks_overzicht = wekelijks_overzicht
    return bewaar(voorkeur)


def afmeldsleutel(gebruiker: Any) -> str:
    """The signed part of the login's opt-out link. It does not expire: a digest read months
    later must still be able to stop the next one, and all it can do is switch that off."""
    return signing.Signer(salt=AFMELD_ZOUT).sign(str(gebruiker.pk))


def gebruiker_van_afmeldsleutel(sleutel: str) -> Any:
    """The login an opt-out link belongs to, or None for a changed or unknown link."""
    try:
        pk = int(signing.Signer(salt=AFMELD_ZOUT).unsign(sleutel))
    except (signing.BadSignature, ValueError):
        return None
    return get_user_model().objects.filter(pk=pk, is_active=True).first()


@transaction.atomic
def overzicht_afmeld(*, gebruiker: Any) -> Emailvoorkeur:
    """Switch the weekly digest off (the mail per notification stays as it was)."""
    voorkeur, _ = Emailvoorkeur.objects.select_for_update().get_or_create(gebruiker=gebruiker)
    if voorkeur.wekelijks_overzicht:
        voorkeur.wekelijks_overzicht = False
        bewaar(voorkeur)
    return voorkeur
