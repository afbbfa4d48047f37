"""The monitoring panel on the agenda dashboard: schoolweging signals, VE reach, the account."""

from django.template.loader import render_to_string
from django.utils import timezone

from lea import panelen
from monitoring.inhoud import signalen_schoolweging
from monitoring.models import VerantwoordingStatus


def dashboard_paneel(request, agenda) -> str:
    vandaag = timezone.localdate()
    verantwoording = agenda.verantwoordingen.filter(jaar=vandaag.year - 1).first()
    context = {
        "agenda": agenda,
        "signalen": signalen_schoolweging(agenda, vandaag.year),
        "regel": getattr(agenda, "signaalregel", None),
        "ve": agenda.ve_cijfers.order_by("-jaar").first(),
        "verantwoording": verantwoording
        if verantwoording and verantwoording.status == VerantwoordingStatus.CONCEPT
        else None,
    }
    if not (context["signalen"] or context["ve"] or context["verantwoording"] or context["regel"]):
        return ""
    return render_to_string("monitoring/_paneel_dashboard.html", context, request=request)


def registreer() -> None:
    panelen.registreer("dashboard", dashboard_paneel)
