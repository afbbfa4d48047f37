"""Reads of the goal tree that are more than a QuerySet method: how a node is named in a list
(the Excel workbook's drop-downs, the CSV of the action list)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

from ambities.models import Knoop
from lea import werkboek
from lea.models import Agenda

TITEL_MAX = 60  # characters of a title in a label


def korte_titel(titel: str) -> str:
    """A title on one line, cut at a word to at most TITEL_MAX characters ("…")."""
    titel = " ".join(titel.split())
    if len(titel) > TITEL_MAX:
        titel = (titel[: TITEL_MAX - 1].rsplit(" ", 1)[0] or titel[: TITEL_MAX - 1]) + "…"
    return titel


def knooppad(knoop: Knoop) -> str:
    """The node's code path as the document prints it: ‘1’, or ‘1.A’ under ambition 1."""
    codes = [knoop.ouder.code if knoop.ouder else "", knoop.code]
    return ".".join(c.strip() for c in codes if c.strip())


def knooplabel(knoop: Knoop) -> str:
    """Code path and title: ‘1.A Werken aan partnerschap met ouders’."""
    return f"{knooppad(knoop)} {korte_titel(knoop.titel)}".strip()


def _boomvolgorde(knoop: Knoop) -> tuple[int, ...]:
    if knoop.ouder is None:
        return (knoop.volgorde, knoop.pk, 0, 0)
    return (knoop.ouder.volgorde, knoop.ouder.pk, knoop.volgorde + 1, knoop.pk)


def knooplabels(agenda: Agenda, *, ook: Iterable[int] = ()) -> dict[str, Knoop]:
    """The agenda's active nodes by their label, in the order of the goal tree, and the
    archived nodes `ook` names (those something still uses, so that it reads back as it was).

    A label names one node: one without a code, or whose label another node shares (in any
    case), gets its number (‘Ouderbetrokkenheid #12’).
    """
    knopen = sorted(
        Knoop.objects.filter(agenda=agenda)
        .filter(Q(gearchiveerd=False) | Q(pk__in=ook))
        .select_related("ouder"),
        key=_boomvolgorde,
    )
    return werkboek.uniek(knopen, knooplabel, nummer=lambda knoop: not knoop.code.strip())
