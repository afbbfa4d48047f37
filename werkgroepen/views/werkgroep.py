"""The werkgroep page, with inline progress updates by its chair."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django_htmx.middleware import HtmxDetails

from lea.toegang import FORMULIER_METHODEN, Recht, Toegang, agenda_view
from werkgroepen.forms import VoortgangForm
from werkgroepen.models import Werkgroep
from werkgroepen.selectors import werkgroep_pagina
from werkgroepen.toegang import werkgroep_actie_haal, werkgroep_haal
from werkgroepen.views.acties import MELDING_VOLGT, melding_wacht, voortgang_bewaar


class HtmxHttpRequest(HttpRequest):
    """A request as django-htmx's middleware leaves it (for the type checker)."""

    htmx: HtmxDetails


@agenda_view(Recht.LEZEN, werkgroep_haal)
def werkgroep_detail(request: HttpRequest, toegang: Toegang, werkgroep: Werkgroep) -> HttpResponse:
    context = toegang.context(**werkgroep_pagina(werkgroep))
    return render(request, "werkgroepen/werkgroep.html", context)


@agenda_view(Recht.VOORTGANG, werkgroep_haal, methoden=FORMULIER_METHODEN)
def werkgroep_voortgang(
    request: HtmxHttpRequest, toegang: Toegang, werkgroep: Werkgroep, actie_pk: int
) -> HttpResponse:
    """One action row of the werkgroep page: its inline update form (GET) or saving it (POST).

    With htmx the row is replaced in place; without JavaScript this falls back to the
    action's own update page and the werkgroep page.
    """
    actie = werkgroep_actie_haal(werkgroep, actie_pk)
    slug = toegang.agenda.slug
    pagina = reverse("werkgroep_detail", args=[slug, werkgroep.pk])
    if request.method == "GET" and not request.htmx:
        return redirect(reverse("actie_voortgang", args=[slug, actie.pk]) + f"?terug={pagina}")
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
            context = toegang.context(
                werkgroep=werkgroep,
                actie=actie,
                achterstallig=set(),
                bijgewerkt=True,
                melding_volgt=MELDING_VOLGT if wacht else "",
            )
            return render(request, "werkgroepen/_werkgroep_rij.html", context)
    elif request.method == "POST" and not request.htmx:
        # Without JavaScript, show the errors on the full update page.
        context = toegang.context(actie=actie, form=form, terug=pagina)
        return render(request, "werkgroepen/voortgang_form.html", context)
    context = toegang.context(werkgroep=werkgroep, actie=actie, form=form)
    return render(request, "werkgroepen/_werkgroep_rij_form.html", context)
