from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lea.toegang import agenda_voor_lezen
from werkgroepen.selectors import doelenboom


@login_required
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
