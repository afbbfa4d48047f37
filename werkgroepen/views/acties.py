"""Action list, detail, create/edit/archive, progress updates, comments and bulk changes."""

import re
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from lea.models import Agenda, AuditSoort, Organisatie, Persoon
from lea.paginacache import pagina
from lea.services import wacht_op_wachtrij
from lea.services.audit import audit_vastleg
from lea.toegang import FORMULIER_METHODEN, POST_METHODEN, Recht, Toegang, agenda_view
from werkgroepen import services
from werkgroepen.forms import (
    ActieFilter,
    ActieForm,
    ActiePraktischForm,
    BulkForm,
    NieuweActieForm,
    OpmerkingForm,
    VoortgangForm,
)
from werkgroepen.models import Actie, ActieQuerySet, Voortgang
from werkgroepen.selectors import actie_historie, actie_keten
from werkgroepen.selectors.historie import Blad, blad
from werkgroepen.services.acties import voortgang_openbaar_zet
from werkgroepen.toegang import actie_haal
from werkgroepen.werkboek import acties_als_csv

PER_PAGINA = 25
# Progress updates (and comments) on one page of an action's page.
PER_TIJDLIJN = 20

MELDING_VOLGT = (
    "De melding aan de regiehouder en de werkgroepvoorzitter wordt verstuurd zodra de "
    "wachtrij weer bereikbaar is."
)


def voortgang_bewaar(request: HttpRequest, actie: Actie, form: VoortgangForm) -> Voortgang:
    """Record the update of a valid form, claiming its one-time token (ValidationError when
    the form was sent before or the update is implausible)."""
    data = dict(form.cleaned_data)
    token = data.pop("eenmalig", None)
    return services.voortgang_registreer(actie=actie, door=request.user, token=token, **data)


def melding_wacht(voortgang: Voortgang) -> bool:
    """Whether the status notification of this update still waits for the queue."""
    return voortgang.statusmelding is not None and wacht_op_wachtrij(voortgang.statusmelding)


def _lijst_acties(agenda: Agenda) -> ActieQuerySet:
    """The actions of the list page (and its CSV) before the filters: active, in order."""
    return (
        Actie.objects.filter(agenda=agenda)
        .actief()
        .select_related("knoop__ouder", "werkgroep", "regie_persoon")
        .order_by("volgorde", "pk")
    )


@agenda_view(Recht.LEZEN)
def actie_lijst(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    agenda = toegang.agenda

    def context() -> dict[str, object]:
        acties = _lijst_acties(agenda).prefetch_related("regie")
        filter_ = ActieFilter(request.GET, queryset=acties, agenda=agenda)
        blad = Paginator(filter_.qs, PER_PAGINA).get_page(request.GET.get("pagina"))
        # No action at all (not merely none that fits the filters): say what to do next.
        leeg = blad.paginator.count == 0 and not acties.exists()
        zonder_pagina = request.GET.copy()
        zonder_pagina.pop("pagina", None)
        return {
            "filter": filter_,
            "pagina": blad,
            "leeg": leeg,
            "zonder_knopen": leeg and not agenda.knopen.actief().exists(),
            "querystring": zonder_pagina.urlencode(),
            "bulk": BulkForm(agenda=agenda, auto_id="bulk_%s") if toegang.mag.beheer else None,
        }

    return pagina(
        request,
        toegang,
        "werkgroepen/actie_lijst.html",
        "werkgroepen/_actie_lijst_inhoud.html",
        context,
    )


@agenda_view(Recht.LEZEN)
def actie_csv(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    """The action list as filtered on screen, as CSV with the columns of the Acties sheet."""
    agenda = toegang.agenda
    filter_ = ActieFilter(request.GET, queryset=_lijst_acties(agenda), agenda=agenda)
    naam = f"{agenda.slug}-acties-{timezone.localdate():%Y-%m-%d}.csv"
    audit_vastleg(
        soort=AuditSoort.EXPORT, request=request, agenda=agenda, omschrijving=f"CSV: {naam}"
    )
    return HttpResponse(
        acties_als_csv(filter_.qs, agenda),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{naam}"'},
    )


def _bladeren(request: HttpRequest, pagina: Blad[Any], parameter: str) -> dict[str, str]:
    """The query strings of the newer and the older page ("" where there is none), keeping
    the page's other parameters: plain links, so paging works without JavaScript."""

    def naar(nummer: int) -> str:
        parameters = request.GET.copy()
        parameters[parameter] = str(nummer)
        return "?" + parameters.urlencode()

    return {
        "nieuwer": naar(pagina.nummer - 1) if pagina.nieuwer else "",
        "ouder": naar(pagina.nummer + 1) if pagina.ouder else "",
    }


@dataclass
class Betrokkenen:
    """Who has the lead (or helps), as the action page shows it: each name once."""

    persoon: Persoon | None
    persoon_organisatie: Organisatie | None  # shown with the person
    organisaties: list[Organisatie]  # without the person's own organisation
    notitie: str  # the text from the plan, only when it adds something to the names

    def __bool__(self) -> bool:
        return bool(self.persoon or self.organisaties or self.notitie)


# Between the names in a text from the plan: "GGD, gemeente en bibliotheek".
_SCHEIDING = re.compile(r"\s*(?:[,;/&+]|\ben\b)\s*", re.IGNORECASE)
# "de gemeente Hilversum" names "Gemeente Hilversum".
_LIDWOORD = re.compile(r"^(?:de|het|een)\s+", re.IGNORECASE)


def betrokkenen(
    persoon: Persoon | None,
    persoon_organisatie: Organisatie | None,
    organisaties: list[Organisatie],
    notitie: str,
) -> Betrokkenen:
    """The person with their organisation, the other organisations, and the note unless it
    only names those again (an action made from an action point wrote the owner twice)."""
    namen = {o.naam.casefold() for o in organisaties}
    if persoon is not None:
        namen |= {persoon.naam.casefold(), str(persoon).casefold()}
        if persoon_organisatie is not None:
            namen |= {
                persoon_organisatie.naam.casefold(),
                f"{persoon.naam} ({persoon_organisatie.naam})".casefold(),
            }
    delen = [_LIDWOORD.sub("", deel) for deel in _SCHEIDING.split(notitie.strip()) if deel]
    herhaalt = all(deel.casefold() in namen for deel in delen)
    eigen = persoon_organisatie.pk if persoon_organisatie is not None else None
    return Betrokkenen(
        persoon=persoon,
        persoon_organisatie=persoon_organisatie,
        organisaties=[o for o in organisaties if o.pk != eigen],
        notitie="" if herhaalt else notitie.strip(),
    )


def _organisaties(actie: Actie) -> tuple[Betrokkenen, Betrokkenen]:
    """The lead and those who help, each name once; the organisations in one query (the
    lead person's own organisation read along)."""
    persoon = actie.regie_persoon
    eigen = persoon.organisatie_id if persoon is not None else None
    regie = Exists(Actie.regie.through.objects.filter(actie=actie, organisatie=OuterRef("pk")))
    mee = Exists(Actie.partners.through.objects.filter(actie=actie, organisatie=OuterRef("pk")))
    betrokken = list(
        Organisatie.objects.annotate(in_regie=regie, in_partners=mee).filter(
            Q(in_regie=True) | Q(in_partners=True) | Q(pk=eigen)
        )
    )
    van_persoon = next((o for o in betrokken if o.pk == eigen), None)
    return (
        betrokkenen(persoon, van_persoon, [o for o in betrokken if o.in_regie], actie.regie_tekst),
        betrokkenen(None, None, [o for o in betrokken if o.in_partners], actie.partners_tekst),
    )


@agenda_view(Recht.LEZEN, actie_haal)
def actie_detail(request: HttpRequest, toegang: Toegang, actie: Actie) -> HttpResponse:
    """The action with its newest progress updates, comments and changes, each list paged by
    a plain link (`?updates=2`, `?opmerkingen=2`, `?wijzigingen=2`); a bad page number shows
    the first or the last page."""

    def context() -> dict[str, object]:
        tijdlijn = blad(
            actie.voortgang.select_related("door"), request.GET.get("updates"), PER_TIJDLIJN
        )
        historie = actie_historie(actie, request.GET.get("wijzigingen"))
        opmerkingen = blad(
            actie.opmerkingen.select_related("door"), request.GET.get("opmerkingen"), PER_TIJDLIJN
        )
        regie, partners = _organisaties(actie)
        return {
            "actie": actie,
            "betrokken": [("Wie heeft de regie", regie), ("Wie helpen mee", partners)],
            "tijdlijn": tijdlijn,
            "tijdlijn_bladeren": _bladeren(request, tijdlijn, "updates"),
            "historie": historie,
            "historie_bladeren": _bladeren(request, historie, "wijzigingen"),
            "opmerkingen": opmerkingen,
            "opmerkingen_bladeren": _bladeren(request, opmerkingen, "opmerkingen"),
            "opmerking_form": OpmerkingForm(),
            "keten": actie_keten(actie, request.user),
        }

    return pagina(
        request,
        toegang,
        "werkgroepen/actie_detail.html",
        "werkgroepen/_actie_detail_inhoud.html",
        context,
        per_login=True,  # the chain of agendas this login sees
        actie=actie,
    )


@agenda_view(Recht.BEHEER, methoden=FORMULIER_METHODEN)
def actie_nieuw(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    agenda = toegang.agenda
    form = NieuweActieForm(request.POST or None, agenda=agenda, initial=request.GET.dict())
    if request.method == "POST" and form.is_valid():
        niet = ("regie", "partners", "versie", "eenmalig")
        velden = {k: v for k, v in form.cleaned_data.items() if k not in niet}
        try:
            actie = services.actie_maak(
                agenda=agenda,
                door=request.user,
                velden=velden,
                regie=form.cleaned_data["regie"],
                partners=form.cleaned_data["partners"],
                token=form.cleaned_data["eenmalig"],
            )
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, f"{agenda.actie_naam} ‘{actie.titel}’ is aangemaakt.")
            return redirect("actie_detail", agenda.slug, actie.pk)
    return render(request, "werkgroepen/actie_form.html", toegang.context(form=form))


@agenda_view(Recht.VOORTGANG, actie_haal, methoden=FORMULIER_METHODEN)
def actie_bewerken(request: HttpRequest, toegang: Toegang, actie: Actie) -> HttpResponse:
    """The beheerder edits every field; the chair of its werkgroep only the practical ones."""
    form_klasse = ActieForm if toegang.mag.beheer else ActiePraktischForm
    form = form_klasse(request.POST or None, instance=actie, agenda=toegang.agenda)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        versie = data.pop("versie", None) or 0
        m2m: dict[str, Any] = {v: data.pop(v) for v in ("regie", "partners") if v in data}
        try:
            services.actie_bewerk(
                actie=actie, door=request.user, versie=versie, velden=data, m2m=m2m
            )
        except services.VersieConflict as fout:
            conflict = fout
            actie.refresh_from_db()
            invoer = request.POST.copy()
            invoer["versie"] = str(actie.versie)  # a conscious second save may overwrite
            form.data = invoer
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, "De wijzigingen zijn opgeslagen.")
            return redirect("actie_detail", toegang.agenda.slug, actie.pk)
    context = toegang.context(actie=actie, form=form, conflict=conflict)
    return render(request, "werkgroepen/actie_form.html", context, status=409 if conflict else 200)


@agenda_view(Recht.BEHEER, actie_haal, methoden=POST_METHODEN)
def actie_archiveren(request: HttpRequest, toegang: Toegang, actie: Actie) -> HttpResponse:
    terugzetten = request.POST.get("terugzetten") == "1"
    services.actie_archiveer(actie=actie, door=request.user, gearchiveerd=not terugzetten)
    if terugzetten:
        messages.success(request, f"‘{actie.titel}’ staat weer in de agenda.")
    else:
        messages.success(request, f"‘{actie.titel}’ is gearchiveerd (niet verwijderd).")
    return redirect("actie_detail", toegang.agenda.slug, actie.pk)


@agenda_view(Recht.VOORTGANG, actie_haal, methoden=FORMULIER_METHODEN)
def actie_voortgang(request: HttpRequest, toegang: Toegang, actie: Actie) -> HttpResponse:
    form = VoortgangForm(request.POST or None, actie=actie)
    if request.method == "POST" and form.is_valid():
        try:
            voortgang = voortgang_bewaar(request, actie, form)
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, "De voortgang is geregistreerd.")
            if melding_wacht(voortgang):
                messages.info(request, MELDING_VOLGT)
            terug = request.POST.get("terug", "")
            if not url_has_allowed_host_and_scheme(terug, allowed_hosts={request.get_host()}):
                terug = reverse("actie_detail", args=[toegang.agenda.slug, actie.pk])
            return redirect(terug)
    context = toegang.context(actie=actie, form=form, terug=request.GET.get("terug", ""))
    return render(request, "werkgroepen/voortgang_form.html", context)


@agenda_view(Recht.BEHEER, actie_haal, methoden=POST_METHODEN)
def actie_voortgang_openbaar(request: HttpRequest, toegang: Toegang, actie: Actie) -> HttpResponse:
    """The beheerder marks one update of this action public or not, with its public wording
    (the update is named by `voortgang` in the form)."""
    terug = reverse("actie_detail", args=[toegang.agenda.slug, actie.pk])
    pk = request.POST.get("voortgang", "")
    voortgang = actie.voortgang.filter(pk=int(pk)).first() if pk.isdigit() else None
    if voortgang is None:
        messages.error(request, "Niets gewijzigd: deze voortgang hoort niet bij deze actie.")
        return redirect(terug + "#kop-tijdlijn")
    openbaar = request.POST.get("openbaar") == "1"
    try:
        voortgang_openbaar_zet(
            voortgang=voortgang,
            door=request.user,
            openbaar=openbaar,
            openbare_tekst=request.POST.get("openbare_tekst", ""),
        )
    except ValidationError as fout:
        messages.error(request, f"Niets gewijzigd: {' '.join(fout.messages)}")
    else:
        staat = "openbaar" if openbaar else "niet openbaar"
        messages.success(request, f"De voortgang van {voortgang.datum:%d-%m-%Y} is {staat}.")
    return redirect(terug + f"#voortgang-{voortgang.pk}")


@agenda_view(Recht.OPMERKEN, actie_haal, methoden=POST_METHODEN)
def actie_opmerking(request: HttpRequest, toegang: Toegang, actie: Actie) -> HttpResponse:
    form = OpmerkingForm(request.POST)
    if form.is_valid():
        services.opmerking_plaats(actie=actie, door=request.user, tekst=form.cleaned_data["tekst"])
        messages.success(request, "Uw opmerking is geplaatst.")
    else:
        for fout in form.errors.get("tekst", []):
            messages.error(request, f"Opmerking niet geplaatst: {fout}")
    return redirect(reverse("actie_detail", args=[toegang.agenda.slug, actie.pk]) + "#opmerkingen")


@agenda_view(Recht.BEHEER, methoden=POST_METHODEN)
def acties_bulk(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    agenda = toegang.agenda
    form = BulkForm(request.POST, agenda=agenda)
    terug = reverse("actie_lijst", args=[agenda.slug])
    if request.POST.get("terug", "").startswith(terug):
        terug = request.POST["terug"]
    if not form.is_valid():
        for fouten in form.errors.values():
            for fout in fouten:
                messages.error(request, f"Niets gewijzigd: {fout}")
        return redirect(terug)
    regie = form.cleaned_data["regie"]
    try:
        aantal = services.acties_bulkwijzig(
            acties=list(form.cleaned_data["acties"]),
            door=request.user,
            status=form.cleaned_data["status"],
            werkgroep=form.cleaned_data["werkgroep"],
            regie=[regie] if regie else None,
        )
    except ValidationError as fout:
        messages.error(request, f"Niets gewijzigd: {' '.join(fout.messages)}")
        return redirect(terug)
    messages.success(request, f"{aantal} {agenda.actie_meervoud.lower()} gewijzigd.")
    return redirect(terug)
