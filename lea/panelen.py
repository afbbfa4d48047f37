"""Panels that later apps add to earlier apps' pages (the dashboard, an action's page).

The page's app knows nothing of the apps that build on it: they register a function that
returns HTML for the object shown, and the page renders whatever is registered.
"""

from collections.abc import Callable
from typing import Any

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
