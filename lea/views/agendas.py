"""Installation-level pages: a new agenda (functioneel beheerder), accepting an invitation."""

from typing import Any

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_http_methods

from lea.forms import NIVEAU_VELDEN, NieuweAgendaForm
from lea.services.agendas import agenda_maak
from lea.toegang import is_functioneel_beheerder
from lea.views.wachtwoord import WachtwoordInLogboek


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def agenda_nieuw(request: HttpRequest) -> HttpResponse:
    """A new agenda for a municipality, with its first beheerder invited."""
    if not is_functioneel_beheerder(request.user):
        raise PermissionDenied("Alleen een functioneel beheerder maakt een nieuwe agenda.")
    form = NieuweAgendaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        velden = {
            v: data[v]
            for v in ("gemeente", "titel", "periode_start", "periode_eind", "rapportageperiode")
        }
        velden.update({v: data[v] for v in NIVEAU_VELDEN})
        try:
            agenda = agenda_maak(
                velden=velden,
                beheerder_naam=data["beheerder_naam"],
                beheerder_email=data["beheerder_email"],
                door=request.user,
                token=data["eenmalig"],
            )
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(
                request,
                f"De agenda ‘{agenda.titel}’ is aangemaakt. {data['beheerder_naam']} krijgt een "
                f"uitnodiging op {data['beheerder_email']} en richt de agenda verder in.",
            )
            return redirect("home")
    return render(request, "lea/agenda_nieuw.html", {"form": form})


class UitnodigingAccepteren(WachtwoordInLogboek, auth_views.PasswordResetConfirmView):
    """The one-time link of an invitation: set a password, and be logged in."""

    template_name = "registration/wachtwoord_instellen.html"
    post_reset_login = True
    success_url = reverse_lazy("home")
    logboektekst = "Wachtwoord ingesteld via een uitnodiging"

    def form_valid(self, form: Any) -> HttpResponse:
        antwoord = super().form_valid(form)
        messages.success(self.request, "Uw wachtwoord is ingesteld; u bent ingelogd.")
        return antwoord


uitnodiging_accepteer = UitnodigingAccepteren.as_view()
