"""Panels that later apps add to earlier apps' pages (the dashboard, an action's page).

The page's app knows nothing of the apps that build on it: they register a function that
returns HTML for the object shown, and the page renders whatever is registered.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

Paneel = Callable[[HttpRequest, Any], str | None]
_PANELEN: dict[str, list[Paneel]] = {}


def registreer(plek: str, functie: Paneel) -> None:
    """`functie(request, obj) -> str | None` adds a panel at `plek` ("dashboard", "actie")."""
    lijst = _PANELEN.setdefault(plek, [])
    if functie not in lijst:
        lijst.append(functie)


def panelen(plek: str, request: HttpRequest, obj: Any) -> SafeString:
    delen = [functie(request, obj) for functie in _PANELEN.get(plek, [])]
    return mark_safe("".join(d for d in delen if d))  # noqa: S308 - rendered templates


# A page with panels is kept per version of its agenda (lea/paginacache.py); a panel that
# shows what comes next from now on says until when it holds by the clock alone.
Geldigheid = Callable[[HttpRequest, Any], datetime.datetime | None]
_GELDIGHEID: dict[str, list[Geldigheid]] = {}


def registreer_geldigheid(plek: str, functie: Geldigheid) -> None:
    """`functie(request, obj) -> datetime | None`: when a panel at `plek` stops being true
    (asked after the panels were rendered for the same request)."""
    lijst = _GELDIGHEID.setdefault(plek, [])
    if functie not in lijst:
        lijst.append(functie)


def geldig_tot(plek: str, request: HttpRequest, obj: Any) -> datetime.datetime | None:
    """The first moment a panel at `plek` for `obj` changes by the clock alone; None: never."""
    momenten = [
        m for functie in _GELDIGHEID.get(plek, []) if (m := functie(request, obj)) is not None
    ]
    return min(momenten, default=None)


# --- what the beheerder maintains, and the "Aan de slag" checklist -----------------------------


@dataclass(frozen=True)
class Beheeronderdeel:
    """A kind of object the beheerder maintains, on the agenda's "Beheer" page."""

    titel: str  # Dutch, plural: "Werkgroepen"
    url_naam: str  # its list page, reversed with the agenda's slug
    volgorde: int  # floors register 10, 20, ...: the page lists them in this order
    aantal: Callable[[Any], int]  # how many the agenda has (one query)


@dataclass(frozen=True)
class Startstap:
    """A step of a new agenda's "Aan de slag" checklist on its dashboard."""

    titel: str  # Dutch, imperative: "Leg de doelenboom vast"
    url_naam: str  # where to do it, reversed with the agenda's slug
    volgorde: int
    # The agenda's rows that show the step is done: the panel asks all steps in one query.
    bewijs: Callable[[Any], QuerySet[Any]]

    def gedaan(self, agenda: Any) -> bool:
        """Whether the agenda has done this step."""
        return self.bewijs(agenda).exists()


_BEHEER: list[Beheeronderdeel] = []
_STAPPEN: list[Startstap] = []


def registreer_beheer(onderdeel: Beheeronderdeel) -> None:
    if onderdeel not in _BEHEER:
        _BEHEER.append(onderdeel)


def registreer_stap(stap: Startstap) -> None:
    if stap not in _STAPPEN:
        _STAPPEN.append(stap)


def beheeronderdelen() -> list[Beheeronderdeel]:
    return sorted(_BEHEER, key=lambda o: o.volgorde)


def startstappen() -> list[Startstap]:
    return sorted(_STAPPEN, key=lambda s: s.volgorde)
