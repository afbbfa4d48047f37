"""The beheerder's page for the agenda's public view: publish it, choose what it shows,
withdraw it."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from lea.models import Publicatie
from lea.models.publicatie import BegrotingOpenbaar
from lea.selectors import geschiedenis
from lea.services.publicatie import (
    publicatie_publiceer,
    publicatie_trek_in,
    publicatie_van,
)
from lea.toegang import FORMULIER_METHODEN, Recht, Toegang, agenda_view


class PublicatieForm(forms.Form):
    niveau = forms.ChoiceField(
        label="Begroting in de openbare weergave",
        choices=BegrotingOpenbaar.choices,
        widget=forms.RadioSelect,
        initial=BegrotingOpenbaar.GEEN,
    )
    inleiding = forms.CharField(
        label="Inleiding voor het publiek",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Een korte uitleg in eenvoudige taal bovenaan de openbare pagina.",
    )

    @classmethod
    def van(cls, data: Any, publicatie: Publicatie | None) -> "PublicatieForm":
        """The form, filled with what the publication shows now."""
        initial = {}
        if publicatie is not None:
            initial = {
                "niveau": publicatie.toon_begroting,
                "inleiding": publicatie.inleiding,
            }
        return cls(data, initial=initial)


def openbaar_adres(request: HttpRequest, slug: str) -> str:
    """The public view's full address, to copy into a website or a letter."""
    return request.build_absolute_uri(f"/openbaar/{slug}/")


@agenda_view(Recht.BEHEER, methoden=FORMULIER_METHODEN)
def publicatie(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    """State and choices of the public view; `wat` = publiceren or intrekken (POST)."""
    agenda = toegang.agenda
    huidig = publicatie_van(agenda)
    form = PublicatieForm.van(request.POST or None, huidig)
    if request.method == "POST":
        wat = request.POST.get("wat")
        try:
            if wat == "intrekken":
                publicatie_trek_in(agenda=agenda, door=request.user)
                messages.success(
                    request,
                    "De publicatie is ingetrokken. De openbare pagina is niet meer te zien.",
                )
                return redirect("publicatie", agenda.slug)
            if wat == "publiceren" and form.is_valid():
                was_openbaar = huidig is not None and huidig.openbaar
                publicatie_publiceer(
                    agenda=agenda,
                    door=request.user,
                    niveau=form.cleaned_data["niveau"],
                    inleiding=form.cleaned_data["inleiding"],
                )
                messages.success(
                    request,
                    "De wijzigingen staan nu in de openbare weergave."
                    if was_openbaar
                    else "De agenda is gepubliceerd. De openbare pagina is nu voor iedereen "
                    "te zien.",
                )
                return redirect("publicatie", agenda.slug)
            if wat != "publiceren":
                messages.error(request, "Niets gewijzigd: kies Publiceren of Publicatie intrekken.")
                return redirect("publicatie", agenda.slug)
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
            return redirect("publicatie", agenda.slug)
        if huidig is not None:
            huidig.refresh_from_db()  # the state shows what is stored, not the bad input
    context = toegang.context(
        form=form,
        publicatie=huidig,
        adres=openbaar_adres(request, agenda.slug),
        geschiedenis=geschiedenis(huidig) if huidig is not None else [],
    )
    return render(request, "lea/publicatie.html", context)
