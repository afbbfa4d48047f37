"""The login's own e-mail preference, and the one-click opt-out link from the weekly digest."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from lea.forms import bootstrap_klassen
from lea.services import email_van
from lea.services.voorkeuren import (
    emailvoorkeur_bewaar,
    emailvoorkeur_van,
    gebruiker_van_afmeldsleutel,
    overzicht_afmeld,
)
from lea.weergave import naam_van

SJABLOON = "lea/voorkeuren.html"


class EmailvoorkeurForm(forms.Form):
    per_melding = forms.BooleanField(
        label="Een e-mail bij elke melding",
        required=False,
        help_text="U krijgt meteen een e-mail als er iets voor u is, bijvoorbeeld een verzoek "
        "om voortgang of een actie waarvan de status verandert.",
    )
    wekelijks_overzicht = forms.BooleanField(
        label="Elke maandag een overzicht per e-mail",
        required=False,
        help_text="Wat er de afgelopen week veranderde in uw acties en werkgroepen, wat "
        "binnenkort af moet en welke vergaderingen eraan komen. Zonder e-mail bij elke melding "
        "staan ook uw nieuwe meldingen erin.",
    )


def _bevestiging(per_melding: bool, wekelijks_overzicht: bool) -> str:
    if per_melding and wekelijks_overzicht:
        return "Opgeslagen. U krijgt een e-mail bij elke melding en elke maandag een overzicht."
    if per_melding:
        return "Opgeslagen. U krijgt een e-mail bij elke melding, en geen weekoverzicht."
    if wekelijks_overzicht:
        return "Opgeslagen. U krijgt geen e-mail per melding meer, maar elke maandag een overzicht."
    return "Opgeslagen. U krijgt geen e-mail over meldingen meer; ze blijven staan onder Meldingen."


@login_required
@require_http_methods(["GET", "POST"])
def emailvoorkeur(request: HttpRequest) -> HttpResponse:
    voorkeur = emailvoorkeur_van(request.user)
    form = bootstrap_klassen(
        EmailvoorkeurForm(
            data=request.POST if request.method == "POST" else None,
            initial={
                "per_melding": voorkeur.per_melding,
                "wekelijks_overzicht": voorkeur.wekelijks_overzicht,
            },
        )
    )
    if form.is_valid():
        emailvoorkeur_bewaar(gebruiker=request.user, **form.cleaned_data)
        messages.success(request, _bevestiging(**form.cleaned_data))
        return redirect("emailvoorkeur")
    return render(request, SJABLOON, {"form": form, "adres": email_van(request.user)})


# The link is the credential (signed, per login), so the mail client's one-click POST
# (RFC 8058, "List-Unsubscribe=One-Click") and a visitor without a session both work.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def overzicht_afmelden(request: HttpRequest, sleutel: str) -> HttpResponse:
    """GET asks for confirmation (a link preview must not switch anything off); POST does it."""
    gebruiker = gebruiker_van_afmeldsleutel(sleutel)
    if gebruiker is None:
        return render(request, SJABLOON, {"afmelden": True, "ongeldig": True}, status=404)
    context = {"afmelden": True, "naam": naam_van(gebruiker)}
    if request.method == "POST":
        overzicht_afmeld(gebruiker=gebruiker)
        context["afgemeld"] = True
    return render(request, SJABLOON, context)
