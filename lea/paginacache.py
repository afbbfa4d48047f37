"""The expensive part of a logged-in page, cached per agenda version and per login.

A page such as the dashboard reads thousands of rows of a large agenda; its content changes
only when something in the agenda changes, and then the agenda's version is raised right after
the commit (monitoring/versie.py). So the part of the page below the menu is kept in the cache
with everything it depends on:

- the agenda and its version (number and time of the last raise: a restore can bring a number
  back, never the time), kept beside the part and compared when it is read,
- whom it is for: the role and rights of the login (all who hold the same see the same part),
  or the login itself for a page that shows what is its own (`per_login`),
- today's date (what is late or due in eight weeks),
- the full path with its query (filters, sorting, page) and whether htmx asked it.

The menu and messages are outside it; a form's CSRF token (one session's) is kept as a
placeholder that each request fills with its own. Only GET and HEAD are served from it. The
first request after a change pays the full price; the ones after cost one read from the cache
(the version is read with the agenda itself, lea.toegang.toegang_tot).
"""

import datetime
import hashlib
from collections.abc import Callable
from dataclasses import astuple
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max, Sum
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.context_processors import csrf
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from lea.models import Agenda
from lea.services.versie import agendaversie
from lea.toegang import VERSIE, VERSIE_OP, Toegang, agendas_voor

# A form's CSRF token is one session's: a kept part holds this in its place, and each request
# puts its own token there when it serves the part.
_TOKEN = "lea-csrf-token-van-dit-verzoek"  # noqa: S105 -- a placeholder, not a secret


def _sleutel(
    request: HttpRequest, naam: str, stand: tuple[object, ...], wie: tuple[object, ...]
) -> str | None:
    """The cache key of part `naam` of this request's page; None when it is not cached.

    The key holds the page, not the state (`stand`) it shows: that is kept with the part and
    compared on reading, so a page has one entry that each change overwrites, not one more per
    change (the cache does not fill up with parts no one will ask again)."""
    if settings.LEA_PAGINACACHE_SECONDEN <= 0 or request.method not in ("GET", "HEAD"):
        return None  # a form posted back with its errors is made anew
    if None in stand:
        return None  # an agenda without a version row yet
    delen = (
        naam,
        stand[0],  # the agenda, or "*" for all a login sees
        *wie,
        timezone.localdate().isoformat(),
        request.get_full_path(),
        bool(request.headers.get("HX-Request")),
    )
    return "lea:deel:" + hashlib.sha256(repr(delen).encode()).hexdigest()


def stand_van_agenda(agenda: Agenda) -> tuple[object, ...]:
    """The agenda's version: read with the agenda (lea.toegang.toegang_tot) or on its own."""
    if hasattr(agenda, VERSIE):
        nummer, tijd = getattr(agenda, VERSIE), getattr(agenda, VERSIE_OP)
    else:
        nummer, tijd = agendaversie(agenda.pk) or (None, None)
    return (agenda.pk, nummer, tijd and tijd.isoformat())


def stand_van_agendas(gebruiker: Any) -> tuple[object, ...]:
    """The state of every agenda the login sees, in one query: how many, the sum of their
    versions (raised by every change) and the last raise (a restore brings no time back)."""
    stand = agendas_voor(gebruiker).aggregate(
        aantal=Count("pk"),
        som=Sum("inhoudsversie__versie"),
        laatst=Max("inhoudsversie__gewijzigd_op"),
    )
    laatst = stand["laatst"]
    return ("*", stand["aantal"], stand["som"] or 0, laatst.isoformat() if laatst else "")


def gecachet(
    request: HttpRequest,
    naam: str,
    stand: tuple[object, ...],
    maak: Callable[[Any], tuple[str, datetime.datetime | None]],
    wie: tuple[object, ...] | None = None,
) -> SafeString:
    """Part `naam` of the page at `stand`: from the cache, or made and kept. `maak(token)`
    renders it with `token` as the template's `csrf_token`, and says until when it holds
    (None: until the next change), for a part that shows what comes next from now. `wie`: whom
    the part is for, by default the login itself."""
    sleutel = _sleutel(request, naam, stand, wie or ("login", request.user.pk))
    if sleutel is None:
        return mark_safe(maak(csrf(request)["csrf_token"])[0])  # noqa: S308 -- by a template
    bewaard = cache.get(sleutel)
    if (
        bewaard is None
        or bewaard[0] != stand
        or (bewaard[2] is not None and timezone.now() >= bewaard[2])
    ):
        bewaard = (stand, *maak(_TOKEN))
        cache.set(sleutel, bewaard, settings.LEA_PAGINACACHE_SECONDEN)
    html = bewaard[1]
    if _TOKEN in html:
        html = html.replace(_TOKEN, get_token(request))
    return mark_safe(html)  # noqa: S308 -- rendered by a template, escaped there


def pagina(
    request: HttpRequest,
    toegang: Toegang,
    template: str,
    deel: str,
    context: Callable[[], dict[str, object]],
    *,
    geldig_tot: Callable[[dict[str, object]], datetime.datetime | None] | None = None,
    per_login: bool = False,
    **buiten: object,
) -> HttpResponse:
    """An agenda page whose content below the menu (template `deel`, with the `context` of
    the agenda page) is cached; `template` puts it in the page as `inhoud`, with `buiten` (what
    its title names). `geldig_tot(context)`: when what the part shows stops being true by the
    clock alone (the next meeting has begun).

    The part is kept per role and rights (`toegang.rol`, `toegang.mag`, those on the object
    where the page is about one): all who hold the same see the same page, so a stuurgroep of
    fifteen reading the dashboard makes it once. A page that shows what is the login's own
    (its feed, its proposals, the agendas it sees) passes `per_login`."""

    def maak(csrf_token: Any) -> tuple[str, datetime.datetime | None]:
        gegevens = context()
        html = render_to_string(deel, toegang.context(**gegevens, csrf_token=csrf_token), request)
        return html, geldig_tot(gegevens) if geldig_tot else None

    wie = None if per_login else ("rechten", toegang.rol, *astuple(toegang.mag))
    inhoud = gecachet(request, deel, stand_van_agenda(toegang.agenda), maak, wie)
    return render(request, template, toegang.context(inhoud=inhoud, **buiten))
