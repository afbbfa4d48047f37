"""The werkgroepen: their list, a werkgroep's page with inline progress updates by its chair,
and creating, editing and archiving one (beheerder)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django_htmx.middleware import HtmxDetails

from lea.paginacache import pagina
from lea.toegang import FORMULIER_METHODEN, POST_METHODEN, Recht, Toegang, agenda_view
from werkgroepen import services
from werkgroepen.forms import NieuweWerkgroepForm, VoortgangForm, WerkgroepForm
from werkgroepen.models import Actie, Werkgroep
from werkgroepen.selectors import (
    rapportageperiode_van,
    werkgroep_historie,
    werkgroep_pagina,
    werkgroepen_lijst,
)
from werkgroepen.toegang import werkgroep_actie_haal, werkgroep_haal
from werkgroepen.views.acties import MELDING_VOLGT, melding_wacht, voortgang_bewaar

# The inline form's fields in the order _werkgroep_rij_form.html shows them.
RIJ_VELDEN = ("datum", "status", "percentage", "rag_tijd", "rag_geld", "toelichting")


class HtmxHttpRequest(HttpRequest):
    """A request as django-htmx's middleware leaves it (for the type checker)."""

    htmx: HtmxDetails


@agenda_view(Recht.LEZEN)
def werkgroep_lijst(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    """The agenda's werkgroepen; archived ones only with "Toon gearchiveerde"."""
    gearchiveerd = request.GET.get("gearchiveerd") == "1"
    context = toegang.context(
        werkgroepen=werkgroepen_lijst(toegang.agenda, gearchiveerd=gearchiveerd),
        toon_gearchiveerd=gearchiveerd,
        heeft_gearchiveerde=Werkgroep.objects.filter(
            agenda=toegang.agenda, gearchiveerd=True
        ).exists(),
    )
    return render(request, "werkgroepen/werkgroep_lijst.html", context)


@agenda_view(Recht.LEZEN, werkgroep_haal)
def werkgroep_detail(request: HttpRequest, toegang: Toegang, werkgroep: Werkgroep) -> HttpResponse:
    """A werkgroep: who is in it and its actions per node, a page at a time (`?pagina=`)."""
    werkgroep.agenda = toegang.agenda  # the same row, fetched already

    def context() -> dict[str, object]:
        return {
            **werkgroep_pagina(werkgroep, pagina=request.GET.get("pagina")),
            "historie": werkgroep_historie(werkgroep, aantal=10),
        }

    return pagina(
        request,
        toegang,
        "werkgroepen/werkgroep.html",
        "werkgroepen/_werkgroep_inhoud.html",
        context,
        werkgroep=werkgroep,
    )


def _sets(form: WerkgroepForm) -> dict[str, Any]:
    return {naam: form.cleaned_data[naam] for naam in ("leden", "organisaties", "knopen")}


def _velden(form: WerkgroepForm) -> dict[str, Any]:
    return {naam: form.cleaned_data[naam] for naam in services.WERKGROEP_VELDEN}


@agenda_view(Recht.BEHEER, methoden=FORMULIER_METHODEN)
def werkgroep_nieuw(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    agenda = toegang.agenda
    form = NieuweWerkgroepForm(request.POST or None, agenda=agenda)
    if request.method == "POST" and form.is_valid():
        try:
            werkgroep = services.werkgroep_maak(
                agenda=agenda,
                door=request.user,
                velden=_velden(form),
                token=form.cleaned_data["eenmalig"],
                **_sets(form),
            )
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, f"Werkgroep ‘{werkgroep.naam}’ is aangemaakt.")
            return redirect("werkgroep_detail", agenda.slug, werkgroep.pk)
    return render(request, "werkgroepen/werkgroep_form.html", toegang.context(form=form))


@agenda_view(Recht.BEHEER, werkgroep_haal, methoden=FORMULIER_METHODEN)
def werkgroep_bewerken(
    request: HttpRequest, toegang: Toegang, werkgroep: Werkgroep
) -> HttpResponse:
    form = WerkgroepForm(request.POST or None, instance=werkgroep, agenda=toegang.agenda)
    if request.method == "POST" and form.is_valid():
        try:
            services.werkgroep_bewerk(
                werkgroep=werkgroep, door=request.user, velden=_velden(form), **_sets(form)
            )
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, "De wijzigingen zijn opgeslagen.")
            return redirect("werkgroep_detail", toegang.agenda.slug, werkgroep.pk)
    context = toegang.context(
        form=form, werkgroep=werkgroep, historie=werkgroep_historie(werkgroep, aantal=10)
    )
    return render(request, "werkgroepen/werkgroep_form.html", context)


@agenda_view(Recht.BEHEER, werkgroep_haal, methoden=POST_METHODEN)
def werkgroep_archiveren(
    request: HttpRequest, toegang: Toegang, werkgroep: Werkgroep
) -> HttpResponse:
    terugzetten = request.POST.get("terugzetten") == "1"
    try:
        services.werkgroep_archiveer(
            werkgroep=werkgroep, door=request.user, gearchiveerd=not terugzetten
        )
    except ValidationError as fout:
        messages.error(request, f"Niet gearchiveerd: {' '.join(fout.messages)}")
        return redirect("werkgroep_bewerken", toegang.agenda.slug, werkgroep.pk)
    if terugzetten:
        messages.success(request, f"‘{werkgroep.naam}’ staat weer bij de werkgroepen.")
    else:
        messages.success(request, f"‘{werkgroep.naam}’ is gearchiveerd (niet verwijderd).")
    return redirect("werkgroep_detail", toegang.agenda.slug, werkgroep.pk)


@agenda_view(Recht.VOORTGANG, werkgroep_haal, methoden=FORMULIER_METHODEN)
def werkgroep_voortgang(
    request: HtmxHttpRequest, toegang: Toegang, werkgroep: Werkgroep, actie_pk: int
) -> HttpResponse:
    """One action row of the werkgroep page: its inline update form (GET), the row as it was
    (GET with `annuleren`), or saving the form (POST).

    With htmx the row is replaced in place; without JavaScript this falls back to the
    action's own update page and the werkgroep page.
    """
    actie = werkgroep_actie_haal(werkgroep, actie_pk)
    slug = toegang.agenda.slug
    pagina = reverse("werkgroep_detail", args=[slug, werkgroep.pk])
    if request.method == "GET" and not request.htmx:
        return redirect(reverse("actie_voortgang", args=[slug, actie.pk]) + f"?terug={pagina}")
    if request.method == "GET" and "annuleren" in request.GET:
        return _rij(request, toegang, werkgroep, actie, terug=True)
    # A prefix per action keeps ids unique when several rows are open at once.
    form = VoortgangForm(request.POST or None, actie=actie, prefix=f"actie{actie.pk}")
    if request.method == "POST" and form.is_valid():
        try:
            voortgang = voortgang_bewaar(request, actie, form)
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            wacht = melding_wacht(voortgang)
            if not request.htmx:
                messages.success(request, f"Voortgang van ‘{actie.titel}’ geregistreerd.")
                if wacht:
                    messages.info(request, MELDING_VOLGT)
                return redirect(pagina)
            actie.refresh_from_db()
            return _rij(
                request,
                toegang,
                werkgroep,
                actie,
                bijgewerkt=True,
                melding_volgt=MELDING_VOLGT if wacht else "",
            )
    elif request.method == "POST" and not request.htmx:
        # Without JavaScript, show the errors on the full update page.
        context = toegang.context(actie=actie, form=form, terug=pagina)
        return render(request, "werkgroepen/voortgang_form.html", context)
    _markeer_focus(form)
    context = toegang.context(werkgroep=werkgroep, actie=actie, form=form)
    return render(request, "werkgroepen/_werkgroep_rij_form.html", context)


def _rij(
    request: HttpRequest, toegang: Toegang, werkgroep: Werkgroep, actie: Actie, **extra: Any
) -> HttpResponse:
    """The action's row in read mode, marked as still to report as on the whole page."""
    periode = rapportageperiode_van(toegang.agenda)
    te_rapporteren = (
        Actie.objects.filter(pk=actie.pk).nog_niet_gerapporteerd(sinds=periode.begin).exists()
    )
    context = toegang.context(
        werkgroep=werkgroep,
        actie=actie,
        achterstallig={actie.pk} if te_rapporteren else set(),
        **extra,
    )
    return render(request, "werkgroepen/_werkgroep_rij.html", context)


def _markeer_focus(form: VoortgangForm) -> None:
    """Where the focus goes when the inline form opens: its first field, or after a refusal
    its first field in error (a message for the whole form takes it in the template)."""
    fout = [naam for naam in RIJ_VELDEN if naam in form.errors]
    # On a radio group every choice gets the mark; the first one takes the focus.
    form.fields[(fout or RIJ_VELDEN)[0]].widget.attrs["data-lea-focus"] = ""
