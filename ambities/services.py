"""Writes on the goal tree."""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from ambities.models import Knoop
from lea.models import Agenda
from lea.services import bewaar

# What a later app hangs under a node and that must be archived first (werkgroepen: its
# actions). Each returns a Dutch reason, or "" when nothing blocks; registered in AppConfig.ready.
Archiveerblokkade = Callable[[Knoop], str]
_BLOKKADES: list[Archiveerblokkade] = []


def registreer_archiveerblokkade(blokkade: Archiveerblokkade) -> None:
    if blokkade not in _BLOKKADES:
        _BLOKKADES.append(blokkade)


@transaction.atomic
def knoop_maak(*, agenda: Agenda, door: Any, velden: dict[str, Any]) -> Knoop:
    ouder = velden.get("ouder")
    laatste = agenda.knopen.order_by("-volgorde").values_list("volgorde", flat=True).first()
    knoop = Knoop(agenda=agenda, niveau=2 if ouder else 1, volgorde=(laatste or 0) + 1, **velden)
    return bewaar(knoop, door=door)


@transaction.atomic
def knoop_bewerk(*, knoop: Knoop, door: Any, velden: dict[str, Any]) -> Knoop:
    for veld, waarde in velden.items():
        setattr(knoop, veld, waarde)
    if "ouder" in velden:
        knoop.niveau = 2 if knoop.ouder_id else 1
    if knoop.ouder_id and knoop.kinderen.exists():
        raise ValidationError(
            {
                "ouder": "Deze knoop heeft zelf onderliggende knopen en kan "
                "daarom niet onder een andere knoop komen."
            }
        )
    return bewaar(knoop, door=door)


@transaction.atomic
def knoop_archiveer(*, knoop: Knoop, door: Any, gearchiveerd: bool = True) -> Knoop:
    """Archive a node (never delete). Only once nothing active hangs under it."""
    if gearchiveerd:
        if knoop.kinderen.filter(gearchiveerd=False).exists():
            raise ValidationError("Archiveer eerst de onderliggende knopen.")
        for blokkade in _BLOKKADES:
            if reden := blokkade(knoop):
                raise ValidationError(reden)
    elif knoop.ouder is not None and knoop.ouder.gearchiveerd:
        raise ValidationError("Zet eerst de bovenliggende knoop terug.")
    knoop.gearchiveerd = gearchiveerd
    return bewaar(knoop, door=door)
