"""The beheerder's pages for partner organisations, people and their roles in the agenda."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from lea.forms import (
    NieuweOrganisatieForm,
    NieuwePersoonForm,
    OrganisatieForm,
    PersoonForm,
    RolForm,
    UitnodigingForm,
)
from lea.models import Lidmaatschap, Organisatie, Persoon, Rol
from lea.selectors import geschiedenis
from lea.services.personen import (
    lidmaatschap_trek_in,
    lidmaatschap_wijzig,
    organisatie_archiveer,
    organisatie_bewaar,
    persoon_archiveer,
    persoon_bewaar,
    persoon_nodig_uit,
)
from lea.toegang import (
    FORMULIER_METHODEN,
    POST_METHODEN,
    Recht,
    Toegang,
    agenda_view,
    lidmaatschap_haal,
    organisatie_haal,
    persoon_haal,
)


def _toon_archief(request: HttpRequest) -> bool:
    return request.GET.get("gearchiveerd") == "1"


def _fout_melding(request: HttpRequest, fout: ValidationError) -> None:
    for tekst in fout.messages:
        messages.error(request, tekst)


# --- organisations -----------------------------------------------------------------------------


@agenda_view(Recht.BEHEER)
def organisatie_lijst(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    archief = _toon_archief(request)
    organisaties = Organisatie.objects.filter(agenda=toegang.agenda)
    if not archief:
        organisaties = organisaties.actief()
    context = toegang.context(organisaties=organisaties, archief=archief)
    return render(request, "lea/organisaties.html", context)


@agenda_view(Recht.BEHEER, methoden=FORMULIER_METHODEN)
def organisatie_nieuw(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    form = NieuweOrganisatieForm(request.POST or None, agenda=toegang.agenda)
    if request.method == "POST" and form.is_valid():
        try:
            organisatie_bewaar(
                organisatie=form.instance, door=request.user, token=form.cleaned_data["eenmalig"]
            )
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, f"Organisatie ‘{form.instance.naam}’ is toegevoegd.")
            return redirect("organisatie_lijst", toegang.agenda.slug)
    return render(request, "lea/organisatie_form.html", toegang.context(form=form))


@agenda_view(Recht.BEHEER, organisatie_haal, methoden=FORMULIER_METHODEN)
def organisatie_bewerken(
    request: HttpRequest, toegang: Toegang, organisatie: Organisatie
) -> HttpResponse:
    form = OrganisatieForm(request.POST or None, instance=organisatie, agenda=toegang.agenda)
    if request.method == "POST" and form.is_valid():
        try:
            organisatie_bewaar(organisatie=form.instance, door=request.user)
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, f"Organisatie ‘{organisatie.naam}’ is opgeslagen.")
            return redirect("organisatie_lijst", toegang.agenda.slug)
    context = toegang.context(
        form=form, organisatie=organisatie, geschiedenis=geschiedenis(organisatie)
    )
    return render(request, "lea/organisatie_form.html", context)


@agenda_view(Recht.BEHEER, organisatie_haal, methoden=POST_METHODEN)
def organisatie_archiveren(
    request: HttpRequest, toegang: Toegang, organisatie: Organisatie
) -> HttpResponse:
    """Archive the organisation, or bring it back (`terugzetten=1`)."""
    terug = request.POST.get("terugzetten") == "1"
    organisatie_archiveer(organisatie=organisatie, gearchiveerd=not terug, door=request.user)
    wat = "teruggezet" if terug else "gearchiveerd"
    messages.success(request, f"Organisatie ‘{organisatie.naam}’ is {wat}.")
    return redirect("organisatie_bewerken", toegang.agenda.slug, organisatie.pk)


# --- people ------------------------------------------------------------------------------------


@agenda_view(Recht.BEHEER)
def persoon_lijst(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    archief = _toon_archief(request)
    personen = Persoon.objects.filter(agenda=toegang.agenda).select_related(
        "organisatie", "gebruiker"
    )
    if not archief:
        personen = personen.actief()
    rollen = {
        lid.gebruiker_id: lid for lid in Lidmaatschap.objects.actief().filter(agenda=toegang.agenda)
    }
    rijen = [(p, rollen.get(p.gebruiker_id) if p.gebruiker_id else None) for p in personen]
    return render(request, "lea/personen.html", toegang.context(rijen=rijen, archief=archief))


@agenda_view(Recht.BEHEER, methoden=FORMULIER_METHODEN)
def persoon_nieuw(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    form = NieuwePersoonForm(request.POST or None, agenda=toegang.agenda)
    if request.method == "POST" and form.is_valid():
        try:
            persoon_bewaar(
                persoon=form.instance, door=request.user, token=form.cleaned_data["eenmalig"]
            )
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, f"{form.instance.naam} is toegevoegd.")
            return redirect("persoon_bewerken", toegang.agenda.slug, form.instance.pk)
    return render(request, "lea/persoon_form.html", toegang.context(form=form))


@agenda_view(Recht.BEHEER, persoon_haal, methoden=FORMULIER_METHODEN)
def persoon_bewerken(request: HttpRequest, toegang: Toegang, persoon: Persoon) -> HttpResponse:
    form = PersoonForm(request.POST or None, instance=persoon, agenda=toegang.agenda)
    if request.method == "POST" and form.is_valid():
        try:
            persoon_bewaar(persoon=form.instance, door=request.user)
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, f"{persoon.naam} is opgeslagen.")
            return redirect("persoon_bewerken", toegang.agenda.slug, persoon.pk)
    rol = None
    if persoon.gebruiker_id:
        rol = Lidmaatschap.objects.filter(
            agenda=toegang.agenda, gebruiker_id=persoon.gebruiker_id
        ).first()
    context = toegang.context(
        form=form, persoon=persoon, rol=rol, geschiedenis=geschiedenis(persoon)
    )
    return render(request, "lea/persoon_form.html", context)


@agenda_view(Recht.BEHEER, persoon_haal, methoden=POST_METHODEN)
def persoon_archiveren(request: HttpRequest, toegang: Toegang, persoon: Persoon) -> HttpResponse:
    """Archive the person, or bring them back (`terugzetten=1`)."""
    terug = request.POST.get("terugzetten") == "1"
    persoon_archiveer(persoon=persoon, gearchiveerd=not terug, door=request.user)
    messages.success(request, f"{persoon.naam} is {'teruggezet' if terug else 'gearchiveerd'}.")
    return redirect("persoon_bewerken", toegang.agenda.slug, persoon.pk)


# --- roles -------------------------------------------------------------------------------------


def _met_persoon(toegang: Toegang, lidmaatschappen: Any) -> list[tuple[Lidmaatschap, Any]]:
    """Each membership with the login's person in this agenda (None if it has none)."""
    personen = {
        p.gebruiker_id: p
        for p in Persoon.objects.filter(agenda=toegang.agenda, gebruiker__isnull=False)
    }
    return [(lid, personen.get(lid.gebruiker_id)) for lid in lidmaatschappen]


@agenda_view(Recht.BEHEER)
def rol_lijst(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    alle = Lidmaatschap.objects.filter(agenda=toegang.agenda).select_related("gebruiker")
    context = toegang.context(
        actief=_met_persoon(toegang, alle.filter(ingetrokken_op__isnull=True)),
        ingetrokken=_met_persoon(toegang, alle.filter(ingetrokken_op__isnull=False)),
    )
    return render(request, "lea/rollen.html", context)


@agenda_view(Recht.BEHEER, methoden=FORMULIER_METHODEN)
def rol_nieuw(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    """Give a person a role and invite them by e-mail (again, if they were invited before)."""
    form = UitnodigingForm(request.POST or None, agenda=toegang.agenda, initial=request.GET.dict())
    if request.method == "POST" and form.is_valid():
        persoon = form.cleaned_data["persoon"]
        try:
            persoon_nodig_uit(persoon=persoon, rol=Rol(form.cleaned_data["rol"]), door=request.user)
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(
                request,
                f"{persoon.naam} heeft de rol gekregen; de uitnodiging gaat naar {persoon.email}.",
            )
            return redirect("rol_lijst", toegang.agenda.slug)
    return render(request, "lea/rol_form.html", toegang.context(form=form))


@agenda_view(Recht.BEHEER, lidmaatschap_haal, methoden=FORMULIER_METHODEN)
def rol_bewerken(
    request: HttpRequest, toegang: Toegang, lidmaatschap: Lidmaatschap
) -> HttpResponse:
    form = RolForm(request.POST or None, initial={"rol": lidmaatschap.rol})
    if request.method == "POST" and form.is_valid():
        try:
            lidmaatschap_wijzig(
                lidmaatschap=lidmaatschap, rol=Rol(form.cleaned_data["rol"]), door=request.user
            )
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, f"De rol van {lidmaatschap.gebruiker} is gewijzigd.")
            return redirect("rol_lijst", toegang.agenda.slug)
    persoon = Persoon.objects.filter(
        agenda=toegang.agenda, gebruiker_id=lidmaatschap.gebruiker_id
    ).first()
    context = toegang.context(
        form=form,
        lidmaatschap=lidmaatschap,
        persoon=persoon,
        geschiedenis=geschiedenis(lidmaatschap),
    )
    return render(request, "lea/rol_form.html", context)


@agenda_view(Recht.BEHEER, lidmaatschap_haal, methoden=POST_METHODEN)
def rol_intrekken(
    request: HttpRequest, toegang: Toegang, lidmaatschap: Lidmaatschap
) -> HttpResponse:
    """Withdraw the role: the login loses access; what it did stays attributed."""
    try:
        lidmaatschap_trek_in(lidmaatschap=lidmaatschap, door=request.user)
    except ValidationError as fout:
        _fout_melding(request, fout)
    else:
        messages.success(request, f"De rol van {lidmaatschap.gebruiker} is ingetrokken.")
    return redirect("rol_lijst", toegang.agenda.slug)
