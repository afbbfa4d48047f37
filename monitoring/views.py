"""Budget, indicators and reports of an agenda."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from lea.toegang import Recht, agenda_view, agenda_voor_beheer, agenda_voor_lezen
from monitoring.begroting import begrotingsoverzicht
from monitoring.inhoud import indicator_grafiek, signalen_schoolweging
from monitoring.models import (
    Begroting,
    Rapport,
    RapportSoort,
    RapportStatus,
    Verantwoording,
)
from monitoring.rapporten import rapport_vraag_aan
from monitoring.tasks import rapport_maak


class RapportForm(forms.Form):
    soort = forms.ChoiceField(choices=RapportSoort.choices, label="Rapport")
    jaar = forms.IntegerField(label="Jaar", min_value=2000, max_value=2100)

    def __init__(self, *args, agenda, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.agenda = agenda
        self.fields["jaar"].initial = timezone.localdate().year - 1

    def clean_jaar(self):
        jaar = self.cleaned_data["jaar"]
        if not self.agenda.periode_start.year - 1 <= jaar <= self.agenda.periode_eind.year:
            raise forms.ValidationError(
                f"Kies een jaar binnen de periode van de agenda "
                f"({self.agenda.periode_start.year}–{self.agenda.periode_eind.year})."
            )
        return jaar


class VerantwoordingForm(forms.ModelForm):
    class Meta:
        model = Verantwoording
        fields = ["status", "vastgesteld_op", "verzonden_op"]
        widgets = {
            v: forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
            for v in ("vastgesteld_op", "verzonden_op")
        }

    def clean(self):
        data = super().clean()
        vastgesteld, verzonden = data.get("vastgesteld_op"), data.get("verzonden_op")
        if data.get("status") in ("vastgesteld", "verzonden") and not vastgesteld:
            self.add_error("vastgesteld_op", "Geef de datum waarop het college vaststelde.")
        if data.get("status") == "verzonden" and not verzonden:
            self.add_error("verzonden_op", "Geef de datum van verzending.")
        if vastgesteld and verzonden and verzonden < vastgesteld:
            self.add_error("verzonden_op", "Verzonden vóór de vaststelling kan niet.")
        return data


@agenda_view(Recht.LEZEN)
def rapporten(request: HttpRequest, slug: str) -> HttpResponse:
    agenda = agenda_voor_lezen(request, slug)
    form = RapportForm(request.POST or None, agenda=agenda)
    if request.method == "POST" and form.is_valid():
        rapport = rapport_vraag_aan(agenda=agenda, door=request.user, **form.cleaned_data)
        messages.success(request, f"{rapport.get_soort_display()} {rapport.jaar} wordt gemaakt.")
        return redirect("rapporten", slug)
    verantwoordingen = list(agenda.verantwoordingen.order_by("-jaar"))
    context = {
        "agenda": agenda,
        "form": form,
        "lijst": agenda.rapporten.select_related("gemaakt_door")[:50],
        "verantwoordingen": [
            (v, VerantwoordingForm(instance=v, prefix=f"v{v.pk}")) for v in verantwoordingen
        ],
    }
    return render(request, "monitoring/rapporten.html", context)


def _rapport(request, slug: str, pk: int) -> Rapport:
    agenda = agenda_voor_lezen(request, slug)
    return get_object_or_404(Rapport.objects.select_related("agenda"), pk=pk, agenda=agenda)


@agenda_view(Recht.LEZEN)
def rapport_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One report's row; htmx polls it while the report is being made."""
    rapport = _rapport(request, slug, pk)
    return render(request, "monitoring/_rapport_rij.html", {"agenda": rapport.agenda, "r": rapport})


@agenda_view(Recht.LEZEN)
def rapport_download(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    rapport = _rapport(request, slug, pk)
    if rapport.status != RapportStatus.KLAAR or not rapport.bestand:
        messages.error(request, "Dit rapport is (nog) niet klaar.")
        return redirect("rapporten", slug)
    return FileResponse(
        rapport.bestand.open("rb"),
        as_attachment=True,
        filename=rapport.bestandsnaam,
        content_type="application/pdf",
    )


@agenda_view(Recht.LEZEN)
@require_POST
def rapport_opnieuw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    rapport = _rapport(request, slug, pk)
    if rapport.status == RapportStatus.MISLUKT:
        pk_ = rapport.pk
        transaction.on_commit(lambda: rapport_maak.delay(pk_))
        Rapport.objects.filter(pk=pk_).update(status=RapportStatus.WACHT, fout="")
        messages.success(request, "Het rapport wordt opnieuw gemaakt.")
    return redirect("rapporten", slug)


@agenda_view(Recht.BEHEER)
@require_POST
def verantwoording_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    agenda = agenda_voor_beheer(request, slug)
    verantwoording = get_object_or_404(Verantwoording, pk=pk, agenda=agenda)
    form = VerantwoordingForm(request.POST, instance=verantwoording, prefix=f"v{pk}")
    if form.is_valid():
        form.save()
        messages.success(
            request,
            f"Jaarverantwoording {verantwoording.jaar}: "
            f"{verantwoording.get_status_display().lower()}.",
        )
    else:
        for fouten in form.errors.values():
            for fout in fouten:
                messages.error(request, f"Niet opgeslagen: {fout}")
    return redirect("rapporten", slug)


@agenda_view(Recht.LEZEN)
def begroting(request: HttpRequest, slug: str) -> HttpResponse:
    agenda = agenda_voor_lezen(request, slug)
    gevonden = Begroting.objects.filter(agenda=agenda).first()
    overzicht = begrotingsoverzicht(gevonden) if gevonden else None
    return render(request, "monitoring/begroting.html", {"agenda": agenda, "overzicht": overzicht})


@agenda_view(Recht.LEZEN)
def indicatoren(request: HttpRequest, slug: str) -> HttpResponse:
    agenda = agenda_voor_lezen(request, slug)
    lijst = list(agenda.indicatoren.prefetch_related("knopen", "metingen"))
    for indicator in lijst:
        indicator.grafiek = indicator_grafiek(indicator)
    context = {
        "agenda": agenda,
        "indicatoren": lijst,
        "ve": agenda.ve_cijfers.order_by("jaar"),
        "scholen": agenda.scholen.prefetch_related("wegingen"),
        "signalen": signalen_schoolweging(agenda, timezone.localdate().year),
        "regel": getattr(agenda, "signaalregel", None),
    }
    return render(request, "monitoring/indicatoren.html", context)
