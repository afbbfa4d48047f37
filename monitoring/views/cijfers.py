"""The budget page and the indicators page of an agenda."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from lea.toegang import Recht, Toegang, agenda_view
from monitoring.models import Signaalregel
from monitoring.selectors import begroting_overzicht, indicatoren_met_grafiek, signalen_schoolweging
from monitoring.selectors.geschiedenis import geschiedenis_begroting, geschiedenis_cijfers


@agenda_view(Recht.LEZEN)
def begroting(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    overzicht = begroting_overzicht(toegang.agenda)
    context = toegang.context(
        overzicht=overzicht, geschiedenis=geschiedenis_begroting(toegang.agenda)
    )
    return render(request, "monitoring/begroting.html", context)


@agenda_view(Recht.LEZEN)
def indicatoren(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    agenda = toegang.agenda
    context = toegang.context(
        indicatoren=indicatoren_met_grafiek(agenda),
        ve=agenda.ve_cijfers.order_by("jaar"),
        scholen=agenda.scholen.prefetch_related("wegingen"),
        signalen=signalen_schoolweging(agenda, timezone.localdate().year),
        regel=Signaalregel.objects.filter(agenda=agenda).first(),
        geschiedenis=geschiedenis_cijfers(agenda),
    )
    return render(request, "monitoring/indicatoren.html", context)
