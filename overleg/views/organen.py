"""Bodies of an agenda and their meetings."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from lea.toegang import Recht, Toegang, agenda_view
from overleg.models import Overlegorgaan
from overleg.selectors import organen_met_volgende
from overleg.toegang import orgaan_haal


@agenda_view(Recht.LEZEN)
def overleg_lijst(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    organen = organen_met_volgende(toegang.agenda, nu=timezone.now())
    return render(request, "overleg/lijst.html", toegang.context(organen=organen))


@agenda_view(Recht.LEZEN, orgaan_haal)
def orgaan_detail(request: HttpRequest, toegang: Toegang, orgaan: Overlegorgaan) -> HttpResponse:
    nu = timezone.now()
    vergaderingen = orgaan.vergaderingen.all()
    context = toegang.context(
        orgaan=orgaan,
        leden=orgaan.leden.select_related("persoon", "organisatie"),
        komend=vergaderingen.filter(begin__gte=nu).order_by("begin"),
        eerder=vergaderingen.filter(begin__lt=nu).order_by("-begin"),
        feed=request.build_absolute_uri(reverse("orgaan_ics", args=[orgaan.ics_token])),
    )
    return render(request, "overleg/orgaan.html", context)
