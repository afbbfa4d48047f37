"""The reports page: request a report (a new version each time), follow it, download any
version, retry a failed one; the yearly account's status and its history."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render

from lea.models import AuditSoort
from lea.selectors import wachtrij
from lea.services import wacht_op_wachtrij
from lea.services.audit import audit_vastleg
from lea.toegang import (
    FORMULIER_METHODEN,
    POST_METHODEN,
    Recht,
    Toegang,
    agenda_view,
)
from monitoring.forms import RapportForm, VerantwoordingForm
from monitoring.models import Rapport, RapportStatus, Verantwoording
from monitoring.selectors.geschiedenis import geschiedenis_verantwoordingen
from monitoring.services.aanvragen import (
    rapport_openbaar_zet,
    rapport_vraag_aan,
    rapport_vraag_opnieuw_aan,
)
from monitoring.services.rapporten import rapporten_verlopen_markeer, verantwoording_wijzig
from monitoring.toegang import haal_rapport, haal_verantwoording

WACHTRIJ_NOOT = "zodra de wachtrij weer bereikbaar is"


@agenda_view(Recht.LEZEN, methoden=FORMULIER_METHODEN)
def rapporten(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    agenda = toegang.agenda
    form = RapportForm(request.POST or None, agenda=agenda)
    if request.method == "POST" and form.is_valid():
        try:
            aanvraag = rapport_vraag_aan(
                agenda=agenda,
                soort=form.cleaned_data["soort"],
                jaar=form.cleaned_data["jaar"],
                door=request.user,
                token=form.cleaned_data.get("eenmalig"),
            )
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
            return redirect("rapporten", agenda.slug)
        rapport = aanvraag.rapport
        naam = f"{rapport.get_soort_display()} {rapport.jaar} (versie {rapport.versie})"
        if wacht_op_wachtrij(aanvraag.opdracht):
            messages.warning(request, f"{naam} is aangevraagd en wordt gemaakt {WACHTRIJ_NOOT}.")
        else:
            messages.success(request, f"{naam} wordt gemaakt.")
        return redirect("rapporten", agenda.slug)
    # A report that waited or was in the making too long is shown as failed, with a retry.
    rapporten_verlopen_markeer(agenda=agenda)
    lijst = list(agenda.rapporten.select_related("gemaakt_door")[:50])
    geschiedenis = geschiedenis_verantwoordingen(agenda)
    context = toegang.context(
        form=form,
        lijst=lijst,
        wachtrij_noot=any(r.status == RapportStatus.WACHT for r in lijst)
        and wachtrij(agenda).wachtend > 0,
        verantwoordingen=[
            (v, VerantwoordingForm(instance=v, prefix=f"v{v.pk}"), geschiedenis.get(v.pk, []))
            for v in agenda.verantwoordingen.order_by("-jaar")
        ],
    )
    return render(request, "monitoring/rapporten.html", context)


@agenda_view(Recht.LEZEN, haal_rapport)
def rapport_status(request: HttpRequest, toegang: Toegang, rapport: Rapport) -> HttpResponse:
    """One report's row; htmx polls it while the report is being made."""
    if rapport.verlopen():
        rapporten_verlopen_markeer(agenda=toegang.agenda)
        rapport.refresh_from_db()
    return render(request, "monitoring/_rapport_rij.html", toegang.context(r=rapport))


@agenda_view(Recht.LEZEN, haal_rapport)
def rapport_download(request: HttpRequest, toegang: Toegang, rapport: Rapport) -> HttpResponseBase:
    if rapport.status != RapportStatus.KLAAR or not rapport.bestand:
        messages.error(request, "Dit rapport is (nog) niet klaar.")
        return redirect("rapporten", toegang.agenda.slug)
    audit_vastleg(
        soort=AuditSoort.DOWNLOAD,
        request=request,
        agenda=toegang.agenda,
        omschrijving=rapport.bestandsnaam,
    )
    return FileResponse(
        rapport.bestand.open("rb"),
        as_attachment=True,
        filename=rapport.bestandsnaam,
        content_type="application/pdf",
    )


@agenda_view(Recht.LEZEN, haal_rapport, methoden=POST_METHODEN)
def rapport_opnieuw(request: HttpRequest, toegang: Toegang, rapport: Rapport) -> HttpResponse:
    try:
        opdracht = rapport_vraag_opnieuw_aan(rapport=rapport, door=request.user)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        return redirect("rapporten", toegang.agenda.slug)
    if opdracht is not None and wacht_op_wachtrij(opdracht):
        messages.warning(request, f"Het rapport wordt opnieuw gemaakt {WACHTRIJ_NOOT}.")
    elif opdracht is not None:
        messages.success(request, "Het rapport wordt opnieuw gemaakt.")
    return redirect("rapporten", toegang.agenda.slug)


@agenda_view(Recht.BEHEER, haal_rapport, methoden=POST_METHODEN)
def rapport_openbaar(request: HttpRequest, toegang: Toegang, rapport: Rapport) -> HttpResponse:
    """The beheerder offers a made report in the public view, or no longer (`openbaar` 1/0)."""
    openbaar = request.POST.get("openbaar") == "1"
    try:
        rapport_openbaar_zet(rapport=rapport, openbaar=openbaar, door=request.user)
    except ValidationError as fout:
        messages.error(request, f"Niets gewijzigd: {' '.join(fout.messages)}")
    else:
        naam = f"{rapport.get_soort_display()} {rapport.jaar} (versie {rapport.versie})"
        messages.success(request, f"{naam} is {'openbaar' if openbaar else 'niet meer openbaar'}.")
    return redirect("rapporten", toegang.agenda.slug)


@agenda_view(Recht.BEHEER, haal_verantwoording, methoden=POST_METHODEN)
def verantwoording_status(
    request: HttpRequest, toegang: Toegang, verantwoording: Verantwoording
) -> HttpResponse:
    form = VerantwoordingForm(request.POST, instance=verantwoording, prefix=f"v{verantwoording.pk}")
    if form.is_valid():
        verantwoording_wijzig(
            verantwoording=verantwoording,
            status=form.cleaned_data["status"],
            vastgesteld_op=form.cleaned_data["vastgesteld_op"],
            verzonden_op=form.cleaned_data["verzonden_op"],
            kenmerk=form.cleaned_data["kenmerk"],
            door=request.user,
        )
        messages.success(
            request,
            f"Jaarverantwoording {verantwoording.jaar}: "
            f"{verantwoording.get_status_display().lower()}.",
        )
    else:
        for fouten in form.errors.values():
            for fout in fouten:
                messages.error(request, f"Niet opgeslagen: {fout}")
    return redirect("rapporten", toegang.agenda.slug)
