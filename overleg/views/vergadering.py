"""A meeting: its agenda (built from proposals), papers, attendance, minutes, decisions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from lea.toegang import (
    Recht,
    agenda_view,
    agenda_voor_beheer,
    vergadering_voor_lezen,
    vergadering_voor_secretariaat,
)
from overleg import services
from overleg.forms import (
    ActiepuntForm,
    ActiepuntStatusForm,
    ActieVanActiepuntForm,
    AfwijzenForm,
    AgendapuntForm,
    BesluitForm,
    NotulenForm,
    StukForm,
    VergaderingForm,
)
from overleg.models import Actiepunt, ActiepuntStatus, Agendapunt, PuntStatus
from overleg.pdf import agenda_pdf, verslag_pdf
from overleg.selectors import voorstellen_uit_gegevens
from overleg.tasks import agenda_verstuur


def _terug(vergadering, anker: str = "") -> str:
    url = reverse("vergadering_detail", args=[vergadering.orgaan.agenda.slug, vergadering.pk])
    return url + (f"#{anker}" if anker else "")


def _fouten(request, form) -> None:
    for veld, fouten in form.errors.items():
        label = form.fields[veld].label if veld in form.fields else ""
        for fout in fouten:
            messages.error(request, f"Niet opgeslagen: {label + ': ' if label else ''}{fout}")


@agenda_view(Recht.LEZEN)
def vergadering_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    vergadering = vergadering_voor_lezen(request, slug, pk)
    agenda = vergadering.orgaan.agenda
    punten = vergadering.punten.prefetch_related(
        "onderwerpen",
        "acties",
        "knopen",
        "besluiten",
        "actiepunten__eigenaar",
        "actiepunten__actie",
    ).select_related("voorgesteld_door")
    context = {
        "agenda": agenda,
        "vergadering": vergadering,
        "punten": [p for p in punten if p.status == PuntStatus.GEACCEPTEERD],
        "afgewezen": [p for p in punten if p.status == PuntStatus.AFGEWEZEN],
        "mijn_voorstellen": [p for p in punten if p.status == PuntStatus.VOORGESTELD],
        "stukken": vergadering.stukken.all(),
        "aanwezigheid": vergadering.aanwezigheid.select_related("persoon"),
        "voorstel_form": AgendapuntForm(agenda=agenda, prefix="voorstel"),
    }
    if vergadering.mag_bewerken:
        context.update(
            bouwer=voorstellen_uit_gegevens(vergadering),
            punt_form=AgendapuntForm(agenda=agenda, prefix="punt"),
            stuk_form=StukForm(),
            leden=vergadering.orgaan.leden.select_related("persoon"),
            aanwezig={a.persoon_id for a in context["aanwezigheid"] if a.aanwezig},
            afgemeld={a.persoon_id for a in context["aanwezigheid"] if not a.aanwezig},
            actiepunt_form=ActiepuntForm(agenda=agenda),
            actie_form=ActieVanActiepuntForm(agenda=agenda),
            actiepunt_statussen=ActiepuntStatus.choices,
        )
    return render(request, "overleg/vergadering.html", context)


@agenda_view(Recht.SECRETARIAAT)
def vergadering_wijzig(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    vergadering = vergadering_voor_secretariaat(request, slug, pk)
    form = VergaderingForm(request.POST or None, instance=vergadering)
    if request.method == "POST" and form.is_valid():
        services.vergadering_wijzig(vergadering=vergadering, velden=form.cleaned_data)
        messages.success(request, "De vergadering is bijgewerkt.")
        return redirect(_terug(vergadering))
    context = {"agenda": vergadering.orgaan.agenda, "vergadering": vergadering, "form": form}
    return render(request, "overleg/vergadering_form.html", context)


@agenda_view(Recht.VOORSTELLEN)
@require_POST
def agendapunt_voorstellen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    vergadering = vergadering_voor_lezen(request, slug, pk)
    form = AgendapuntForm(request.POST, agenda=vergadering.orgaan.agenda, prefix="voorstel")
    if form.is_valid():
        data = dict(form.cleaned_data)
        koppelingen = {k: data.pop(k) for k in ("onderwerpen", "knopen", "acties")}
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


@agenda_view(Recht.SECRETARIAAT)
@require_POST
def agenda_samenstellen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The agenda builder: put the chosen proposals from the data on the agenda."""
    vergadering = vergadering_voor_secretariaat(request, slug, pk)
    agenda = vergadering.orgaan.agenda
    voorstellen = voorstellen_uit_gegevens(vergadering)
    gekozen = 0
    with transaction.atomic():
        for actie in voorstellen["acties"]:
            if str(actie.pk) in request.POST.getlist("actie"):
                reden = "rood" if "rood" in (actie.rag_tijd, actie.rag_geld) else "te laat"
                services.agendapunt_voeg_toe(
                    vergadering=vergadering,
                    door=request.user,
                    acties=[actie],
                    velden={
                        "titel": f"{agenda.actie_naam} {actie.code} {actie.titel}"[:300],
                        "soort": "bespreking",
                        "toelichting": f"Voorgesteld omdat de actie {reden} is.",
                    },
                )
                gekozen += 1
        for punt in voorstellen["voorgesteld"]:
            if str(punt.pk) in request.POST.getlist("voorstel"):
                services.agendapunt_beoordeel(punt=punt, accepteer=True)
                gekozen += 1
        for onderwerp in voorstellen["onderwerpen"]:
            if str(onderwerp.pk) in request.POST.getlist("onderwerp"):
                services.agendapunt_voeg_toe(
                    vergadering=vergadering,
                    door=request.user,
                    onderwerpen=[onderwerp],
                    velden={
                        "titel": f"Wettelijk overleg: {onderwerp.titel}"[:300],
                        "soort": "besluitvorming",
                        "toelichting": onderwerp.wetsartikel,
                    },
                )
                gekozen += 1
        for actiepunt in voorstellen["actiepunten"]:
            if str(actiepunt.pk) in request.POST.getlist("actiepunt"):
                services.agendapunt_voeg_toe(
                    vergadering=vergadering,
                    door=request.user,
                    actiepunt=actiepunt,
                    velden={
                        "titel": f"Actiepunt: {actiepunt.omschrijving}"[:300],
                        "soort": "bespreking",
                        "toelichting": f"Eigenaar: {actiepunt.wie}",
                    },
                )
                gekozen += 1
    if gekozen:
        messages.success(request, f"{gekozen} punt(en) op de agenda gezet.")
    else:
        messages.error(request, "Kies eerst een of meer voorstellen.")
    return redirect(_terug(vergadering, "agenda"))


@agenda_view(Recht.SECRETARIAAT)
@require_POST
def agendapunt_toevoegen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    vergadering = vergadering_voor_secretariaat(request, slug, pk)
    form = AgendapuntForm(request.POST, agenda=vergadering.orgaan.agenda, prefix="punt")
    if form.is_valid():
        data = dict(form.cleaned_data)
        koppelingen = {k: data.pop(k) for k in ("onderwerpen", "knopen", "acties")}
        services.agendapunt_voeg_toe(
            vergadering=vergadering, door=request.user, velden=data, **koppelingen
        )
        messages.success(request, f"‘{data['titel']}’ staat op de agenda.")
    else:
        _fouten(request, form)
    return redirect(_terug(vergadering, "agenda"))


def _punt(vergadering, punt_pk: int) -> Agendapunt:
    return get_object_or_404(Agendapunt, pk=punt_pk, vergadering=vergadering)


@agenda_view(Recht.SECRETARIAAT)
@require_POST
def agendapunt_beoordelen(request: HttpRequest, slug: str, pk: int, punt_pk: int) -> HttpResponse:
    vergadering = vergadering_voor_secretariaat(request, slug, pk)
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


@agenda_view(Recht.SECRETARIAAT)
@require_POST
def agendapunt_verplaatsen(request: HttpRequest, slug: str, pk: int, punt_pk: int) -> HttpResponse:
    vergadering = vergadering_voor_secretariaat(request, slug, pk)
    richting = -1 if request.POST.get("richting") == "omhoog" else 1
    services.agendapunt_verplaats(punt=_punt(vergadering, punt_pk), richting=richting)
    return redirect(_terug(vergadering, "agenda"))


@agenda_view(Recht.SECRETARIAAT)
@require_POST
def agendapunt_verslag(request: HttpRequest, slug: str, pk: int, punt_pk: int) -> HttpResponse:
    """Minutes, a decision or an action point on an item (`wat` says which)."""
    vergadering = vergadering_voor_secretariaat(request, slug, pk)
    punt = _punt(vergadering, punt_pk)
    wat = request.POST.get("wat")
    klassen = {"notulen": NotulenForm, "besluit": BesluitForm}
    if wat == "actiepunt":
        form = ActiepuntForm(request.POST, agenda=vergadering.orgaan.agenda)
    elif wat in klassen:
        form = klassen[wat](request.POST)
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


@agenda_view(Recht.SECRETARIAAT)
@require_POST
def actiepunt_status(request: HttpRequest, slug: str, pk: int, ap_pk: int) -> HttpResponse:
    vergadering = vergadering_voor_secretariaat(request, slug, pk)
    actiepunt = get_object_or_404(Actiepunt, pk=ap_pk, agendapunt__vergadering=vergadering)
    form = ActiepuntStatusForm(request.POST)
    if form.is_valid():
        services.actiepunt_status(actiepunt=actiepunt, status=form.cleaned_data["status"])
    else:
        _fouten(request, form)
    return redirect(_terug(vergadering, f"punt-{actiepunt.agendapunt_id}"))


@agenda_view(Recht.BEHEER)
@require_POST
def actiepunt_naar_actie(request: HttpRequest, slug: str, pk: int, ap_pk: int) -> HttpResponse:
    """Turn an action point into an action of the agenda (beheerder)."""
    agenda = agenda_voor_beheer(request, slug)
    vergadering = vergadering_voor_lezen(request, slug, pk)
    actiepunt = get_object_or_404(Actiepunt, pk=ap_pk, agendapunt__vergadering=vergadering)
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
    return redirect("actie_detail", slug, actie.pk)


@agenda_view(Recht.SECRETARIAAT)
@require_POST
def aanwezigheid_vastleggen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    from overleg.forms import AanwezigheidForm

    vergadering = vergadering_voor_secretariaat(request, slug, pk)
    personen = vergadering.orgaan.agenda.personen.filter(lidmaatschappen__orgaan=vergadering.orgaan)
    form = AanwezigheidForm(request.POST, personen=personen)
    if form.is_valid():
        services.aanwezigheid_vastleg(vergadering=vergadering, **form.cleaned_data)
        messages.success(request, "De aanwezigheid is opgeslagen.")
    else:
        _fouten(request, form)
    return redirect(_terug(vergadering, "aanwezigheid"))


@agenda_view(Recht.SECRETARIAAT)
@require_POST
def stuk_toevoegen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    vergadering = vergadering_voor_secretariaat(request, slug, pk)
    form = StukForm(request.POST, request.FILES)
    if form.is_valid():
        services.stuk_voeg_toe(vergadering=vergadering, door=request.user, **form.cleaned_data)
        messages.success(request, "Het stuk is toegevoegd.")
    else:
        _fouten(request, form)
    return redirect(_terug(vergadering, "stukken"))


@agenda_view(Recht.LEZEN)
def stuk_downloaden(request: HttpRequest, slug: str, pk: int, stuk_pk: int) -> FileResponse:
    vergadering = vergadering_voor_lezen(request, slug, pk)
    stuk = get_object_or_404(vergadering.stukken, pk=stuk_pk)
    return FileResponse(
        stuk.bestand.open("rb"), as_attachment=True, filename=stuk.bestand.name.rsplit("/", 1)[-1]
    )


@agenda_view(Recht.LEZEN)
def vergadering_pdf(request: HttpRequest, slug: str, pk: int, soort: str) -> HttpResponse:
    vergadering = vergadering_voor_lezen(request, slug, pk)
    maak = {"agenda": agenda_pdf, "verslag": verslag_pdf}.get(soort)
    if maak is None:
        raise Http404
    antwoord = HttpResponse(maak(vergadering), content_type="application/pdf")
    naam = f"{soort}-{vergadering.orgaan.agenda.slug}-{vergadering.begin:%Y-%m-%d}.pdf"
    antwoord["Content-Disposition"] = f'inline; filename="{naam}"'
    return antwoord


@agenda_view(Recht.SECRETARIAAT)
@require_POST
def agenda_versturen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    vergadering = vergadering_voor_secretariaat(request, slug, pk)
    if not vergadering.punten.filter(status=PuntStatus.GEACCEPTEERD).exists():
        messages.error(request, "Zet eerst punten op de agenda.")
    else:
        pk_ = vergadering.pk
        transaction.on_commit(lambda: agenda_verstuur.delay(pk_))
        messages.success(
            request, "De agenda wordt verstuurd naar de leden (met pdf en agenda-uitnodiging)."
        )
    return redirect(_terug(vergadering))
