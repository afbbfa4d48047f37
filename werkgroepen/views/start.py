"""Mijn overzicht: the start page of every user."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from lea.paginacache import gecachet, stand_van_agendas
from werkgroepen.selectors import startpagina
from werkgroepen.selectors.betrokken import per_werkgroep, rapporteerblokken

DEEL = "werkgroepen/_mijn_overzicht_inhoud.html"


@login_required
@require_safe
def mijn_overzicht(request: HttpRequest) -> HttpResponse:
    """The user's agendas; for a chair a block per werkgroep leading to its report page; the
    actions of the user and their werkgroepen, grouped per werkgroep."""

    def maak(csrf_token: Any) -> tuple[str, None]:
        context = startpagina(request.user)
        te_rapporteren = context["te_rapporteren"]
        context.update(
            rapporteren=rapporteerblokken(request.user, context["agendas"], te_rapporteren),
            groepen=per_werkgroep(context["mijn_acties"]),
            nog_niet_gerapporteerd={actie.pk for actie in te_rapporteren},
            csrf_token=csrf_token,
        )
        return render_to_string(DEEL, context, request), None

    # Cached per login and the state of every agenda it sees (lea/paginacache.py).
    inhoud = gecachet(request, DEEL, stand_van_agendas(request.user), maak)
    return render(request, "werkgroepen/mijn_overzicht.html", {"inhoud": inhoud})
