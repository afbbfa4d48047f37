"""The monitoring panel on the agenda dashboard: schoolweging signals, VE reach, the account."""

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from lea.models import Agenda
from monitoring.selectors import dashboard_gegevens


def dashboard_paneel(request: HttpRequest, agenda: Agenda) -> str:
    gegevens = dashboard_gegevens(agenda, timezone.localdate())
    if gegevens.leeg:
        return ""
    context = {
        "agenda": agenda,
        "signalen": gegevens.signalen,
        "regel": gegevens.regel,
        "ve": gegevens.ve,
        "verantwoording": gegevens.verantwoording,
    }
    return render_to_string("monitoring/_paneel_dashboard.html", context, request=request)
