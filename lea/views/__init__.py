from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from lea.inloggen import ONGELEZEN, ongelezen_expressie
from lea.models import Agenda, Melding, Rol
from lea.selectors import wachtrij
from lea.services import melding_lees
from lea.toegang import functioneel_beheer_expressie, functioneel_beheer_onthoud, rol_bij_verzoek


@login_required
def meldingen(request: HttpRequest) -> HttpResponse:
    lijst = Melding.objects.filter(gebruiker=request.user.pk).select_related("agenda")[:100]
    return render(request, "lea/meldingen.html", {"meldingen": lijst})


@login_required
@require_POST
def melding_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a notification as read and go to what it is about."""
    melding = get_object_or_404(Melding, pk=pk, gebruiker=request.user)
    melding_lees(melding=melding)
    if melding.url and url_has_allowed_host_and_scheme(melding.url, allowed_hosts=None):
        return redirect(melding.url)
    return redirect("meldingen")


_ONGELEZEN = "_lea_ongelezen"


def ongelezen(request: HttpRequest) -> dict:
    """Context processor: the unread count in the navigation bar, read in one query with
    whether the login is a functioneel beheerder (the bar's "Nieuwe agenda" asks that next)."""
    gebruiker = request.user
    if not gebruiker.is_authenticated:
        return {}
    # Panels rendered with the request run the context processors again: once per request.
    if (bekend := getattr(request, _ONGELEZEN, None)) is not None:
        return {"ongelezen": bekend}
    if (bij_login := getattr(gebruiker, ONGELEZEN, None)) is not None:
        return {"ongelezen": bij_login}  # read with the login (lea.inloggen)
    aantal, beheer = (
        get_user_model()
        .objects.filter(pk=gebruiker.pk)
        .values_list(ongelezen_expressie(), functioneel_beheer_expressie())
        .get()
    )
    functioneel_beheer_onthoud(gebruiker, beheer)
    setattr(request, _ONGELEZEN, aantal)
    return {"ongelezen": aantal}


def wachtrij_paneel(request: HttpRequest, agenda: Agenda) -> str:
    """Dashboard panel for the beheerder: the agenda's work still waiting for the broker."""
    if rol_bij_verzoek(request, agenda) != Rol.BEHEERDER:
        return ""
    return render_to_string(
        "lea/_wachtrij.html", {"wachtrij": wachtrij(agenda), "agenda": agenda}, request=request
    )
