"""The agenda's "Beheer" page, its settings, and the "Aan de slag" checklist on the dashboard."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Exists, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse

from lea import panelen
from lea.forms import AgendaForm
from lea.models import Agenda, Lidmaatschap, Publicatie, Rol
from lea.selectors import geschiedenis
from lea.services.agendas import agenda_instellingen_bewaar
from lea.services.periode import agenda_nieuwe_periode as periode_maak
from lea.services.periode import agenda_publiceer as publiceer
from lea.services.periode import in_laatste_jaar
from lea.toegang import (
    FORMULIER_METHODEN,
    POST_METHODEN,
    Recht,
    Toegang,
    agenda_view,
    rol_bij_verzoek,
)


@dataclass(frozen=True)
class Regel:
    titel: str
    url: str
    aantal: int | str | None = None
    gedaan: bool = False


@agenda_view(Recht.BEHEER)
def agenda_beheer(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    """Everything the beheerder maintains, with how many there are and where to do it."""
    agenda = toegang.agenda
    onderdelen = [
        Regel(o.titel, reverse(o.url_naam, args=[agenda.slug]), o.aantal(agenda))
        for o in panelen.beheeronderdelen()
    ]
    # The public view is one switch, not a list: its state stands in its title.
    publicatie = Publicatie.objects.filter(agenda=agenda).first()
    staat = "openbaar" if publicatie and publicatie.openbaar else "niet openbaar"
    onderdelen.insert(
        0, Regel(f"Openbare weergave ({staat})", reverse("publicatie", args=[agenda.slug]), "–")
    )
    context = toegang.context(
        onderdelen=onderdelen,
        nieuwe_periode_mogelijk=not agenda.is_concept
        and in_laatste_jaar(agenda)
        and not agenda.opvolgers.exists(),
        opvolger=agenda.opvolgers.first(),
    )
    return render(request, "lea/beheer.html", context)


@agenda_view(Recht.BEHEER, methoden=POST_METHODEN)
def agenda_nieuwe_periode(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    """ "Nieuwe periode voorbereiden": a draft agenda for the next period."""
    agenda = toegang.agenda
    try:
        nieuw = periode_maak(agenda=agenda, door=request.user)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        return redirect("agenda_beheer", agenda.slug)
    messages.success(
        request,
        f"De nieuwe periode is voorbereid: ‘{nieuw.titel}’. Het is nog een concept; "
        "vul het aan en publiceer het als het klaar is.",
    )
    return redirect("agenda_beheer", nieuw.slug)


@agenda_view(Recht.BEHEER, methoden=POST_METHODEN)
def agenda_publiceren(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    """The beheerder publishes a draft: it becomes the active agenda."""
    agenda = toegang.agenda
    try:
        publiceer(agenda=agenda, door=request.user)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    else:
        messages.success(request, f"‘{agenda.titel}’ is gepubliceerd en nu actief.")
    return redirect("agenda_beheer", agenda.slug)


@agenda_view(Recht.BEHEER, methoden=FORMULIER_METHODEN)
def agenda_instellingen(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    agenda = toegang.agenda
    form = AgendaForm(request.POST or None, instance=agenda)
    if request.method == "POST" and form.is_valid():
        try:
            agenda_instellingen_bewaar(agenda=form.instance, door=request.user)
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, "De instellingen van de agenda zijn opgeslagen.")
            return redirect("agenda_instellingen", agenda.slug)
    if form.errors:
        agenda.refresh_from_db()  # the navigation shows the stored names, not the bad input
    context = toegang.context(form=form, geschiedenis=geschiedenis(agenda))
    return render(request, "lea/instellingen.html", context)


# --- "Aan de slag" -----------------------------------------------------------------------------


def uitgenodigden(agenda: Agenda) -> QuerySet[Lidmaatschap]:
    """The core's step: the roles of others than the first beheerder."""
    eerste = Lidmaatschap.objects.filter(agenda=agenda, rol=Rol.BEHEERDER).order_by("pk")
    andere = Lidmaatschap.objects.actief().filter(agenda=agenda)
    return andere.exclude(pk__in=eerste.values("pk")[:1])


def aan_de_slag_paneel(request: HttpRequest, agenda: Agenda) -> str:
    """Dashboard panel for the beheerder: the steps of a new agenda, until all are done."""
    if rol_bij_verzoek(request, agenda) != Rol.BEHEERDER:
        return ""
    stappen = panelen.startstappen()
    # Every step's "done" in one query.
    namen = [f"stap{i}" for i in range(len(stappen))]
    gedaan = (
        Agenda.objects.filter(pk=agenda.pk)
        .annotate(**{n: Exists(s.bewijs(agenda)) for n, s in zip(namen, stappen, strict=True)})
        .values_list(*namen)
        .get()
    )
    regels = [
        Regel(s.titel, reverse(s.url_naam, args=[agenda.slug]), gedaan=klaar)
        for s, klaar in zip(stappen, gedaan, strict=True)
    ]
    if all(r.gedaan for r in regels):
        return ""
    context = {"stappen": regels, "agenda": agenda, "klaar": sum(r.gedaan for r in regels)}
    return render_to_string("lea/_aan_de_slag.html", context, request=request)
