"""The schools with their CBS schoolweging per year, and the VE figures per calendar year:
lists for every role, create and edit pages for the beheerder."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from lea.services import bewaar
from lea.toegang import FORMULIER_METHODEN, POST_METHODEN, Recht, Toegang, agenda_view
from monitoring.forms import SchoolForm, SchoolwegingForm, VeCijfersForm
from monitoring.models import School, Schoolweging, VeCijfers
from monitoring.selectors.geschiedenis import geschiedenis_school, geschiedenis_van
from monitoring.services.cijfers import archiveer
from monitoring.toegang import haal_school, haal_ve, haal_weging
from monitoring.views.formulier import formulierpagina, fout_in_form


@agenda_view(Recht.LEZEN)
def school_lijst(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    toon_gearchiveerd = request.GET.get("gearchiveerd") == "1"
    qs = toegang.agenda.scholen.select_related("bestuur").prefetch_related("wegingen")
    scholen = list(qs if toon_gearchiveerd else qs.filter(gearchiveerd=False))
    jaren = sorted({w.jaar for s in scholen for w in s.wegingen.all()})
    context = toegang.context(
        scholen=[(s, {w.jaar: w for w in s.wegingen.all()}) for s in scholen],
        jaren=jaren,
        toon_gearchiveerd=toon_gearchiveerd,
    )
    return render(request, "monitoring/scholen.html", context)


def _scholen(toegang: Toegang) -> str:
    return reverse("school_lijst", args=[toegang.agenda.slug])


@agenda_view(Recht.BEHEER, methoden=FORMULIER_METHODEN)
def school_nieuw(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    form = SchoolForm(request.POST or None, agenda=toegang.agenda)
    if request.method == "POST" and form.is_valid():
        try:
            school = bewaar(form.instance, door=request.user)
        except ValidationError as fout:
            fout_in_form(form, fout)
        else:
            messages.success(request, f"School {school.naam} is toegevoegd.")
            return redirect(_scholen(toegang))
    return formulierpagina(
        request, toegang, kop="Nieuwe school", form=form, terug=_scholen(toegang)
    )


@agenda_view(Recht.BEHEER, haal_school, methoden=FORMULIER_METHODEN)
def school_bewerken(request: HttpRequest, toegang: Toegang, school: School) -> HttpResponse:
    form = SchoolForm(request.POST or None, instance=school, agenda=toegang.agenda)
    if request.method == "POST" and form.is_valid():
        try:
            bewaar(form.instance, door=request.user)
        except ValidationError as fout:
            fout_in_form(form, fout)
        else:
            messages.success(request, f"School {school.naam} is opgeslagen.")
            return redirect(_scholen(toegang))
    return formulierpagina(
        request,
        toegang,
        kop=f"School {school.naam} bewerken",
        form=form,
        terug=_scholen(toegang),
        archiveer_url=reverse("school_archiveren", args=[toegang.agenda.slug, school.pk]),
        gearchiveerd=school.gearchiveerd,
        soort_naam="school",
        geschiedenis=geschiedenis_school(school),
    )


@agenda_view(Recht.BEHEER, haal_school, methoden=POST_METHODEN)
def school_archiveren(request: HttpRequest, toegang: Toegang, school: School) -> HttpResponse:
    terugzetten = request.POST.get("terugzetten") == "1"
    archiveer(obj=school, gearchiveerd=not terugzetten, door=request.user)
    messages.success(
        request,
        f"School {school.naam} staat weer in de lijst."
        if terugzetten
        else f"School {school.naam} is gearchiveerd (niet verwijderd).",
    )
    return redirect(_scholen(toegang))


@agenda_view(Recht.BEHEER, haal_school, methoden=FORMULIER_METHODEN)
def weging_nieuw(request: HttpRequest, toegang: Toegang, school: School) -> HttpResponse:
    form = SchoolwegingForm(request.POST or None, school=school)
    if request.method == "POST" and form.is_valid():
        try:
            weging = bewaar(form.instance, door=request.user)
        except ValidationError as fout:
            fout_in_form(form, fout)
        else:
            messages.success(
                request, f"Schoolweging {weging.jaar} van {school.naam} is opgeslagen."
            )
            return redirect(_scholen(toegang))
    return formulierpagina(
        request,
        toegang,
        kop=f"Schoolweging toevoegen voor {school.naam}",
        form=form,
        terug=_scholen(toegang),
    )


@agenda_view(Recht.BEHEER, haal_weging, methoden=FORMULIER_METHODEN)
def weging_bewerken(request: HttpRequest, toegang: Toegang, weging: Schoolweging) -> HttpResponse:
    school = weging.school
    form = SchoolwegingForm(request.POST or None, instance=weging, school=school)
    if request.method == "POST" and form.is_valid():
        try:
            bewaar(form.instance, door=request.user)
        except ValidationError as fout:
            fout_in_form(form, fout)
        else:
            messages.success(
                request, f"Schoolweging {weging.jaar} van {school.naam} is opgeslagen."
            )
            return redirect(_scholen(toegang))
    return formulierpagina(
        request,
        toegang,
        kop=f"Schoolweging van {school.naam} bewerken",
        form=form,
        terug=_scholen(toegang),
        geschiedenis=geschiedenis_van(weging, "Schoolweging"),
    )


@agenda_view(Recht.LEZEN)
def ve_lijst(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    context = toegang.context(ve=toegang.agenda.ve_cijfers.order_by("-jaar"))
    return render(request, "monitoring/ve_cijfers.html", context)


def _ve(toegang: Toegang) -> str:
    return reverse("ve_lijst", args=[toegang.agenda.slug])


@agenda_view(Recht.BEHEER, methoden=FORMULIER_METHODEN)
def ve_nieuw(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    form = VeCijfersForm(request.POST or None, agenda=toegang.agenda)
    if request.method == "POST" and form.is_valid():
        try:
            ve = bewaar(form.instance, door=request.user)
        except ValidationError as fout:
            fout_in_form(form, fout)
        else:
            messages.success(request, f"De VE-cijfers van {ve.jaar} zijn toegevoegd.")
            return redirect(_ve(toegang))
    return formulierpagina(
        request, toegang, kop="VE-cijfers toevoegen", form=form, terug=_ve(toegang)
    )


@agenda_view(Recht.BEHEER, haal_ve, methoden=FORMULIER_METHODEN)
def ve_bewerken(request: HttpRequest, toegang: Toegang, ve: VeCijfers) -> HttpResponse:
    form = VeCijfersForm(request.POST or None, instance=ve, agenda=toegang.agenda)
    if request.method == "POST" and form.is_valid():
        try:
            bewaar(form.instance, door=request.user)
        except ValidationError as fout:
            fout_in_form(form, fout)
        else:
            messages.success(request, f"De VE-cijfers van {ve.jaar} zijn opgeslagen.")
            return redirect(_ve(toegang))
    return formulierpagina(
        request,
        toegang,
        kop=f"VE-cijfers {ve.jaar} bewerken",
        form=form,
        terug=_ve(toegang),
        geschiedenis=geschiedenis_van(ve, "VE-cijfers"),
    )
