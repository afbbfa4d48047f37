"""Mijn overzicht: the start page of every user."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from lea.perioden import rapportageperiode
from lea.toegang import agendas_voor
from werkgroepen.models import Actie
from werkgroepen.selectors import nog_niet_gerapporteerd


@login_required
def mijn_overzicht(request: HttpRequest) -> HttpResponse:
    gebruiker = request.user
    agendas = list(
        agendas_voor(gebruiker).annotate(
            aantal_acties=Count("acties", filter=Q(acties__gearchiveerd=False), distinct=True),
            aantal_knopen=Count("knopen", filter=Q(knopen__niveau=1), distinct=True),
        )
    )
    zichtbaar = [a.pk for a in agendas]
    mijn = (
        Actie.objects.actief()
        .filter(agenda__in=zichtbaar)
        .filter(
            Q(regie_persoon__gebruiker=gebruiker)
            | Q(werkgroep__voorzitter__gebruiker=gebruiker)
            | Q(werkgroep__leden__gebruiker=gebruiker)
        )
        .select_related("agenda", "werkgroep", "knoop")
        .distinct()
        .order_by("agenda__gemeente", "volgorde")
    )
    vandaag = timezone.localdate()
    te_rapporteren = []
    for agenda in agendas:
        begin, _eind = rapportageperiode(agenda.rapportageperiode, vandaag)
        te_rapporteren += nog_niet_gerapporteerd(
            mijn.filter(agenda=agenda, werkgroep__voorzitter__gebruiker=gebruiker), begin
        )
    context = {"agendas": agendas, "mijn_acties": mijn[:100], "te_rapporteren": te_rapporteren}
    return render(request, "werkgroepen/mijn_overzicht.html", context)
