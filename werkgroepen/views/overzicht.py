"""The agenda's own pages: dashboard and goal tree."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lea.toegang import Recht, agenda_view, agenda_voor_lezen
from werkgroepen.selectors import dashboard, doelenboom


@agenda_view(Recht.LEZEN)
def agenda_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    agenda = agenda_voor_lezen(request, slug)
    return render(request, "werkgroepen/dashboard.html", {"agenda": agenda, **dashboard(agenda)})


@agenda_view(Recht.LEZEN)
def agenda_overzicht(request: HttpRequest, slug: str) -> HttpResponse:
    agenda = agenda_voor_lezen(request, slug)
    context = {
        "agenda": agenda,
        "boom": doelenboom(agenda),
        "uitgangspunten": agenda.uitgangspunten.all(),
        "werkgroepen": agenda.werkgroepen.select_related(
            "voorzitter", "eindverantwoordelijke"
        ).prefetch_related("knopen", "organisaties"),
        "organisaties": agenda.organisaties.all(),
    }
    return render(request, "werkgroepen/agenda_overzicht.html", context)
