"""Bodies of an agenda and their meetings, and the calendar-feed addresses (shown and renewed);
creating, editing and archiving a body and its members (beheerder)."""

import datetime
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from lea.models import Persoon
from lea.paginacache import pagina
from lea.services import persoon_ics_vernieuw
from lea.toegang import FORMULIER_METHODEN, POST_METHODEN, Recht, Toegang, agenda_view
from overleg import services
from overleg.forms import NieuwOrgaanForm, OrgaanForm, OrgaanlidForm
from overleg.models import Orgaanlid, Overlegorgaan
from overleg.selectors import orgaan_geschiedenis, organen_met_volgende
from overleg.selectors_geschiedenis import met_verzendfase
from overleg.services import orgaan_ics_vernieuw
from overleg.toegang import orgaan_haal, orgaanlid_haal


def _feed(naam: str, token: object) -> str:
    """A feed's address: always from the configured base address, never from the request."""
    return settings.LEA_BASIS_URL + reverse(naam, args=[token])


def _mijn_persoon(toegang: Toegang) -> Persoon | None:
    return toegang.agenda.personen.filter(gebruiker=toegang.gebruiker).first()


@agenda_view(Recht.LEZEN)
def overleg_lijst(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    """The agenda's bodies; archived ones only with "Toon gearchiveerde"."""
    gearchiveerd = request.GET.get("gearchiveerd") == "1"

    def context() -> dict[str, object]:
        organen = organen_met_volgende(toegang.agenda, nu=timezone.now(), gearchiveerd=gearchiveerd)
        met_verzendfase(volgende for _, volgende in organen if volgende is not None)
        persoon = _mijn_persoon(toegang)
        mijn_feed = _feed("persoon_ics", persoon.ics_token) if persoon is not None else ""
        return {
            "organen": organen,
            "mijn_feed": mijn_feed,
            "toon_gearchiveerd": gearchiveerd,
            "heeft_gearchiveerde": Overlegorgaan.objects.filter(
                agenda=toegang.agenda, gearchiveerd=True
            ).exists(),
        }

    def geldig_tot(context: dict[str, Any]) -> datetime.datetime | None:
        """Until the first of the next meetings begins: then another one is next."""
        begin = [volgende.begin for _, volgende in context["organen"] if volgende is not None]
        return min(begin, default=None)

    return pagina(
        request,
        toegang,
        "overleg/lijst.html",
        "overleg/_lijst_inhoud.html",
        context,
        geldig_tot=geldig_tot,
        per_login=True,  # the login's own calendar feed
    )


@agenda_view(Recht.LEZEN, methoden=POST_METHODEN)
def mijn_feed_vernieuwen(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    """A new address for the person's own feed; the old one stops working."""
    persoon = _mijn_persoon(toegang)
    if persoon is None:
        messages.error(request, "U staat niet als persoon in deze agenda; u heeft geen eigen feed.")
    else:
        persoon_ics_vernieuw(persoon=persoon, door=request.user)
        messages.success(
            request,
            "Uw agenda-abonnement heeft een nieuw adres; het oude werkt niet meer. Zet het "
            "nieuwe adres in je eigen agenda.",
        )
    return redirect("overleg_lijst", toegang.agenda.slug)


@agenda_view(Recht.LEZEN, orgaan_haal)
def orgaan_detail(request: HttpRequest, toegang: Toegang, orgaan: Overlegorgaan) -> HttpResponse:
    nu = timezone.now()
    vergaderingen = orgaan.vergaderingen.all()
    context = toegang.context(
        orgaan=orgaan,
        leden=orgaan.leden.filter(gearchiveerd=False).select_related("persoon", "organisatie"),
        oud_leden=orgaan.leden.filter(gearchiveerd=True).select_related("persoon"),
        komend=met_verzendfase(vergaderingen.filter(begin__gte=nu).order_by("begin")),
        eerder=met_verzendfase(vergaderingen.filter(begin__lt=nu).order_by("-begin")),
        feed=_feed("orgaan_ics", orgaan.ics_token),
        geschiedenis=orgaan_geschiedenis(orgaan),
    )
    return render(request, "overleg/orgaan.html", context)


@agenda_view(Recht.SECRETARIAAT, orgaan_haal, methoden=POST_METHODEN)
def orgaan_feed_vernieuwen(
    request: HttpRequest, toegang: Toegang, orgaan: Overlegorgaan
) -> HttpResponse:
    """A new address for the body's feed (beheerder or the body's secretary)."""
    orgaan_ics_vernieuw(orgaan=orgaan, door=request.user)
    messages.success(
        request,
        "Het agenda-abonnement van dit overleg heeft een nieuw adres; het oude werkt niet meer.",
    )
    return redirect("orgaan_detail", toegang.agenda.slug, orgaan.pk)


# --- creating and editing a body and its members (beheerder) ------------------------------------


def _velden(form: OrgaanForm) -> dict[str, Any]:
    return {naam: form.cleaned_data[naam] for naam in services.ORGAAN_VELDEN}


@agenda_view(Recht.BEHEER, methoden=FORMULIER_METHODEN)
def orgaan_nieuw(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    agenda = toegang.agenda
    form = NieuwOrgaanForm(request.POST or None, agenda=agenda)
    if request.method == "POST" and form.is_valid():
        try:
            orgaan = services.orgaan_maak(
                agenda=agenda,
                door=request.user,
                velden=_velden(form),
                token=form.cleaned_data["eenmalig"],
            )
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            bericht = f"Overlegorgaan ‘{orgaan.naam}’ is aangemaakt."
            if orgaan.vergaderingen_per_jaar:
                bericht += " De planner zet de conceptvergaderingen bij de volgende ronde klaar."
            messages.success(request, bericht)
            return redirect("orgaan_detail", agenda.slug, orgaan.pk)
    return render(request, "overleg/orgaan_form.html", toegang.context(form=form))


@agenda_view(Recht.BEHEER, orgaan_haal, methoden=FORMULIER_METHODEN)
def orgaan_bewerken(request: HttpRequest, toegang: Toegang, orgaan: Overlegorgaan) -> HttpResponse:
    form = OrgaanForm(request.POST or None, instance=orgaan, agenda=toegang.agenda)
    if request.method == "POST" and form.is_valid():
        try:
            services.orgaan_bewerk(orgaan=orgaan, door=request.user, velden=_velden(form))
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, "De wijzigingen zijn opgeslagen.")
            return redirect("orgaan_detail", toegang.agenda.slug, orgaan.pk)
    context = toegang.context(form=form, orgaan=orgaan, geschiedenis=orgaan_geschiedenis(orgaan))
    return render(request, "overleg/orgaan_form.html", context)


@agenda_view(Recht.BEHEER, orgaan_haal, methoden=POST_METHODEN)
def orgaan_archiveren(
    request: HttpRequest, toegang: Toegang, orgaan: Overlegorgaan
) -> HttpResponse:
    terugzetten = request.POST.get("terugzetten") == "1"
    try:
        services.orgaan_archiveer(orgaan=orgaan, door=request.user, gearchiveerd=not terugzetten)
    except ValidationError as fout:
        messages.error(request, f"Niet gearchiveerd: {' '.join(fout.messages)}")
        return redirect("orgaan_bewerken", toegang.agenda.slug, orgaan.pk)
    if terugzetten:
        messages.success(request, f"‘{orgaan.naam}’ staat weer bij de overlegorganen.")
    else:
        messages.success(
            request,
            f"‘{orgaan.naam}’ is gearchiveerd (niet verwijderd); er worden geen nieuwe "
            "vergaderingen meer gepland.",
        )
    return redirect("orgaan_detail", toegang.agenda.slug, orgaan.pk)


def _lid_velden(form: OrgaanlidForm) -> dict[str, Any]:
    return {naam: form.cleaned_data[naam] for naam in services.LID_VELDEN if naam in form.fields}


@agenda_view(Recht.BEHEER, orgaan_haal, methoden=FORMULIER_METHODEN)
def orgaanlid_nieuw(request: HttpRequest, toegang: Toegang, orgaan: Overlegorgaan) -> HttpResponse:
    form = OrgaanlidForm(request.POST or None, orgaan=orgaan)
    if request.method == "POST" and form.is_valid():
        try:
            lid = services.orgaanlid_voeg_toe(
                orgaan=orgaan,
                persoon=form.cleaned_data["persoon"],
                door=request.user,
                velden={**_lid_velden(form), "organisatie": form.cleaned_data["organisatie"]},
            )
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, f"{lid.persoon} is lid van {orgaan.naam}.")
            return redirect("orgaan_detail", toegang.agenda.slug, orgaan.pk)
    context = toegang.context(form=form, orgaan=orgaan)
    return render(request, "overleg/orgaanlid_form.html", context)


@agenda_view(Recht.BEHEER, orgaanlid_haal, methoden=FORMULIER_METHODEN)
def orgaanlid_bewerken(request: HttpRequest, toegang: Toegang, lid: Orgaanlid) -> HttpResponse:
    orgaan = lid.orgaan
    form = OrgaanlidForm(request.POST or None, instance=lid, orgaan=orgaan)
    if request.method == "POST" and form.is_valid():
        try:
            services.orgaanlid_bewerk(lid=lid, door=request.user, velden=_lid_velden(form))
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            if lid.gearchiveerd:
                messages.success(
                    request, f"Het lidmaatschap van {lid.persoon} is beëindigd (niet verwijderd)."
                )
            else:
                messages.success(request, "De wijzigingen zijn opgeslagen.")
            return redirect("orgaan_detail", toegang.agenda.slug, orgaan.pk)
    context = toegang.context(form=form, orgaan=orgaan, lid=lid)
    return render(request, "overleg/orgaanlid_form.html", context)
