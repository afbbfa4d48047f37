"""The agenda's public view at /openbaar/<slug>/: the beheerder publishes it, and withdraws it.

Both take effect at once; the Publicatie row keeps its history (who, when, what), so a
withdrawn publication is never deleted and publishing again starts from the same row.
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils import timezone

from lea.models import Agenda, Publicatie, Rol
from lea.services import bewaar
from lea.toegang import rol_in

NIET_BEHEERDER = "Alleen de beheerder van deze agenda publiceert haar openbare weergave."


def publicatie_van(agenda: Agenda) -> Publicatie | None:
    """The agenda's publication row, or None when it was never published."""
    return Publicatie.objects.filter(agenda=agenda).select_related("gepubliceerd_door").first()


def _alleen_beheerder(agenda: Agenda, door: Any) -> None:
    if rol_in(door, agenda) != Rol.BEHEERDER:
        raise PermissionDenied(NIET_BEHEERDER)


@transaction.atomic
def publicatie_publiceer(
    *, agenda: Agenda, door: Any, niveau: str, inleiding: str = ""
) -> Publicatie:
    """Publish the agenda's public view, or change what a published one shows; `niveau` is
    how much of the budget it shows (a BegrotingOpenbaar).

    A publication that is already public keeps its date; one never published or withdrawn
    becomes public from now."""
    _alleen_beheerder(agenda, door)
    if agenda.is_concept:
        raise ValidationError("Een concept wordt niet openbaar: publiceer eerst de agenda zelf.")
    publicatie = Publicatie.objects.select_for_update().filter(agenda=agenda).first()
    if publicatie is None:
        publicatie = Publicatie(agenda=agenda)
    if not publicatie.openbaar:
        publicatie.gepubliceerd_op = timezone.now()
        publicatie.gepubliceerd_door = door
    publicatie.toon_begroting = niveau
    publicatie.inleiding = inleiding.strip()
    return bewaar(publicatie, door=door)


@transaction.atomic
def publicatie_trek_in(*, agenda: Agenda, door: Any) -> Publicatie:
    """Withdraw the public view at once; the row and its history stay."""
    _alleen_beheerder(agenda, door)
    publicatie = Publicatie.objects.select_for_update().filter(agenda=agenda).first()
    if publicatie is None or not publicatie.openbaar:
        raise ValidationError("Deze agenda is niet openbaar; er is niets in te trekken.")
    publicatie.ingetrokken_op = timezone.now()
    return bewaar(publicatie, door=door)


def openbaar_gewijzigd(agenda_ids: Iterable[int] | models.QuerySet | None = None) -> int:
    """Raise the public view's version of these agendas (all when None) at once, so their
    cached public pages are made anew; the number of publications raised.

    Saves and deletes of what the public view reads do this after their commit
    (monitoring/versie.py); call it for writes that bypass save() and after a restore.
    """
    publicaties = Publicatie.objects.all()
    if agenda_ids is not None:
        ids = agenda_ids if isinstance(agenda_ids, models.QuerySet) else list(agenda_ids)
        publicaties = publicaties.filter(agenda_id__in=ids)
    return publicaties.update(versie=F("versie") + 1, inhoud_gewijzigd_op=timezone.now())
