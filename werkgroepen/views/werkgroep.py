"""The werkgroep page, with inline progress updates by its chair."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from lea.perioden import periode_naam, rapportageperiode
from lea.toegang import (
    Recht,
    agenda_view,
    is_voorzitter,
    werkgroep_voor_lezen,
    werkgroep_voor_voortgang,
)
from werkgroepen import services
from werkgroepen.forms import VoortgangForm
from werkgroepen.selectors import nog_niet_gerapporteerd


def _periode(agenda):
    vandaag = timezone.localdate()
    begin, eind = rapportageperiode(agenda.rapportageperiode, vandaag)
    return begin, eind, periode_naam(agenda.rapportageperiode, vandaag)


@agenda_view(Recht.LEZEN)
def werkgroep_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    werkgroep = werkgroep_voor_lezen(request, slug, pk)
    agenda = werkgroep.agenda
    begin, eind, naam = _periode(agenda)
    acties = werkgroep.acties.actief().select_related("knoop").order_by("volgorde", "pk")
    achterstallig = set(nog_niet_gerapporteerd(acties, begin).values_list("pk", flat=True))
    context = {
        "agenda": agenda,
        "werkgroep": werkgroep,
        "leden": werkgroep.leden.select_related("organisatie"),
        "organisaties": werkgroep.organisaties.all(),
        "knopen": werkgroep.knopen.all(),
        "acties": acties,
        "achterstallig": achterstallig,
        "periode": (begin, eind, naam),
        "mag_bijwerken": agenda.rol == "beheerder" or is_voorzitter(request.user, werkgroep),
    }
    return render(request, "werkgroepen/werkgroep.html", context)


@agenda_view(Recht.VOORTGANG)
def werkgroep_voortgang(request: HttpRequest, slug: str, pk: int, actie_pk: int) -> HttpResponse:
    """One action row of the werkgroep page: its inline update form (GET) or saving it (POST).

    With htmx the row is replaced in place; without JavaScript this falls back to the
    action's own update page and the werkgroep page.
    """
    werkgroep = werkgroep_voor_voortgang(request, slug, pk)
    try:
        actie = werkgroep.acties.actief().select_related("knoop").get(pk=actie_pk)
    except werkgroep.acties.model.DoesNotExist:
        raise Http404("Deze actie hoort niet bij deze werkgroep.") from None
    actie.agenda = werkgroep.agenda
    pagina = reverse("werkgroep_detail", args=[slug, pk])
    if request.method == "GET" and not request.htmx:
        return redirect(reverse("actie_voortgang", args=[slug, actie.pk]) + f"?terug={pagina}")
    # A prefix per action keeps ids unique when several rows are open at once.
    form = VoortgangForm(request.POST or None, actie=actie, prefix=f"actie{actie.pk}")
    if request.method == "POST" and form.is_valid():
        try:
            services.voortgang_registreer(actie=actie, door=request.user, **form.cleaned_data)
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            if not request.htmx:
                messages.success(request, f"Voortgang van ‘{actie.titel}’ geregistreerd.")
                return redirect(pagina)
            actie.refresh_from_db()
            context = {
                "agenda": werkgroep.agenda,
                "werkgroep": werkgroep,
                "actie": actie,
                "achterstallig": set(),
                "mag_bijwerken": True,
                "bijgewerkt": True,
            }
            return render(request, "werkgroepen/_werkgroep_rij.html", context)
    elif request.method == "POST" and not request.htmx:
        # Without JavaScript, show the errors on the full update page.
        context = {"agenda": werkgroep.agenda, "actie": actie, "form": form, "terug": pagina}
        return render(request, "werkgroepen/voortgang_form.html", context)
    if request.method not in ("GET", "POST"):
        raise PermissionDenied
    context = {"agenda": werkgroep.agenda, "werkgroep": werkgroep, "actie": actie, "form": form}
    return render(request, "werkgroepen/_werkgroep_rij_form.html", context)
