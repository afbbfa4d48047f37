"""The agenda's own pages: dashboard and goal tree."""

from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from ambities.models import Knoop
from ambities.toegang import knoop_haal
from lea import panelen
from lea.paginacache import pagina
from lea.toegang import Recht, Toegang, agenda_view
from werkgroepen.models import Werkgroep
from werkgroepen.selectors import dashboard, doelenboom
from werkgroepen.selectors.paginas import knoop_tak
from werkgroepen.selectors.rapportage import rapportagestand
from werkgroepen.views.werkgroep import HtmxHttpRequest


@agenda_view(Recht.LEZEN)
def agenda_dashboard(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    """The dashboard; `?alle=rood` (or deadlines, recent) shows the whole of one shortened
    list in place (the overdue ones open in the action list, filtered)."""
    agenda = toegang.agenda

    def context() -> dict[str, object]:
        return {
            **dashboard(agenda, alle=request.GET.get("alle", "")),
            "rapportage": rapportagestand(agenda),
        }

    return pagina(
        request,
        toegang,
        "werkgroepen/dashboard.html",
        "werkgroepen/_dashboard_inhoud.html",
        context,
        # The panels below it list the meetings from now on: until the first of them begins.
        geldig_tot=lambda _: panelen.geldig_tot("dashboard", request, agenda),
    )


@agenda_view(Recht.LEZEN)
def agenda_overzicht(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    """The goal tree; in a large agenda `?knoop=<pk>&pagina=<n>` opens one node's actions (the
    path without JavaScript; with htmx `doelenboom_knoop` opens them in place)."""
    agenda = toegang.agenda
    open_knoop = _getal(request.GET.get("knoop"))
    if open_knoop is not None and not agenda.knopen.actief().filter(pk=open_knoop).exists():
        raise Http404("Deze knoop bestaat niet in deze agenda.")

    def context() -> dict[str, object]:
        return {
            "boom": doelenboom(agenda, open_knoop=open_knoop, pagina=request.GET.get("pagina")),
            "uitgangspunten": agenda.uitgangspunten.all(),
            "werkgroepen": Werkgroep.objects.filter(agenda=agenda)
            .actief()
            .select_related("voorzitter", "eindverantwoordelijke")
            .prefetch_related("knopen", "organisaties"),
            "organisaties": agenda.organisaties.all(),
        }

    return pagina(
        request,
        toegang,
        "werkgroepen/agenda_overzicht.html",
        "werkgroepen/_agenda_overzicht_inhoud.html",
        context,
    )


@agenda_view(Recht.LEZEN, knoop_haal)
def doelenboom_knoop(request: HtmxHttpRequest, toegang: Toegang, knoop: Knoop) -> HttpResponse:
    """A node's actions in the goal tree, opened (a page of them) or closed again (`?dicht=1`):
    the fragment htmx swaps in place; without htmx, the tree with this node opened."""
    pagina = request.GET.get("pagina")
    boom_url = reverse("agenda_overzicht", args=[toegang.agenda.slug])
    if not request.htmx:
        return redirect(f"{boom_url}?{urlencode({'knoop': knoop.pk, 'pagina': pagina or 1})}")
    tak = knoop_tak(knoop, pagina=pagina, geopend=request.GET.get("dicht") != "1")
    context = toegang.context(
        tak=tak,
        focus=True,
        boom_url=boom_url,
        actie_meervoud=toegang.agenda.actie_meervoud.lower(),
    )
    return render(request, "werkgroepen/_boom_acties.html", context)


def _getal(waarde: str | None) -> int | None:
    return int(waarde) if waarde and waarde.isdigit() else None
