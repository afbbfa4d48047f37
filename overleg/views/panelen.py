"""The governance panels on the agenda dashboard and on an action's page."""

import datetime

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from lea import panelen
from lea.models import Agenda
from overleg.models import Overlegorgaan, Soort, Vergadering
from overleg.selectors import komende_vergaderingen, te_signaleren_onderwerpen, voor_actie
from werkgroepen.models import Actie

# The begin of the first coming meeting the dashboard panel showed, per agenda, on the request.
_VOLGENDE = "_lea_volgende_vergadering"


def dashboard_paneel(request: HttpRequest, agenda: Agenda) -> str:
    vandaag = timezone.localdate()
    komend = list(komende_vergaderingen(agenda, nu=timezone.now())[:5])
    gezien = getattr(request, _VOLGENDE, None)
    if gezien is None:
        gezien = {}
        setattr(request, _VOLGENDE, gezien)
    gezien[agenda.pk] = komend[0].begin if komend else None
    context = {
        "agenda": agenda,
        "signaal": list(te_signaleren_onderwerpen(agenda, vandaag=vandaag)),
        "komend": komend,
        "jaar": vandaag.year,
    }
    return render_to_string("overleg/_paneel_dashboard.html", context, request=request)


def actie_paneel(request: HttpRequest, actie: Actie) -> str:
    return render_to_string("overleg/_paneel_actie.html", voor_actie(actie), request=request)


def volgende_begin(request: HttpRequest, agenda: Agenda) -> datetime.datetime | None:
    """When the dashboard panel's first coming meeting begins: then another one comes first.
    Read from the panel just rendered for this request, or else from the database."""
    gezien: dict[int, datetime.datetime | None] = getattr(request, _VOLGENDE, {})
    if agenda.pk in gezien:
        return gezien[agenda.pk]
    volgende = komende_vergaderingen(agenda, nu=timezone.now()).values_list("begin", flat=True)
    return volgende.first()


def panelen_registreer() -> None:
    panelen.registreer("dashboard", dashboard_paneel)
    panelen.registreer_geldigheid("dashboard", volgende_begin)
    panelen.registreer("actie", actie_paneel)


def beheer_registreer() -> None:
    """The bodies on the agenda's "Beheer" page, and two steps of a new agenda's checklist."""
    panelen.registreer_beheer(
        panelen.Beheeronderdeel(
            titel="Overlegorganen",
            url_naam="overleg_lijst",
            volgorde=40,
            aantal=lambda agenda: Overlegorgaan.objects.filter(
                agenda=agenda, gearchiveerd=False
            ).count(),
        )
    )
    panelen.registreer_stap(
        panelen.Startstap(
            titel="Richt de stuurgroep in",
            url_naam="orgaan_nieuw",
            volgorde=40,
            bewijs=lambda agenda: Overlegorgaan.objects.filter(
                agenda=agenda, soort=Soort.STUURGROEP, gearchiveerd=False
            ),
        )
    )
    panelen.registreer_stap(
        panelen.Startstap(
            titel="Plan de eerste vergadering",
            url_naam="overleg_lijst",
            volgorde=41,
            bewijs=lambda agenda: Vergadering.objects.actief().filter(orgaan__agenda=agenda),
        )
    )
