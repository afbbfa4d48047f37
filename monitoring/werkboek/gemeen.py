"""What monitoring's sheets share beyond lea.werkboek: finding a row's object by its ID with
monitoring's messages, what an earlier sheet of the same read leaves a later one, sensible
years, and the labels of an action and an amount."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TypeVar

from django.db import models

from ambities.selectors import knooppad, korte_titel
from lea import werkboek
from lea.werkboek import Context, Kolom, Rij
from werkgroepen.models import Actie

M = TypeVar("M", bound=models.Model)

# A year a figure can sensibly be about: the measurement form's bounds.
JAAR_VAN, JAAR_TOT = 1990, 2100

# What a sheet leaves in Context.gedeeld for a later sheet of the same read: by label, the
# objects (new ones unsaved until the apply) a later sheet may refer to.
INDICATOREN = "monitoring.indicatoren"
SCHOLEN = "monitoring.scholen"
POSTEN = "monitoring.posten"


def gedeeld(
    context: Context, sleutel: str, anders: Callable[[Context], dict[str, M]]
) -> dict[str, M]:
    """The labels an earlier sheet of this read left under `sleutel` (its new and renamed
    objects included), else `anders`: the agenda's as they are."""
    labels = context.gedeeld.get(sleutel)
    return labels if labels is not None else anders(context)


def vergeet(context: Context, *sleutels: str) -> None:
    """Drop what earlier sheets shared once no later sheet needs it, so that a second read
    with the same context never sees objects of the first."""
    for sleutel in sleutels:
        context.gedeeld.pop(sleutel, None)


def jaar_zinnig(rij: Rij, kolom: Kolom) -> None:
    jaar = rij[kolom.veld]
    if jaar is not None and not JAAR_VAN <= jaar <= JAAR_TOT:
        rij.fout(kolom, f"{jaar} is geen geldig jaar; kies een jaar van {JAAR_VAN} tot {JAAR_TOT}.")


def zoek(
    rij: Rij,
    kolom: Kolom,
    actief: Mapping[int, M],
    alle: models.QuerySet[M],
    wat: str,
    gearchiveerd: str,
) -> M | None:
    """The object the row's ID names among the sheet's (active) objects of this agenda; an
    error on the ID cell when it names another agenda's, an archived or no object."""
    return werkboek.zoek(
        rij,
        kolom,
        actief,
        alle,
        onbekend=lambda pk: (
            f"ID {pk} is geen {wat} van deze agenda. Laat het ID leeg voor een nieuwe."
        ),
        gearchiveerd=lambda obj: f"ID {obj.pk} {gearchiveerd}; zet het eerst terug in LEA.",
    )


def actielabel(actie: Actie) -> str:
    """An action in a drop-down: its node's code path and its own code, and its title."""
    pad = knooppad(actie.knoop)
    code = f"{pad}.{actie.code}" if pad and actie.code else actie.code
    return f"{code} {korte_titel(actie.titel)}".strip()


def euro(bedrag: Decimal) -> str:
    """An amount as the Dutch write it: € 1.234,50 (whole euros without cents)."""
    tekst = f"{bedrag:,.0f}" if bedrag == bedrag.to_integral_value() else f"{bedrag:,.2f}"
    return "€ " + tekst.replace(",", "_").replace(".", ",").replace("_", ".")
