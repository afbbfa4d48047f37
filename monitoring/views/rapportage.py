"""The reports page: request a report, follow it, download it, retry it; the yearly account."""

from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render

from lea.toegang import (
    FORMULIER_METHODEN,
    POST_METHODEN,
    Recht,
    Toegang,
    agenda_view,
)
from monitoring.forms import RapportForm, VerantwoordingForm
from monitoring.models import Rapport, RapportStatus, Verantwoording
from monitoring.services.aanvragen import rapport_vraag_aan, rapport_vraag_opnieuw_aan
from monitoring.services.rapporten import verantwoording_wijzig
from monitoring.toegang import haal_rapport, haal_verantwoording


@agenda_view(Recht.LEZEN, methoden=FORMULIER_METHODEN)
def rapporten(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    agenda = toegang.agenda
    form = RapportForm(request.POST or None, agenda=agenda)
    if request.method == "POST" and form.is_valid():
        rapport = rapport_vraag_aan(
            agenda=agenda,
            soort=form.cleaned_data["soort"],
            jaar=form.cleaned_data["jaar"],
            door=request.user,
        )
        messages.success(request, f"{rapport.get_soort_display()} {rapport.jaar} wordt gemaakt.")
        return redirect("rapporten", agenda.slug)
    verantwoordingen = list(agenda.verantwoordingen.order_by("-jaar"))
    context = toegang.context(
        form=form,
        lijst=agenda.rapporten.select_related("gemaakt_door")[:50],
        verantwoordingen=[
            (v, VerantwoordingForm(instance=v, prefix=f"v{v.pk}")) for v in verantwoordingen
        ],
    )
    return render(request, "monitoring/rapporten.html", context)


@agenda_view(Recht.LEZEN, haal_rapport)
def rapport_status(request: HttpRequest, toegang: Toegang, rapport: Rapport) -> HttpResponse:
    """One report's row; htmx polls it while the report is being made."""
    return render(request, "monitoring/_rapport_rij.html", toegang.context(r=rapport))


@agenda_view(Recht.LEZEN, haal_rapport)
def rapport_download(request: HttpRequest, toegang: Toegang, rapport: Rapport) -> HttpResponseBase:
    if rapport.status != RapportStatus.KLAAR or not rapport.bestand:
        messages.error(request, "Dit rapport is (nog) niet klaar.")
        return redirect("rapporten", toegang.agenda.slug)
    return FileResponse(
        rapport.bestand.open("rb"),
        as_attachment=True,
        filename=rapport.bestandsnaam,
        content_type="application/pdf",
    )


@agenda_view(Recht.LEZEN, haal_rapport, methoden=POST_METHODEN)
def rapport_opnieuw(request: HttpRequest, toegang: Toegang, rapport: Rapport) -> HttpResponse:
    if rapport_vraag_opnieuw_aan(rapport=rapport):
        messages.success(request, "Het rapport wordt opnieuw gemaakt.")
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
