"""The indicators page of an agenda: indicators with their measurements, VE figures and the
schoolweging; the beheerder's buttons lead to the pages in `indicatoren` and `scholen`."""

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from lea.paginacache import pagina
from lea.toegang import Recht, Toegang, agenda_view
from monitoring.selectors.cijfers import cijferpagina, indicatoren_met_grafiek
from monitoring.selectors.geschiedenis import geschiedenis_cijfers


@agenda_view(Recht.LEZEN)
def indicatoren(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    agenda = toegang.agenda
    toon_gearchiveerd = request.GET.get("gearchiveerd") == "1"

    def context() -> dict[str, object]:
        cijfers = cijferpagina(agenda, timezone.localdate().year)
        return {
            "indicatoren": indicatoren_met_grafiek(agenda, gearchiveerd=toon_gearchiveerd),
            "toon_gearchiveerd": toon_gearchiveerd,
            "ve": agenda.ve_cijfers.order_by("jaar"),
            "scholen": cijfers.scholen,
            "signalen": cijfers.signalen,
            "regel": cijfers.regel,
            "geschiedenis": geschiedenis_cijfers(agenda),
        }

    return pagina(
        request,
        toegang,
        "monitoring/indicatoren.html",
        "monitoring/_indicatoren_inhoud.html",
        context,
    )
