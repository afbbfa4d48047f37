"""Action list, detail, create/edit/archive, progress updates, comments and bulk changes."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from lea.toegang import (
    Recht,
    actie_voor_bewerking,
    actie_voor_lezen,
    actie_voor_opmerking,
    actie_voor_voortgang,
    agenda_view,
    agenda_voor_beheer,
    agenda_voor_lezen,
    mag_opmerken,
    mag_voortgang,
)
from werkgroepen import services
from werkgroepen.filters import ActieFilter
from werkgroepen.forms import ActieForm, ActiePraktischForm, BulkForm, OpmerkingForm, VoortgangForm
from werkgroepen.selectors import actie_historie

PER_PAGINA = 25


@agenda_view(Recht.LEZEN)
def actie_lijst(request: HttpRequest, slug: str) -> HttpResponse:
    agenda = agenda_voor_lezen(request, slug)
    acties = (
        agenda.acties.actief()
        .select_related("knoop__ouder", "werkgroep")
        .prefetch_related("regie")
        .order_by("volgorde", "pk")
    )
    filter_ = ActieFilter(request.GET, queryset=acties, agenda=agenda)
    pagina = Paginator(filter_.qs, PER_PAGINA).get_page(request.GET.get("pagina"))
    zonder_pagina = request.GET.copy()
    zonder_pagina.pop("pagina", None)
    context = {
        "agenda": agenda,
        "filter": filter_,
        "pagina": pagina,
        "querystring": zonder_pagina.urlencode(),
        "bulk": BulkForm(agenda=agenda, auto_id="bulk_%s") if agenda.rol == "beheerder" else None,
    }
    return render(request, "werkgroepen/actie_lijst.html", context)


@agenda_view(Recht.LEZEN)
def actie_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    actie = actie_voor_lezen(request, slug, pk)
    context = {
        "agenda": actie.agenda,
        "actie": actie,
        "tijdlijn": actie.voortgang.select_related("door"),
        "historie": actie_historie(actie),
        "opmerkingen": actie.opmerkingen.select_related("door"),
        "mag_voortgang": mag_voortgang(request.user, actie),
        "mag_opmerken": mag_opmerken(request.user, actie),
        "opmerking_form": OpmerkingForm(),
    }
    return render(request, "werkgroepen/actie_detail.html", context)


@agenda_view(Recht.BEHEER)
def actie_nieuw(request: HttpRequest, slug: str) -> HttpResponse:
    agenda = agenda_voor_beheer(request, slug)
    form = ActieForm(request.POST or None, agenda=agenda, initial=request.GET.dict())
    if request.method == "POST" and form.is_valid():
        velden = {k: v for k, v in form.cleaned_data.items() if k not in ("regie", "partners")}
        velden.pop("versie", None)
        try:
            actie = services.actie_maak(
                agenda=agenda,
                door=request.user,
                velden=velden,
                regie=form.cleaned_data["regie"],
                partners=form.cleaned_data["partners"],
            )
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, f"{agenda.actie_naam} ‘{actie.titel}’ is aangemaakt.")
            return redirect("actie_detail", slug, actie.pk)
    return render(request, "werkgroepen/actie_form.html", {"agenda": agenda, "form": form})


@agenda_view(Recht.VOORTGANG)
def actie_bewerken(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    actie = actie_voor_bewerking(request, slug, pk)
    form_klasse = ActieForm if actie.alle_velden else ActiePraktischForm
    form = form_klasse(request.POST or None, instance=actie, agenda=actie.agenda)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        versie = data.pop("versie", None) or 0
        m2m = {veld: data.pop(veld) for veld in ("regie", "partners") if veld in data}
        try:
            services.actie_bewerk(
                actie=actie, door=request.user, versie=versie, velden=data, m2m=m2m
            )
        except services.VersieConflict as fout:
            conflict = fout
            actie.refresh_from_db()
            form.data = form.data.copy()
            form.data["versie"] = actie.versie  # a conscious second save may overwrite
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, "De wijzigingen zijn opgeslagen.")
            return redirect("actie_detail", slug, actie.pk)
    context = {"agenda": actie.agenda, "actie": actie, "form": form, "conflict": conflict}
    return render(request, "werkgroepen/actie_form.html", context, status=409 if conflict else 200)


@agenda_view(Recht.BEHEER)
@require_POST
def actie_archiveren(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    agenda_voor_beheer(request, slug)
    actie = actie_voor_lezen(request, slug, pk)
    terugzetten = request.POST.get("terugzetten") == "1"
    services.actie_archiveer(actie=actie, door=request.user, gearchiveerd=not terugzetten)
    if terugzetten:
        messages.success(request, f"‘{actie.titel}’ staat weer in de agenda.")
    else:
        messages.success(request, f"‘{actie.titel}’ is gearchiveerd (niet verwijderd).")
    return redirect("actie_detail", slug, actie.pk)


@agenda_view(Recht.VOORTGANG)
def actie_voortgang(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    actie = actie_voor_voortgang(request, slug, pk)
    form = VoortgangForm(request.POST or None, actie=actie)
    if request.method == "POST" and form.is_valid():
        try:
            services.voortgang_registreer(actie=actie, door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, "De voortgang is geregistreerd.")
            terug = request.POST.get("terug", "")
            if not url_has_allowed_host_and_scheme(terug, allowed_hosts={request.get_host()}):
                terug = reverse("actie_detail", args=[slug, pk])
            return redirect(terug)
    context = {
        "agenda": actie.agenda,
        "actie": actie,
        "form": form,
        "terug": request.GET.get("terug", ""),
    }
    return render(request, "werkgroepen/voortgang_form.html", context)


@agenda_view(Recht.OPMERKEN)
@require_POST
def actie_opmerking(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    actie = actie_voor_opmerking(request, slug, pk)
    form = OpmerkingForm(request.POST)
    if form.is_valid():
        services.opmerking_plaats(actie=actie, door=request.user, tekst=form.cleaned_data["tekst"])
        messages.success(request, "Uw opmerking is geplaatst.")
    else:
        for fout in form.errors.get("tekst", []):
            messages.error(request, f"Opmerking niet geplaatst: {fout}")
    return redirect(reverse("actie_detail", args=[slug, pk]) + "#opmerkingen")


@agenda_view(Recht.BEHEER)
@require_POST
def acties_bulk(request: HttpRequest, slug: str) -> HttpResponse:
    agenda = agenda_voor_beheer(request, slug)
    form = BulkForm(request.POST, agenda=agenda)
    terug = reverse("actie_lijst", args=[slug])
    if request.POST.get("terug", "").startswith(terug):
        terug = request.POST["terug"]
    if not form.is_valid():
        for fouten in form.errors.values():
            for fout in fouten:
                messages.error(request, f"Niets gewijzigd: {fout}")
        return redirect(terug)
    regie = form.cleaned_data["regie"]
    aantal = services.acties_bulkwijzig(
        acties=list(form.cleaned_data["acties"]),
        door=request.user,
        status=form.cleaned_data["status"],
        werkgroep=form.cleaned_data["werkgroep"],
        regie=[regie] if regie else None,
    )
    messages.success(request, f"{aantal} {agenda.actie_meervoud.lower()} gewijzigd.")
    return redirect(terug)
