"""The decisions and action points register, and the statutory-topic coverage."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from lea.paginacache import pagina
from lea.toegang import Recht, Toegang, agenda_view
from overleg.forms import RegisterFilter
from overleg.selectors import actiepunten_register, besluiten_register, dekking


@agenda_view(Recht.LEZEN)
def register(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    agenda = toegang.agenda
    form = RegisterFilter(request.GET or None, agenda=agenda)
    filters = form.cleaned_data if form.is_valid() else {}

    def context() -> dict[str, object]:
        return {
            "form": form,
            "besluiten": besluiten_register(agenda, filters)[:200],
            "actiepunten": actiepunten_register(agenda, filters)[:200],
        }

    return pagina(
        request, toegang, "overleg/register.html", "overleg/_register_inhoud.html", context
    )


@agenda_view(Recht.LEZEN)
def dekking_view(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    agenda = toegang.agenda
    try:
        jaar = int(request.GET.get("jaar", ""))
    except ValueError:
        jaar = timezone.localdate().year
    jaar = min(max(jaar, 2000), 2100)
    context = toegang.context(
        jaar=jaar,
        regels=dekking(agenda, jaar),
        jaren=range(agenda.periode_start.year, agenda.periode_eind.year + 1),
    )
    return render(request, "overleg/dekking.html", context)
