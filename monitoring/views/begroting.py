"""The budget page (the multi-year budget as printed, begroot against gerealiseerd per year)
and the beheerder's pages for the budget's settings, lines, funding, realisations per quarter
and the thresholds of the money RAG proposal."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from lea.paginacache import pagina
from lea.services import bewaar
from lea.toegang import FORMULIER_METHODEN, POST_METHODEN, Recht, Toegang, agenda_view
from monitoring.forms import (
    WIJZIGINGEN,
    BegrotingForm,
    BegrotingspostForm,
    FinancieringForm,
    GeldregelForm,
    RealisatieForm,
)
from monitoring.models import Begroting, Begrotingspost, Financiering, Geldregel, Realisatie
from monitoring.selectors import begrotingsoverzicht, geldregel_van, realisatie_overzicht
from monitoring.selectors.begroting import begrotingsfinanciering, begrotingsposten
from monitoring.selectors.geschiedenis import (
    geschiedenis_begroting,
    geschiedenis_financiering,
    geschiedenis_post,
    geschiedenis_van,
)
from monitoring.services.begroting import (
    begrotingspost_bewaar,
    financiering_bewaar,
    realisatie_bewaar,
)
from monitoring.services.cijfers import archiveer
from monitoring.toegang import haal_financiering, haal_post, haal_realisatie
from monitoring.views.formulier import formulierpagina, fout_in_form


def _jaar_van(request: HttpRequest, begroting: Begroting) -> int:
    """The year the page compares: ?jaar=, else this year within the budget, else its last."""
    try:
        jaar = int(request.GET.get("jaar", ""))
    except ValueError:
        jaar = timezone.localdate().year
    return min(max(jaar, begroting.eerste_jaar), begroting.laatste_jaar)


@agenda_view(Recht.LEZEN)
def begroting(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    def context() -> dict[str, object]:
        return _begroting_context(request, toegang)

    return pagina(
        request, toegang, "monitoring/begroting.html", "monitoring/_begroting_inhoud.html", context
    )


def _begroting_context(request: HttpRequest, toegang: Toegang) -> dict[str, object]:
    agenda = toegang.agenda
    budget = Begroting.objects.filter(agenda=agenda).first()
    context: dict[str, object] = {"geschiedenis": geschiedenis_begroting(agenda)}
    if budget is not None:
        jaar = _jaar_van(request, budget)
        toon_gearchiveerd = request.GET.get("gearchiveerd") == "1"
        regel = geldregel_van(agenda.pk)
        # The lines and funding are read once, for the overview and the realisations both.
        posten, financiering = begrotingsposten(budget, jaar), begrotingsfinanciering(budget)
        context.update(
            begroting=budget,
            overzicht=begrotingsoverzicht(budget, posten=posten, financiering=financiering),
            jaar=jaar,
            realisatie=realisatie_overzicht(budget, jaar, posten=posten),
            financiering=financiering,
            toon_gearchiveerd=toon_gearchiveerd,
            gearchiveerd=_gearchiveerd(budget, agenda.slug) if toon_gearchiveerd else [],
            geldregel=regel,
            geldregel_form=GeldregelForm(instance=regel, agenda=agenda)
            if toegang.mag.beheer
            else None,
        )
    return context


def _gearchiveerd(budget: Begroting, slug: str) -> list[tuple[str, str]]:
    """The archived lines and funding sources, each with its page (to bring it back)."""
    return [
        (p.naam, reverse("post_bewerken", args=[slug, p.pk]))
        for p in budget.posten.filter(gearchiveerd=True)
    ] + [
        (f"Financiering: {f.naam}", reverse("financiering_bewerken", args=[slug, f.pk]))
        for f in budget.financiering.filter(gearchiveerd=True)
    ]


def _pagina(toegang: Toegang, jaar: int | None = None) -> str:
    url = reverse("begroting", args=[toegang.agenda.slug])
    return f"{url}?jaar={jaar}#kop-realisatie" if jaar else url


def _begroting_of_instellen(request: HttpRequest, toegang: Toegang) -> Begroting | None:
    begroting = Begroting.objects.filter(agenda=toegang.agenda).first()
    if begroting is None:
        messages.info(request, "Stel eerst de begroting in: de jaren en het beginsaldo.")
    return begroting


@agenda_view(Recht.BEHEER, methoden=FORMULIER_METHODEN)
def begroting_instellen(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    bestaand = Begroting.objects.filter(agenda=toegang.agenda).first()
    form = BegrotingForm(request.POST or None, instance=bestaand, agenda=toegang.agenda)
    if request.method == "POST" and form.is_valid():
        try:
            bewaar(form.instance, door=request.user)
        except ValidationError as fout:
            fout_in_form(form, fout)
        else:
            messages.success(request, "De begroting is opgeslagen.")
            return redirect(_pagina(toegang))
    return formulierpagina(
        request,
        toegang,
        kop="Begroting instellen" if bestaand is None else "Begroting: jaren en beginsaldo",
        form=form,
        terug=_pagina(toegang),
    )


@agenda_view(Recht.BEHEER, methoden=POST_METHODEN)
def geldregel(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    bestaand = Geldregel.objects.filter(agenda=toegang.agenda).first()
    form = GeldregelForm(request.POST, instance=bestaand, agenda=toegang.agenda)
    if form.is_valid():
        try:
            bewaar(form.instance, door=request.user)
        except ValidationError as fout:
            fout_in_form(form, fout)
        else:
            messages.success(request, "De grenzen voor het voorstel RAG geld zijn opgeslagen.")
            return redirect(_pagina(toegang) + "#kop-geldregel")
    for fouten in form.errors.values():
        for bericht in fouten:
            messages.error(request, f"Niet opgeslagen: {bericht}")
    return redirect(_pagina(toegang) + "#kop-geldregel")


def _postpagina(
    request: HttpRequest, toegang: Toegang, form: BegrotingspostForm, kop: str, **extra: object
) -> HttpResponse:
    return formulierpagina(
        request,
        toegang,
        kop=kop,
        form=form,
        terug=_pagina(toegang),
        keuzelijst=("wijzigingen", WIJZIGINGEN),
        **extra,
    )


@agenda_view(Recht.BEHEER, methoden=FORMULIER_METHODEN)
def post_nieuw(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    begroting = _begroting_of_instellen(request, toegang)
    if begroting is None:
        return redirect("begroting_instellen", toegang.agenda.slug)
    form = BegrotingspostForm(request.POST or None, begroting=begroting)
    if request.method == "POST" and form.is_valid():
        try:
            post = begrotingspost_bewaar(
                post=form.instance, bedragen=form.bedragen, door=request.user
            )
        except ValidationError as fout:
            fout_in_form(form, fout)
        else:
            messages.success(request, f"Post ‘{post.naam}’ is toegevoegd aan de begroting.")
            return redirect(_pagina(toegang))
    return _postpagina(request, toegang, form, "Nieuwe begrotingspost")


@agenda_view(Recht.BEHEER, haal_post, methoden=FORMULIER_METHODEN)
def post_bewerken(request: HttpRequest, toegang: Toegang, post: Begrotingspost) -> HttpResponse:
    form = BegrotingspostForm(request.POST or None, instance=post, begroting=post.begroting)
    if request.method == "POST" and form.is_valid():
        try:
            begrotingspost_bewaar(post=form.instance, bedragen=form.bedragen, door=request.user)
        except ValidationError as fout:
            fout_in_form(form, fout)
        else:
            messages.success(request, f"Post ‘{post.naam}’ is opgeslagen.")
            return redirect(_pagina(toegang))
    return _postpagina(
        request,
        toegang,
        form,
        f"Post ‘{post.naam}’ bewerken",
        archiveer_url=reverse("post_archiveren", args=[toegang.agenda.slug, post.pk]),
        gearchiveerd=post.gearchiveerd,
        soort_naam="post",
        uitleg="Een gearchiveerde post telt niet meer mee in de begroting en haar totalen.",
        geschiedenis=geschiedenis_post(post),
    )


@agenda_view(Recht.BEHEER, haal_post, methoden=POST_METHODEN)
def post_archiveren(request: HttpRequest, toegang: Toegang, post: Begrotingspost) -> HttpResponse:
    terugzetten = request.POST.get("terugzetten") == "1"
    archiveer(obj=post, gearchiveerd=not terugzetten, door=request.user)
    messages.success(
        request,
        f"Post ‘{post.naam}’ telt weer mee in de begroting."
        if terugzetten
        else f"Post ‘{post.naam}’ is gearchiveerd (niet verwijderd).",
    )
    return redirect(_pagina(toegang))


@agenda_view(Recht.BEHEER, haal_post, methoden=FORMULIER_METHODEN)
def realisatie_nieuw(request: HttpRequest, toegang: Toegang, post: Begrotingspost) -> HttpResponse:
    form = RealisatieForm(request.POST or None, post=post)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            realisatie_bewaar(
                post=post,
                jaar=data["jaar"],
                kwartaal=data["kwartaal"],
                bedrag=data["bedrag"],
                toelichting=data["toelichting"],
                door=request.user,
            )
        except ValidationError as fout:
            fout_in_form(form, fout)
        else:
            messages.success(
                request,
                f"Realisatie kwartaal {data['kwartaal']} {data['jaar']} van ‘{post.naam}’ "
                "is opgeslagen.",
            )
            return redirect(_pagina(toegang, data["jaar"]))
    return formulierpagina(
        request,
        toegang,
        kop=f"Realisatie toevoegen aan ‘{post.naam}’",
        form=form,
        terug=_pagina(toegang),
        uitleg="Het gerealiseerde bedrag van een jaar is de som van de kwartalen.",
    )


@agenda_view(Recht.BEHEER, haal_realisatie, methoden=FORMULIER_METHODEN)
def realisatie_bewerken(
    request: HttpRequest, toegang: Toegang, realisatie: Realisatie
) -> HttpResponse:
    post = realisatie.begrotingsbedrag.post
    jaar = realisatie.begrotingsbedrag.jaar
    form = RealisatieForm(request.POST or None, post=post, realisatie=realisatie)
    if request.method == "POST" and form.is_valid():
        try:
            realisatie_bewaar(
                realisatie=realisatie,
                bedrag=form.cleaned_data["bedrag"],
                toelichting=form.cleaned_data["toelichting"],
                door=request.user,
            )
        except ValidationError as fout:
            fout_in_form(form, fout)
        else:
            messages.success(
                request,
                f"Realisatie kwartaal {realisatie.kwartaal} {jaar} van ‘{post.naam}’ "
                "is opgeslagen.",
            )
            return redirect(_pagina(toegang, jaar))
    return formulierpagina(
        request,
        toegang,
        kop=f"Realisatie kwartaal {realisatie.kwartaal} {jaar} van ‘{post.naam}’",
        form=form,
        terug=_pagina(toegang, jaar),
        geschiedenis=geschiedenis_van(realisatie, f"Realisatie kwartaal {realisatie.kwartaal}"),
    )


@agenda_view(Recht.BEHEER, methoden=FORMULIER_METHODEN)
def financiering_nieuw(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    begroting = _begroting_of_instellen(request, toegang)
    if begroting is None:
        return redirect("begroting_instellen", toegang.agenda.slug)
    form = FinancieringForm(request.POST or None, begroting=begroting)
    if request.method == "POST" and form.is_valid():
        try:
            bron = financiering_bewaar(
                financiering=form.instance, bedragen=form.bedragen, door=request.user
            )
        except ValidationError as fout:
            fout_in_form(form, fout)
        else:
            messages.success(request, f"Financiering ‘{bron.naam}’ is toegevoegd.")
            return redirect(_pagina(toegang))
    return formulierpagina(
        request, toegang, kop="Nieuwe financieringsbron", form=form, terug=_pagina(toegang)
    )


@agenda_view(Recht.BEHEER, haal_financiering, methoden=FORMULIER_METHODEN)
def financiering_bewerken(
    request: HttpRequest, toegang: Toegang, financiering: Financiering
) -> HttpResponse:
    form = FinancieringForm(
        request.POST or None, instance=financiering, begroting=financiering.begroting
    )
    if request.method == "POST" and form.is_valid():
        try:
            financiering_bewaar(
                financiering=form.instance, bedragen=form.bedragen, door=request.user
            )
        except ValidationError as fout:
            fout_in_form(form, fout)
        else:
            messages.success(request, f"Financiering ‘{financiering.naam}’ is opgeslagen.")
            return redirect(_pagina(toegang))
    return formulierpagina(
        request,
        toegang,
        kop=f"Financiering ‘{financiering.naam}’ bewerken",
        form=form,
        terug=_pagina(toegang),
        archiveer_url=reverse(
            "financiering_archiveren", args=[toegang.agenda.slug, financiering.pk]
        ),
        gearchiveerd=financiering.gearchiveerd,
        soort_naam="financieringsbron",
        uitleg="Een gearchiveerde bron telt niet meer mee in de middelen.",
        geschiedenis=geschiedenis_financiering(financiering),
    )


@agenda_view(Recht.BEHEER, haal_financiering, methoden=POST_METHODEN)
def financiering_archiveren(
    request: HttpRequest, toegang: Toegang, financiering: Financiering
) -> HttpResponse:
    terugzetten = request.POST.get("terugzetten") == "1"
    archiveer(obj=financiering, gearchiveerd=not terugzetten, door=request.user)
    messages.success(
        request,
        f"Financiering ‘{financiering.naam}’ telt weer mee."
        if terugzetten
        else f"Financiering ‘{financiering.naam}’ is gearchiveerd (niet verwijderd).",
    )
    return redirect(_pagina(toegang))
