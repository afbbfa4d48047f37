from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from lea.toegang import agendas_voor


@login_required
def home(request: HttpRequest) -> HttpResponse:
    agendas = agendas_voor(request.user).annotate(
        aantal_acties=Count("acties", filter=Q(acties__gearchiveerd=False), distinct=True),
        aantal_knopen=Count("knopen", filter=Q(knopen__niveau=1), distinct=True),
    )
    return render(request, "lea/home.html", {"agendas": agendas})
