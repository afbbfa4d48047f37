"""Create, edit and archive nodes of the goal tree (beheerder)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from ambities import services
from ambities.forms import KnoopForm
from ambities.models import Knoop
from ambities.toegang import knoop_haal
from lea.toegang import FORMULIER_METHODEN, POST_METHODEN, Recht, Toegang, agenda_view


def _terug(slug: str, knoop: Knoop) -> str:
    return reverse("agenda_overzicht", args=[slug]) + f"#knoop-{knoop.pk}"


@agenda_view(Recht.BEHEER, methoden=FORMULIER_METHODEN)
def knoop_nieuw(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    agenda = toegang.agenda
    form = KnoopForm(request.POST or None, agenda=agenda, initial=request.GET.dict())
    if request.method == "POST" and form.is_valid():
        try:
            knoop = services.knoop_maak(agenda=agenda, door=request.user, velden=form.cleaned_data)
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, f"‘{knoop.titel}’ is toegevoegd aan de doelenboom.")
            return redirect(_terug(agenda.slug, knoop))
    return render(request, "ambities/knoop_form.html", toegang.context(form=form))


@agenda_view(Recht.BEHEER, knoop_haal, methoden=FORMULIER_METHODEN)
def knoop_bewerken(request: HttpRequest, toegang: Toegang, knoop: Knoop) -> HttpResponse:
    form = KnoopForm(request.POST or None, instance=knoop, agenda=toegang.agenda)
    if request.method == "POST" and form.is_valid():
        try:
            services.knoop_bewerk(knoop=knoop, door=request.user, velden=form.cleaned_data)
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, "De wijzigingen zijn opgeslagen.")
            return redirect(_terug(toegang.agenda.slug, knoop))
    return render(request, "ambities/knoop_form.html", toegang.context(form=form, knoop=knoop))


@agenda_view(Recht.BEHEER, knoop_haal, methoden=POST_METHODEN)
def knoop_archiveren(request: HttpRequest, toegang: Toegang, knoop: Knoop) -> HttpResponse:
    slug = toegang.agenda.slug
    terugzetten = request.POST.get("terugzetten") == "1"
    try:
        services.knoop_archiveer(knoop=knoop, door=request.user, gearchiveerd=not terugzetten)
    except ValidationError as fout:
        messages.error(request, f"Niet gearchiveerd: {' '.join(fout.messages)}")
        return redirect(reverse("knoop_bewerken", args=[slug, knoop.pk]))
    messages.success(
        request,
        f"‘{knoop.titel}’ staat weer in de doelenboom."
        if terugzetten
        else f"‘{knoop.titel}’ is gearchiveerd (niet verwijderd).",
    )
    return redirect(reverse("agenda_overzicht", args=[slug]))
