"""The indicators page of an agenda: indicators with their measurements, VE figures and the
schoolweging; the beheerder's buttons lead to the pages in `indicatoren` and `scholen`."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from lea.toegang import Recht, Toegang, agenda_view
from monitoring.selectors.cijfers import cijferpagina, indicatoren_met_grafiek
from monitoring.selectors.geschiedenis import geschiedenis_cijfers


@agenda_view(Recht.LEZEN)
def indicatoren(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    agenda = toegang.agenda
    toon_gearchiveerd = request.GET.get("gearchiveerd") == "1"
    pagina = cijferpagina(agenda, timezone.localdate().year)
    context = toegang.context(
        indicatoren=indicatoren_met_grafiek(agenda, gearchiveerd=toon_gearchiveerd),
        toon_gearchiveerd=toon_gearchiveerd,
        ve=agenda.ve_cijfers.order_by("jaar"),
        scholen=pagina.scholen,
        signalen=pagina.signalen,
        regel=pagina.regel,
        geschiedenis=geschiedenis_cijfers(agenda),
    )
    return render(request, "monitoring/indicatoren.html", context)
