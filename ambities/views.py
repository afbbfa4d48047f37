"""Create, edit and archive nodes of the goal tree (beheerder)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ambities import services
from ambities.forms import KnoopForm
from lea.toegang import Recht, agenda_view, agenda_voor_beheer, knoop_voor_beheer


def _terug(slug: str, knoop) -> str:
    return reverse("agenda_overzicht", args=[slug]) + f"#knoop-{knoop.pk}"


@agenda_view(Recht.BEHEER)
def knoop_nieuw(request: HttpRequest, slug: str) -> HttpResponse:
    agenda = agenda_voor_beheer(request, slug)
    form = KnoopForm(request.POST or None, agenda=agenda, initial=request.GET.dict())
    if request.method == "POST" and form.is_valid():
        try:
            knoop = services.knoop_maak(agenda=agenda, door=request.user, velden=form.cleaned_data)
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, f"‘{knoop.titel}’ is toegevoegd aan de doelenboom.")
            return redirect(_terug(slug, knoop))
    return render(request, "ambities/knoop_form.html", {"agenda": agenda, "form": form})


@agenda_view(Recht.BEHEER)
def knoop_bewerken(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    knoop = knoop_voor_beheer(request, slug, pk)
    agenda = agenda_voor_beheer(request, slug)
    form = KnoopForm(request.POST or None, instance=knoop, agenda=agenda)
    if request.method == "POST" and form.is_valid():
        try:
            services.knoop_bewerk(knoop=knoop, door=request.user, velden=form.cleaned_data)
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, "De wijzigingen zijn opgeslagen.")
            return redirect(_terug(slug, knoop))
    context = {"agenda": agenda, "form": form, "knoop": knoop}
    return render(request, "ambities/knoop_form.html", context)


@agenda_view(Recht.BEHEER)
@require_POST
def knoop_archiveren(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    knoop = knoop_voor_beheer(request, slug, pk)
    terugzetten = request.POST.get("terugzetten") == "1"
    try:
        services.knoop_archiveer(knoop=knoop, door=request.user, gearchiveerd=not terugzetten)
    except ValidationError as fout:
        messages.error(request, f"Niet gearchiveerd: {' '.join(fout.messages)}")
        return redirect(reverse("knoop_bewerken", args=[slug, pk]))
    messages.success(
        request,
        f"‘{knoop.titel}’ staat weer in de doelenboom."
        if terugzetten
        else f"‘{knoop.titel}’ is gearchiveerd (niet verwijderd).",
    )
    return redirect(reverse("agenda_overzicht", args=[slug]))
