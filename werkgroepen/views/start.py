"""Mijn overzicht: the start page of every user."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from werkgroepen.selectors import startpagina
from werkgroepen.selectors.betrokken import per_werkgroep, rapporteerblokken


@login_required
@require_safe
def mijn_overzicht(request: HttpRequest) -> HttpResponse:
    """The user's agendas; for a chair a block per werkgroep leading to its report page; the
    actions of the user and their werkgroepen, grouped per werkgroep."""
    context = startpagina(request.user)
    te_rapporteren = context["te_rapporteren"]
    context.update(
        rapporteren=rapporteerblokken(request.user, context["agendas"], te_rapporteren),
        groepen=per_werkgroep(context["mijn_acties"]),
        nog_niet_gerapporteerd={actie.pk for actie in te_rapporteren},
    )
    return render(request, "werkgroepen/mijn_overzicht.html", context)
