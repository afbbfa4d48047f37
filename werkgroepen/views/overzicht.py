"""The agenda's own pages: dashboard and goal tree."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lea.toegang import Recht, Toegang, agenda_view
from werkgroepen.models import Werkgroep
from werkgroepen.selectors import dashboard, doelenboom


@agenda_view(Recht.LEZEN)
def agenda_dashboard(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    context = toegang.context(**dashboard(toegang.agenda))
    return render(request, "werkgroepen/dashboard.html", context)


@agenda_view(Recht.LEZEN)
def agenda_overzicht(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    agenda = toegang.agenda
    context = toegang.context(
        boom=doelenboom(agenda),
        uitgangspunten=agenda.uitgangspunten.all(),
        werkgroepen=Werkgroep.objects.filter(agenda=agenda)
        .actief()
        .select_related("voorzitter", "eindverantwoordelijke")
        .prefetch_related("knopen", "organisaties"),
        organisaties=agenda.organisaties.all(),
    )
    return render(request, "werkgroepen/agenda_overzicht.html", context)
