"""The beheerder's pages for indicators and their measurements (the list is `cijfers`)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from lea.services import bewaar
from lea.toegang import FORMULIER_METHODEN, POST_METHODEN, Recht, Toegang, agenda_view
from monitoring.forms import IndicatorForm, MetingForm
from monitoring.models import Indicator, Meting
from monitoring.selectors.geschiedenis import geschiedenis_indicator, geschiedenis_van
from monitoring.services.cijfers import archiveer, indicator_bewaar
from monitoring.toegang import haal_indicator, haal_meting
from monitoring.views.formulier import formulierpagina, fout_in_form


def _lijst(toegang: Toegang, indicator: Indicator | None = None) -> str:
    url = reverse("indicatoren", args=[toegang.agenda.slug])
    return f"{url}#indicator-{indicator.pk}" if indicator else url


@agenda_view(Recht.BEHEER, methoden=FORMULIER_METHODEN)
def indicator_nieuw(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    form = IndicatorForm(request.POST or None, agenda=toegang.agenda)
    if request.method == "POST" and form.is_valid():
        try:
            indicator = indicator_bewaar(
                indicator=form.instance, knopen=form.cleaned_data["knopen"], door=request.user
            )
        except ValidationError as fout:
            fout_in_form(form, fout)
        else:
            messages.success(request, f"Indicator ‘{indicator.naam}’ is toegevoegd.")
            return redirect(_lijst(toegang, indicator))
    return formulierpagina(
        request, toegang, kop="Nieuwe indicator", form=form, terug=_lijst(toegang)
    )


@agenda_view(Recht.BEHEER, haal_indicator, methoden=FORMULIER_METHODEN)
def indicator_bewerken(
    request: HttpRequest, toegang: Toegang, indicator: Indicator
) -> HttpResponse:
    form = IndicatorForm(request.POST or None, instance=indicator, agenda=toegang.agenda)
    if request.method == "POST" and form.is_valid():
        try:
            indicator_bewaar(
                indicator=form.instance, knopen=form.cleaned_data["knopen"], door=request.user
            )
        except ValidationError as fout:
            fout_in_form(form, fout)
        else:
            messages.success(request, f"Indicator ‘{indicator.naam}’ is opgeslagen.")
            return redirect(_lijst(toegang, indicator))
    return formulierpagina(
        request,
        toegang,
        kop=f"Indicator ‘{indicator.naam}’ bewerken",
        form=form,
        terug=_lijst(toegang, indicator),
        archiveer_url=reverse("indicator_archiveren", args=[toegang.agenda.slug, indicator.pk]),
        gearchiveerd=indicator.gearchiveerd,
        soort_naam="indicator",
        geschiedenis=geschiedenis_indicator(indicator),
    )


@agenda_view(Recht.BEHEER, haal_indicator, methoden=POST_METHODEN)
def indicator_archiveren(
    request: HttpRequest, toegang: Toegang, indicator: Indicator
) -> HttpResponse:
    terugzetten = request.POST.get("terugzetten") == "1"
    archiveer(obj=indicator, gearchiveerd=not terugzetten, door=request.user)
    messages.success(
        request,
        f"Indicator ‘{indicator.naam}’ staat weer in de lijst."
        if terugzetten
        else f"Indicator ‘{indicator.naam}’ is gearchiveerd (niet verwijderd).",
    )
    return redirect(_lijst(toegang))


@agenda_view(Recht.BEHEER, haal_indicator, methoden=FORMULIER_METHODEN)
def meting_nieuw(request: HttpRequest, toegang: Toegang, indicator: Indicator) -> HttpResponse:
    form = MetingForm(request.POST or None, indicator=indicator)
    if request.method == "POST" and form.is_valid():
        try:
            meting = bewaar(form.instance, door=request.user)
        except ValidationError as fout:
            fout_in_form(form, fout)
        else:
            messages.success(request, f"Meting {meting.jaar} van ‘{indicator.naam}’ is toegevoegd.")
            return redirect(_lijst(toegang, indicator))
    return formulierpagina(
        request,
        toegang,
        kop=f"Meting toevoegen aan ‘{indicator.naam}’",
        form=form,
        terug=_lijst(toegang, indicator),
    )


@agenda_view(Recht.BEHEER, haal_meting, methoden=FORMULIER_METHODEN)
def meting_bewerken(request: HttpRequest, toegang: Toegang, meting: Meting) -> HttpResponse:
    indicator = meting.indicator
    form = MetingForm(request.POST or None, instance=meting, indicator=indicator)
    if request.method == "POST" and form.is_valid():
        try:
            bewaar(form.instance, door=request.user)
        except ValidationError as fout:
            fout_in_form(form, fout)
        else:
            messages.success(request, f"Meting {meting.jaar} van ‘{indicator.naam}’ is opgeslagen.")
            return redirect(_lijst(toegang, indicator))
    return formulierpagina(
        request,
        toegang,
        kop=f"Meting {meting.jaar} van ‘{indicator.naam}’ bewerken",
        form=form,
        terug=_lijst(toegang, indicator),
        geschiedenis=geschiedenis_van(meting, f"Meting {meting.jaar}"),
    )
