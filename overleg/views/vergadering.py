"""A meeting: its agenda (built from proposals), papers, attendance, minutes, decisions."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from lea.paginacache import pagina
from lea.services import wacht_op_wachtrij
from lea.toegang import (
    FORMULIER_METHODEN,
    POST_METHODEN,
    Recht,
    Toegang,
    agenda_view,
)
from overleg import services
from overleg.forms import (
    AanwezigheidForm,
    ActiepuntForm,
    ActiepuntStatusForm,
    ActieVanActiepuntForm,
    AfwijzenForm,
    AgendapuntForm,
    BesluitForm,
    NotulenForm,
    StukForm,
    VergaderingForm,
    keuzelijsten,
)
from overleg.models import (
    Actiepunt,
    ActiepuntStatus,
    Agendapunt,
    Besluit,
    PuntStatus,
    Vergadering,
)
from overleg.selectors import voorstellen_uit_gegevens
from overleg.selectors_geschiedenis import vergadering_geschiedenis, verzendstand
from overleg.services.cyclus import agenda_opnieuw_verstuur_vraag, agenda_verstuur_vraag
from overleg.services.vergaderingen import besluit_openbaar_zet
from overleg.toegang import vergadering_haal
from werkgroepen.views.werkgroep import HtmxHttpRequest

KOPPELINGEN = ("onderwerpen", "knopen", "acties")


def _terug(vergadering: Vergadering, anker: str = "") -> str:
    url = reverse("vergadering_detail", args=[vergadering.orgaan.agenda.slug, vergadering.pk])
    return url + (f"#{anker}" if anker else "")


def _fouten(request: HttpRequest, form: forms.BaseForm) -> None:
    for veld, fouten in form.errors.items():
        label = form.fields[veld].label if veld in form.fields else ""
        for fout in fouten:
            messages.error(request, f"Niet opgeslagen: {label + ': ' if label else ''}{fout}")


def _punt(vergadering: Vergadering, punt_pk: int) -> Agendapunt:
    return get_object_or_404(Agendapunt, pk=punt_pk, vergadering=vergadering)


def _actiepunt(vergadering: Vergadering, ap_pk: int) -> Actiepunt:
    return get_object_or_404(Actiepunt, pk=ap_pk, agendapunt__vergadering=vergadering)


@agenda_view(Recht.LEZEN, vergadering_haal)
def vergadering_detail(
    request: HttpRequest, toegang: Toegang, vergadering: Vergadering
) -> HttpResponse:
    agenda = toegang.agenda

    def maak() -> dict[str, object]:
        punten = list(
            vergadering.punten.prefetch_related(
                "onderwerpen",
                "acties",
                "besluiten",
                Prefetch("actiepunten", Actiepunt.objects.select_related("eigenaar", "actie")),
            ).select_related("voorgesteld_door")
        )
        voorgesteld = [p for p in punten if p.status == PuntStatus.VOORGESTELD]
        aanwezigheid = list(vergadering.aanwezigheid.select_related("persoon"))
        # Every form of the page offers the same lists: read each once.
        lijsten = keuzelijsten(agenda, werkgroepen=toegang.mag.secretariaat)
        context: dict[str, Any] = {
            "vergadering": vergadering,
            "punten": [p for p in punten if p.status == PuntStatus.GEACCEPTEERD],
            "afgewezen": [p for p in punten if p.status == PuntStatus.AFGEWEZEN],
            "mijn_voorstellen": voorgesteld,
            "stukken": vergadering.stukken.all(),
            "aanwezigheid": aanwezigheid,
            "voorstel_form": AgendapuntForm(agenda=agenda, prefix="voorstel", lijsten=lijsten),
            "verzending": verzendstand(vergadering),
        }
        if toegang.mag.secretariaat:
            if request.GET.get("bouwer") == "1":  # without JavaScript; with it, vergadering_bouwer
                context["bouwer"] = voorstellen_uit_gegevens(vergadering, voorgesteld=voorgesteld)
            context.update(
                punt_form=AgendapuntForm(agenda=agenda, prefix="punt", lijsten=lijsten),
                stuk_form=StukForm(),
                leden=vergadering.orgaan.leden.filter(gearchiveerd=False).select_related("persoon"),
                personen=list(agenda.personen.all()),
                aanwezig={a.persoon_id for a in aanwezigheid if a.aanwezig},
                afgemeld={a.persoon_id for a in aanwezigheid if a.afgemeld and not a.aanwezig},
                actie_form=ActieVanActiepuntForm(agenda=agenda, lijsten=lijsten),
                actiepunt_statussen=ActiepuntStatus.choices,
            )
        return context

    return pagina(
        request,
        toegang,
        "overleg/vergadering.html",
        "overleg/_vergadering_inhoud.html",
        maak,
        per_login=True,  # the login's own proposals
        vergadering=vergadering,
    )


@agenda_view(Recht.SECRETARIAAT, vergadering_haal)
def vergadering_bouwer(
    request: HtmxHttpRequest, toegang: Toegang, vergadering: Vergadering
) -> HttpResponse:
    """The agenda builder's proposals, loaded by htmx when the section comes into view, so the
    meeting page itself reads less; without htmx, the meeting page with them (`?bouwer=1`)."""
    if not request.htmx:
        url = reverse("vergadering_detail", args=[toegang.agenda.slug, vergadering.pk])
        return redirect(f"{url}?bouwer=1#kop-bouwer")
    context = toegang.context(vergadering=vergadering, bouwer=voorstellen_uit_gegevens(vergadering))
    return render(request, "overleg/_bouwer.html", context)


@agenda_view(Recht.SECRETARIAAT, vergadering_haal, methoden=FORMULIER_METHODEN)
def vergadering_wijzigen(
    request: HttpRequest, toegang: Toegang, vergadering: Vergadering
) -> HttpResponse:
    form = VergaderingForm(request.POST or None, instance=vergadering)
    if request.method == "POST" and form.is_valid():
        services.vergadering_wijzig(vergadering=vergadering, velden=form.cleaned_data)
        messages.success(request, "De vergadering is bijgewerkt.")
        return redirect(_terug(vergadering))
    context = toegang.context(vergadering=vergadering, form=form)
    return render(request, "overleg/vergadering_form.html", context)


@agenda_view(Recht.VOORSTELLEN, vergadering_haal, methoden=POST_METHODEN)
def agendapunt_voorstellen(
    request: HttpRequest, toegang: Toegang, vergadering: Vergadering
) -> HttpResponse:
    form = AgendapuntForm(request.POST, agenda=toegang.agenda, prefix="voorstel")
    if form.is_valid():
        data = dict(form.cleaned_data)
        koppelingen = {k: data.pop(k) for k in KOPPELINGEN}
        try:
            services.agendapunt_stel_voor(
                vergadering=vergadering, door=request.user, velden=data, **koppelingen
            )
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        else:
            messages.success(request, "Uw voorstel is ingediend; de secretaris beoordeelt het.")
    else:
        _fouten(request, form)
    return redirect(_terug(vergadering, "voorstellen"))


@agenda_view(Recht.SECRETARIAAT, vergadering_haal, methoden=POST_METHODEN)
def agenda_samenstellen(
    request: HttpRequest, toegang: Toegang, vergadering: Vergadering
) -> HttpResponse:
    """The agenda builder: put the chosen proposals from the data on the agenda."""
    gekozen = services.agenda_stel_samen(
        vergadering=vergadering,
        door=request.user,
        acties=request.POST.getlist("actie"),
        voorstellen=request.POST.getlist("voorstel"),
        onderwerpen=request.POST.getlist("onderwerp"),
        actiepunten=request.POST.getlist("actiepunt"),
    )
    if gekozen:
        messages.success(request, f"{gekozen} punt(en) op de agenda gezet.")
    else:
        messages.error(request, "Kies eerst een of meer voorstellen.")
    return redirect(_terug(vergadering, "agenda"))


@agenda_view(Recht.SECRETARIAAT, vergadering_haal, methoden=POST_METHODEN)
def agendapunt_toevoegen(
    request: HttpRequest, toegang: Toegang, vergadering: Vergadering
) -> HttpResponse:
    form = AgendapuntForm(request.POST, agenda=toegang.agenda, prefix="punt")
    if form.is_valid():
        data = dict(form.cleaned_data)
        koppelingen = {k: data.pop(k) for k in KOPPELINGEN}
        services.agendapunt_voeg_toe(
            vergadering=vergadering, door=request.user, velden=data, **koppelingen
        )
        messages.success(request, f"‘{data['titel']}’ staat op de agenda.")
    else:
        _fouten(request, form)
    return redirect(_terug(vergadering, "agenda"))


@agenda_view(Recht.SECRETARIAAT, vergadering_haal, methoden=POST_METHODEN)
def agendapunt_beoordelen(
    request: HttpRequest, toegang: Toegang, vergadering: Vergadering, punt_pk: int
) -> HttpResponse:
    punt = _punt(vergadering, punt_pk)
    if request.POST.get("besluit") == "accepteren":
        services.agendapunt_beoordeel(punt=punt, accepteer=True)
        messages.success(request, f"‘{punt.titel}’ staat op de agenda.")
    else:
        form = AfwijzenForm(request.POST)
        if form.is_valid():
            services.agendapunt_beoordeel(
                punt=punt, accepteer=False, reden=form.cleaned_data["reden"]
            )
            messages.success(request, f"‘{punt.titel}’ is afgewezen.")
        else:
            _fouten(request, form)
    return redirect(_terug(vergadering, "voorstellen"))


@agenda_view(Recht.SECRETARIAAT, vergadering_haal, methoden=POST_METHODEN)
def agendapunt_verplaatsen(
    request: HttpRequest, toegang: Toegang, vergadering: Vergadering, punt_pk: int
) -> HttpResponse:
    richting = -1 if request.POST.get("richting") == "omhoog" else 1
    services.agendapunt_verplaats(punt=_punt(vergadering, punt_pk), richting=richting)
    return redirect(_terug(vergadering, "agenda"))


@agenda_view(Recht.SECRETARIAAT, vergadering_haal, methoden=POST_METHODEN)
def agendapunt_verslag(
    request: HttpRequest, toegang: Toegang, vergadering: Vergadering, punt_pk: int
) -> HttpResponse:
    """Minutes, a decision or an action point on an item (`wat` says which)."""
    punt = _punt(vergadering, punt_pk)
    wat = request.POST.get("wat")
    form: forms.BaseForm
    if wat == "actiepunt":
        form = ActiepuntForm(request.POST, agenda=toegang.agenda)
    elif wat == "notulen":
        form = NotulenForm(request.POST)
    elif wat == "besluit":
        form = BesluitForm(request.POST)
    else:
        messages.error(request, "Niets opgeslagen: kies notulen, een besluit of een actiepunt.")
        return redirect(_terug(vergadering, f"punt-{punt.pk}"))
    if not form.is_valid():
        _fouten(request, form)
    elif wat == "notulen":
        services.notulen_vastleg(punt=punt, notulen=form.cleaned_data["notulen"])
        messages.success(request, "De notulen zijn opgeslagen.")
    elif wat == "besluit":
        services.besluit_vastleg(punt=punt, tekst=form.cleaned_data["tekst"])
        messages.success(request, "Het besluit is vastgelegd.")
    else:
        services.actiepunt_vastleg(punt=punt, **form.cleaned_data)
        messages.success(request, "Het actiepunt is vastgelegd.")
    return redirect(_terug(vergadering, f"punt-{punt.pk}"))


@agenda_view(Recht.SECRETARIAAT, vergadering_haal, methoden=POST_METHODEN)
def besluit_openbaar(
    request: HttpRequest, toegang: Toegang, vergadering: Vergadering
) -> HttpResponse:
    """A decision of this meeting (`besluit` in the form) public or not (`openbaar` = 1 or 0)."""
    pk = request.POST.get("besluit", "")
    besluiten = Besluit.objects.filter(agendapunt__vergadering=vergadering)
    besluit = besluiten.filter(pk=int(pk)).first() if pk.isdigit() else None
    if besluit is None:
        messages.error(request, "Niets gewijzigd: dit besluit hoort niet bij deze vergadering.")
        return redirect(_terug(vergadering, "agenda"))
    openbaar = request.POST.get("openbaar") == "1"
    besluit_openbaar_zet(besluit=besluit, openbaar=openbaar, door=request.user)
    messages.success(request, f"Het besluit is {'openbaar' if openbaar else 'niet meer openbaar'}.")
    return redirect(_terug(vergadering, f"punt-{besluit.agendapunt_id}"))


@agenda_view(Recht.SECRETARIAAT, vergadering_haal, methoden=POST_METHODEN)
def actiepunt_status_wijzig(
    request: HttpRequest, toegang: Toegang, vergadering: Vergadering, ap_pk: int
) -> HttpResponse:
    actiepunt = _actiepunt(vergadering, ap_pk)
    form = ActiepuntStatusForm(request.POST)
    if form.is_valid():
        services.actiepunt_status(actiepunt=actiepunt, status=form.cleaned_data["status"])
    else:
        _fouten(request, form)
    return redirect(_terug(vergadering, f"punt-{actiepunt.agendapunt_id}"))


@agenda_view(Recht.BEHEER, vergadering_haal, methoden=POST_METHODEN)
def actiepunt_actie_maken(
    request: HttpRequest, toegang: Toegang, vergadering: Vergadering, ap_pk: int
) -> HttpResponse:
    """Turn an action point into an action of the agenda (beheerder)."""
    agenda = toegang.agenda
    actiepunt = _actiepunt(vergadering, ap_pk)
    form = ActieVanActiepuntForm(request.POST, agenda=agenda)
    if not form.is_valid():
        _fouten(request, form)
        return redirect(_terug(vergadering, f"punt-{actiepunt.agendapunt_id}"))
    try:
        actie = services.actiepunt_naar_actie(
            actiepunt=actiepunt, door=request.user, **form.cleaned_data
        )
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        return redirect(_terug(vergadering, f"punt-{actiepunt.agendapunt_id}"))
    messages.success(
        request, f"Van het actiepunt is {agenda.actie_naam.lower()} ‘{actie}’ gemaakt."
    )
    return redirect("actie_detail", agenda.slug, actie.pk)


@agenda_view(Recht.SECRETARIAAT, vergadering_haal, methoden=POST_METHODEN)
def aanwezigheid_vastleggen(
    request: HttpRequest, toegang: Toegang, vergadering: Vergadering
) -> HttpResponse:
    personen = toegang.agenda.personen.filter(
        lidmaatschappen__orgaan=vergadering.orgaan, lidmaatschappen__gearchiveerd=False
    )
    form = AanwezigheidForm(request.POST, personen=personen)
    if form.is_valid():
        services.aanwezigheid_vastleg(
            vergadering=vergadering, door=request.user, **form.cleaned_data
        )
        messages.success(request, "De aanwezigheid is opgeslagen.")
    else:
        _fouten(request, form)
    return redirect(_terug(vergadering, "aanwezigheid"))


def _verstuurd_melding(request: HttpRequest, opdracht: Any, tekst: str) -> None:
    if wacht_op_wachtrij(opdracht):
        tekst = (
            "Opgeslagen. De agenda wordt verstuurd zodra de wachtrij weer bereikbaar is; "
            "u hoeft niets opnieuw te doen."
        )
    messages.success(request, tekst)


@agenda_view(Recht.SECRETARIAAT, vergadering_haal, methoden=POST_METHODEN)
def agenda_versturen(
    request: HttpRequest, toegang: Toegang, vergadering: Vergadering
) -> HttpResponse:
    try:
        opdracht = agenda_verstuur_vraag(vergadering=vergadering, door=request.user)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    else:
        _verstuurd_melding(
            request,
            opdracht,
            "De agenda wordt verstuurd naar de leden (met pdf en agenda-uitnodiging).",
        )
    return redirect(_terug(vergadering))


@agenda_view(Recht.SECRETARIAAT, vergadering_haal, methoden=POST_METHODEN)
def agenda_opnieuw_versturen(
    request: HttpRequest, toegang: Toegang, vergadering: Vergadering
) -> HttpResponse:
    """A changed agenda, sent again deliberately with the reason in the mail."""
    try:
        opdracht = agenda_opnieuw_verstuur_vraag(
            vergadering=vergadering, reden=request.POST.get("reden", ""), door=request.user
        )
    except ValidationError as fout:
        messages.error(request, "Niet verstuurd: " + " ".join(fout.messages))
    else:
        _verstuurd_melding(
            request, opdracht, "De gewijzigde agenda wordt opnieuw verstuurd naar de leden."
        )
    return redirect(_terug(vergadering))


@agenda_view(Recht.LEZEN, vergadering_haal)
def vergadering_geschiedenis_view(
    request: HttpRequest, toegang: Toegang, vergadering: Vergadering
) -> HttpResponse:
    """The meeting's latest changes, on a page of their own: the meeting page stays small."""
    context = toegang.context(
        vergadering=vergadering, geschiedenis=vergadering_geschiedenis(vergadering)
    )
    return render(request, "overleg/vergadering_geschiedenis.html", context)
