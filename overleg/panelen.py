"""The governance panels on the agenda dashboard and on an action's page."""

from django.template.loader import render_to_string
from django.utils import timezone

from lea import panelen
from overleg.cyclus import onbesproken_onderwerpen
from overleg.models import Soort, Vergadering
from overleg.selectors import voor_actie


def dashboard_paneel(request, agenda) -> str:
    vandaag = timezone.localdate()
    signaal = []
    heeft_stuurgroep = agenda.overlegorganen.filter(soort=Soort.STUURGROEP).exists()
    if heeft_stuurgroep and vandaag.month >= 9:  # from 1 September the law's topics are due
        signaal = list(onbesproken_onderwerpen(agenda, vandaag.year))
    komend = (
        Vergadering.objects.actief()
        .filter(orgaan__agenda=agenda, begin__gte=timezone.now())
        .select_related("orgaan")
        .order_by("begin")[:5]
    )
    return render_to_string(
        "overleg/_paneel_dashboard.html",
        {"agenda": agenda, "signaal": signaal, "komend": komend, "jaar": vandaag.year},
        request=request,
    )


def actie_paneel(request, actie) -> str:
    return render_to_string("overleg/_paneel_actie.html", voor_actie(actie), request=request)


def registreer() -> None:
    panelen.registreer("dashboard", dashboard_paneel)
    panelen.registreer("actie", actie_paneel)
