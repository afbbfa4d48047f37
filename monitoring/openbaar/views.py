"""The public view: no login, no session, the same 404 for anything not published.

The views read neither request.user nor request.session, so no cookie is set and a cache in
front may keep the page for everyone (Cache-Control: public). Every answer is revalidated
(no-cache with an ETag and Last-Modified), so a withdrawal takes effect at once while an
unchanged page costs one query and a 304.

The pages, the JSON and the CSV are made once per version of the publication
(Publicatie.versie, raised after every change to what they show: monitoring/versie.py)
and kept in the cache. Each client address may ask LEA_OPENBAAR_PER_MINUUT of them a minute.
"""

import functools
import hashlib
import json
import time
from collections.abc import Callable
from typing import Any

from csp.decorators import csp_replace
from django.conf import settings
from django.core.cache import cache
from django.http import (
    FileResponse,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseNotFound,
)
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.html import format_html
from django.utils.http import http_date
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe

from lea.models import Agenda
from lea.services.audit import adres_van
from monitoring.openbaar import opendata
from monitoring.openbaar.inhoud import (
    agenda_inhoud,
    doelenboom,
    openbaar_rapport,
    openbare_agenda,
    toonbare_knoop,
    toonbare_knopen,
)

BEWAREN = 3600  # seconds a made page stays in the server's cache (a change makes a new key)


def niet_gevonden() -> HttpResponse:
    """One body for an unknown, unpublished or withdrawn agenda: existence never shows (and
    not cached, so publishing shows at once)."""
    return HttpResponseNotFound(render_to_string("openbaar/niet_gevonden.html"))


def te_vaak(wacht: int) -> HttpResponse:
    antwoord = HttpResponse(
        render_to_string("openbaar/te_vaak.html", {"seconden": wacht}), status=429
    )
    antwoord["Retry-After"] = str(wacht)
    return antwoord


def beperkt(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """At most LEA_OPENBAAR_PER_MINUUT requests per client address per clock minute, counted
    in the cache (shared by every process when CACHE_URL is set, else per process)."""

    @functools.wraps(view)
    def binnen(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        nu = time.time()
        minuut = int(nu // 60)
        sleutel = f"openbaar:adres:{adres_van(request)}:{minuut}"
        cache.add(sleutel, 0, 90)
        try:
            aantal = cache.incr(sleutel)
        except ValueError:  # evicted between add and incr
            aantal = 1
        if aantal > settings.LEA_OPENBAAR_PER_MINUUT:
            return te_vaak(max(1, int((minuut + 1) * 60 - nu)))
        return view(request, *args, **kwargs)

    return binnen


def cache_sleutel(agenda: Agenda, soort: str) -> str:
    """Where the body of `soort` ("pagina", "json", "csv:acties", …) for the publication's
    current version is kept."""
    stempel = _gewijzigd_op(agenda).timestamp()
    return f"openbaar:{agenda.pk}:{agenda.publicatie.versie}:{stempel}:{soort}"


def _gemaakt(agenda: Agenda, soort: str, maak: Callable[[], bytes]) -> tuple[bytes, str]:
    """The body of `soort` for the agenda's current version, and its ETag; made once."""
    sleutel = cache_sleutel(agenda, soort)
    bewaard = cache.get(sleutel)
    if bewaard is None:
        inhoud = maak()
        bewaard = (inhoud, '"' + hashlib.sha256(inhoud).hexdigest()[:32] + '"')
        cache.set(sleutel, bewaard, BEWAREN)
    return bewaard


def _gewijzigd_op(agenda: Agenda) -> Any:
    publicatie = agenda.publicatie
    momenten = [m for m in (publicatie.gepubliceerd_op, publicatie.inhoud_gewijzigd_op) if m]
    return max(momenten)


def _antwoord(
    request: HttpRequest,
    agenda: Agenda,
    soort: str,
    maak: Callable[[], bytes],
    content_type: str,
    **kop: str,
) -> HttpResponse:
    inhoud, etag = _gemaakt(agenda, soort, maak)
    gewijzigd = _gewijzigd_op(agenda)
    antwoord = get_conditional_response(
        request, etag=etag, last_modified=int(gewijzigd.timestamp())
    )
    if antwoord is None:
        antwoord = HttpResponse(inhoud, content_type=content_type)
    antwoord["ETag"] = etag
    antwoord["Last-Modified"] = http_date(gewijzigd.timestamp())
    for naam, waarde in kop.items():
        antwoord[naam.replace("_", "-")] = waarde
    # Anyone may keep it, but must ask whether it is still current before showing it again.
    patch_cache_control(antwoord, public=True, no_cache=True)
    return antwoord


def _html(template: str, context: Callable[[], dict[str, Any]]) -> Callable[[], bytes]:
    """A page made only when the cache has none: rendered without the request, so no context
    processor can reach the user or the session."""
    return lambda: render_to_string(template, context()).encode()


HTML = "text/html; charset=utf-8"


def _kop(agenda: Agenda) -> dict[str, Any]:
    """What a public page other than the agenda's own says about the agenda."""
    return {
        veld: getattr(agenda, veld)
        for veld in (
            "gemeente", "titel", "slug", "niveau1_naam", "niveau2_naam", "actie_meervoud",
        )
    }  # fmt: skip


def openbaar(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """A GET of a published agenda's public view: rate-limited, and the one 404 for anything
    else. The view receives the agenda instead of its slug."""

    @require_safe
    @beperkt
    @functools.wraps(view)
    def binnen(request: HttpRequest, slug: str, **kwargs: Any) -> HttpResponseBase:
        gevonden = openbare_agenda(slug)
        if gevonden is None:
            return niet_gevonden()
        return view(request, gevonden, **kwargs)

    return binnen


@openbaar
def agenda(request: HttpRequest, gevonden: Agenda) -> HttpResponse:
    return _antwoord(
        request,
        gevonden,
        "pagina",
        _html(
            "openbaar/agenda.html",
            lambda: {"a": agenda_inhoud(gevonden), "bestanden": opendata.BESTANDEN},
        ),
        HTML,
    )


@openbaar
def data(request: HttpRequest, gevonden: Agenda) -> HttpResponse:
    """The open data page: what files there are, what every field means, and the code to show
    a goal on another website."""
    return _antwoord(
        request,
        gevonden,
        "data",
        _html(
            "openbaar/data.html",
            lambda: {
                "a": _kop(gevonden),
                "doelen": [
                    {**d, "inbedcode": _inbedcode(gevonden, d)} for d in toonbare_knopen(gevonden)
                ],
                "bestanden": opendata.BESTANDEN,
                "schema_pad": opendata.SCHEMA_PAD,
            },
        ),
        HTML,
    )


def _inbedcode(agenda: Agenda, doel: dict[str, Any]) -> str:
    """The HTML a website pastes to show this goal (escaped once here, once more on the page)."""
    pad = f"/openbaar/{agenda.slug}/doelen/{doel['id']}/inbedden/"
    return format_html(
        '<iframe src="{}" title="{} – {}" width="100%" height="600" loading="lazy"></iframe>',
        settings.LEA_BASIS_URL + pad,
        doel["titel"],
        agenda.titel,
    )


@openbaar
def als_json(request: HttpRequest, gevonden: Agenda) -> HttpResponse:
    return _antwoord(
        request,
        gevonden,
        "json",
        lambda: opendata.als_json(agenda_inhoud(gevonden), _gewijzigd_op(gevonden)),
        "application/json",
        Access_Control_Allow_Origin="*",
    )


@openbaar
def als_csv(request: HttpRequest, gevonden: Agenda, naam: str) -> HttpResponse:
    bestand = opendata.BESTAND.get(naam)
    if bestand is None:
        return niet_gevonden()
    return _antwoord(
        request,
        gevonden,
        f"csv:{naam}",
        lambda: opendata.als_csv(bestand, agenda_inhoud(gevonden)),
        "text/csv; charset=utf-8; header=present",
        Access_Control_Allow_Origin="*",
        Content_Disposition=f'inline; filename="{gevonden.slug}-{naam}.csv"',
    )


@require_safe
@beperkt
def schema(request: HttpRequest) -> HttpResponse:
    """The JSON document's schema: the same for every agenda, changed only with its version."""
    antwoord = HttpResponse(
        json.dumps(opendata.SCHEMA, ensure_ascii=False, indent=1),
        content_type="application/schema+json",
    )
    antwoord["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(antwoord, public=True, max_age=86400)
    return antwoord


def _zoek_knoop(knopen: list[dict[str, Any]], pk: int) -> dict[str, Any] | None:
    for k in knopen:
        if k["id"] == pk:
            return k
        for kind in k["kinderen"]:
            if kind["id"] == pk:
                return kind
    return None


@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
@openbaar
def inbedden(request: HttpRequest, gevonden: Agenda, knoop: int) -> HttpResponse:
    """One goal of the agenda with its actions, made to sit in a frame on the municipality's
    own website (any site may frame it: it is public and offers nothing to click but links)."""
    if not toonbare_knoop(gevonden, knoop):
        return niet_gevonden()
    return _antwoord(
        request,
        gevonden,
        f"inbedden:{knoop}",
        _html(
            "openbaar/inbedden.html",
            lambda: {"k": _zoek_knoop(doelenboom(gevonden), knoop), "a": _kop(gevonden)},
        ),
        HTML,
    )


@openbaar
def rapport(request: HttpRequest, gevonden: Agenda, pk: int) -> HttpResponse | FileResponse:
    bestand = openbaar_rapport(gevonden, pk)
    if bestand is None:
        return niet_gevonden()
    try:
        inhoud = bestand.bestand.open("rb")
    except FileNotFoundError:
        return niet_gevonden()
    antwoord = FileResponse(
        inhoud,
        as_attachment=True,
        filename=bestand.bestandsnaam,
        content_type="application/pdf",
    )
    patch_cache_control(antwoord, public=True, no_cache=True)
    return antwoord
