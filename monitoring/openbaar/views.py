"""The public view: no login, no session, the same 404 for anything not published.

The views read neither request.user nor request.session, so no cookie is set and a cache in
front may keep the page for everyone (Cache-Control: public).
"""

from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseNotFound
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from monitoring.openbaar.inhoud import agenda_inhoud, openbaar_rapport, openbare_agenda

BEWAREN = 300  # seconds a browser or cache may keep the page


def niet_gevonden() -> HttpResponse:
    """One body for an unknown, unpublished or withdrawn agenda: existence never shows (and
    not cached, so publishing shows at once)."""
    return HttpResponseNotFound(render_to_string("openbaar/niet_gevonden.html"))


@require_safe
def agenda(request: HttpRequest, slug: str) -> HttpResponse:
    gevonden = openbare_agenda(slug)
    if gevonden is None:
        return niet_gevonden()
    # Rendered without the request: no context processor can reach the user or the session.
    antwoord = HttpResponse(
        render_to_string("openbaar/agenda.html", {"a": agenda_inhoud(gevonden)})
    )
    patch_cache_control(antwoord, public=True, max_age=BEWAREN)
    return antwoord


@require_safe
def rapport(request: HttpRequest, slug: str, pk: int) -> HttpResponse | FileResponse:
    gevonden = openbare_agenda(slug)
    bestand = openbaar_rapport(gevonden, pk) if gevonden is not None else None
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
    patch_cache_control(antwoord, public=True, max_age=BEWAREN)
    return antwoord
