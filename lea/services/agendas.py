"""The writes of an agenda itself: a new agenda for a municipality, and its settings."""

import uuid
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.text import slugify

from lea.models import Agenda, Persoon, Rol
from lea.services import bewaar, token_gebruik
from lea.services.personen import persoon_bewaar, persoon_nodig_uit
from lea.toegang import is_functioneel_beheerder


def agenda_slug(gemeente: str, jaar: int) -> str:
    """The agenda's short name in its addresses: municipality and start year, made unique."""
    basis = f"{slugify(gemeente)[:50] or 'agenda'}-{jaar}"
    slug, n = basis, 1
    while Agenda.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{basis}-{n}"
    return slug


@transaction.atomic
def agenda_maak(
    *,
    velden: dict[str, Any],
    beheerder_naam: str,
    beheerder_email: str,
    door: Any,
    token: uuid.UUID | None = None,
) -> Agenda:
    """A new agenda (functioneel beheerder only), with its first beheerder invited."""
    if not is_functioneel_beheerder(door):
        raise PermissionDenied("Alleen een functioneel beheerder maakt een nieuwe agenda.")
    token_gebruik(token=token, door=door)
    agenda = Agenda(**velden)
    agenda.slug = agenda_slug(agenda.gemeente, agenda.periode_start.year)
    bewaar(agenda, door=door)
    persoon = persoon_bewaar(
        persoon=Persoon(agenda=agenda, naam=beheerder_naam, email=beheerder_email), door=door
    )
    persoon_nodig_uit(persoon=persoon, rol=Rol.BEHEERDER, door=door)
    return agenda


@transaction.atomic
def agenda_instellingen_bewaar(*, agenda: Agenda, door: Any = None) -> Agenda:
    """The beheerder's changes to the agenda's settings (its short name stays)."""
    return bewaar(agenda, door=door)
