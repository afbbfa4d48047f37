"""The governance panels on the agenda dashboard and on an action's page."""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from lea import panelen
from lea.models import Agenda
from overleg.selectors import komende_vergaderingen, te_signaleren_onderwerpen, voor_actie
from werkgroepen.models import Actie


def dashboard_paneel(request: HttpRequest, agenda: Agenda) -> str:
    vandaag = timezone.localdate()
    context = {
        "agenda": agenda,
        "signaal": list(te_signaleren_onderwerpen(agenda, vandaag=vandaag)),
        "komend": komende_vergaderingen(agenda, nu=timezone.now())[:5],
        "jaar": vandaag.year,
    }
    return render_to_string("overleg/_paneel_dashboard.html", context, request=request)


def actie_paneel(request: HttpRequest, actie: Actie) -> str:
    return render_to_string("overleg/_paneel_actie.html", voor_actie(actie), request=request)


def panelen_registreer() -> None:
    panelen.registreer("dashboard", dashboard_paneel)
    panelen.registreer("actie", actie_paneel)
