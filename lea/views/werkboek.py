"""Excel: export the agenda's workbook (or its blank template), upload a workbook, see its
preview, apply it or discard it.

The same pages serve the beheerder (the whole agenda, under Beheer) and a werkgroep chair (the
progress sheet of one werkgroep, under the werkgroep: werkgroepen.views.excel); a `Plek` says
which, so the views below are written once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from lea.models import AuditSoort, ImportStatus, Werkboekimport
from lea.services.audit import audit_vastleg
from lea.services.werkboek import (
    werkboekimport_maak,
    werkboekimport_pas_toe,
    werkboekimport_verwerp,
)
from lea.toegang import LEZEN_METHODEN, POST_METHODEN, Recht, Toegang, agenda_view, haal_of_404
from lea.werkboek import MAX_GROOTTE, Context, Uitkomst, bladen, werkboek_schrijf

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Plek:
    """Where one kind of import lives: its URL names (`<voorvoegsel>`, `_export`, `_upload`,
    `_import`, `_status`, `_toepassen`, `_verwerpen`), their leading arguments, the imports
    seen there and, for a werkgroep, its id and name."""

    voorvoegsel: str
    args: tuple[Any, ...]
    imports: QuerySet[Werkboekimport]
    titel: str
    werkgroep_id: int | None = None
    werkgroep_naam: str = ""

    def url(self, soort: str = "", *extra: Any) -> str:
        naam = self.voorvoegsel + (f"_{soort}" if soort else "")
        return reverse(naam, args=[*self.args, *extra])


def agenda_plek(toegang: Toegang) -> Plek:
    agenda = toegang.agenda
    return Plek(
        voorvoegsel="excel",
        args=(agenda.slug,),
        imports=Werkboekimport.objects.filter(agenda=agenda, werkgroep_id__isnull=True),
        titel="Excel",
    )


class UploadForm(forms.Form):
    bestand = forms.FileField(
        label="Excel-bestand (.xlsx)",
        help_text="Een export of het lege sjabloon, aangevuld. Hoogstens 10 MB.",
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def clean_bestand(self) -> Any:
        bestand = self.cleaned_data["bestand"]
        if not bestand.name.lower().endswith(".xlsx"):
            raise ValidationError(
                "Kies een Excel-werkmap (.xlsx). Een .xls of .csv slaat u eerst op als .xlsx."
            )
        if bestand.size > MAX_GROOTTE:
            raise ValidationError("Het bestand is groter dan 10 MB.")
        return bestand


# --- the pages, written once ----------------------------------------------------------------


def pagina(
    request: HttpRequest, toegang: Toegang, plek: Plek, form: UploadForm | None = None
) -> HttpResponse:
    """The Excel page: downloads, the upload form, and the open and recent imports."""
    imports = plek.imports.select_related("door")
    lopend = (ImportStatus.CONTROLEREN, ImportStatus.VOORBEELD, ImportStatus.TOEPASSEN)
    open_ = list(imports.filter(status__in=lopend))
    eerder = list(imports.exclude(status__in=lopend)[:10])
    for werkboekimport in (*open_, *eerder):
        werkboekimport.url = plek.url("import", werkboekimport.pk)  # type: ignore[attr-defined]
    context = toegang.context(
        plek=plek,
        urls=_urls(plek),
        form=form or UploadForm(),
        open_imports=open_,
        eerdere_imports=eerder,
        bladen=bladen(per_werkgroep=plek.werkgroep_id is not None),
    )
    return render(request, "lea/excel.html", context, status=400 if form else 200)


def export(request: HttpRequest, toegang: Toegang, plek: Plek) -> HttpResponse:
    """The workbook as a download; `?leeg=1`: the blank template."""
    leeg = request.GET.get("leeg") == "1"
    context = Context(agenda=toegang.agenda, door=request.user, werkgroep_id=plek.werkgroep_id)
    inhoud = werkboek_schrijf(context, leeg=leeg)
    naam = toegang.agenda.slug
    if plek.werkgroep_id is not None:
        naam += f"-voortgang-werkgroep-{plek.werkgroep_id}"
    naam += "-sjabloon" if leeg else f"-{timezone.localdate():%Y-%m-%d}"
    antwoord = HttpResponse(inhoud, content_type=XLSX)
    antwoord["Content-Disposition"] = f'attachment; filename="{naam}.xlsx"'
    audit_vastleg(
        soort=AuditSoort.EXPORT,
        request=request,
        agenda=toegang.agenda,
        omschrijving=f"Excel: {naam}.xlsx",
    )
    return antwoord


def upload(request: HttpRequest, toegang: Toegang, plek: Plek) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return pagina(request, toegang, plek, form)
    bestand = form.cleaned_data["bestand"]
    try:
        werkboekimport = werkboekimport_maak(
            agenda=toegang.agenda,
            door=request.user,
            bestandsnaam=bestand.name,
            inhoud=bestand.read(),
            werkgroep_id=plek.werkgroep_id,
        )
    except ValidationError as fout:
        form.add_error("bestand", fout)
        return pagina(request, toegang, plek, form)
    return redirect(plek.url("import", werkboekimport.pk))


def _urls(plek: Plek, *pk: int) -> dict[str, str]:
    urls = {"pagina": plek.url(), "export": plek.url("export"), "upload": plek.url("upload")}
    if pk:
        for soort in ("import", "toepassen", "verwerpen"):
            urls[soort] = plek.url(soort, *pk)
    return urls


def _haal(plek: Plek, pk: int) -> Werkboekimport:
    melding = "Deze import bestaat niet (meer) in deze agenda."
    werkboekimport: Werkboekimport = haal_of_404(plek.imports.select_related("door"), pk, melding)
    return werkboekimport


def _regels(werkboekimport: Werkboekimport) -> dict[str, Any]:
    """The preview, grouped for the page: errors first, then per sheet what changes."""
    voorbeeld = werkboekimport.voorbeeld or {}
    regels = voorbeeld.get("regels", [])
    per_blad: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for blad in voorbeeld.get("bladen", []):
        per_blad[blad] = {u: [] for u in Uitkomst.values}
    for regel in regels:
        per_blad.setdefault(regel["blad"], {u: [] for u in Uitkomst.values})[
            regel["uitkomst"]
        ].append(regel)
    fouten = [*voorbeeld.get("algemeen", []), *(f for r in regels for f in r["fouten"])]
    return {
        "per_blad": per_blad,
        "fouten": fouten,
        "opmerkingen": voorbeeld.get("opmerkingen", []),
        "aantal_wijzigingen": sum(
            r["uitkomst"] in (Uitkomst.NIEUW, Uitkomst.GEWIJZIGD) for r in regels
        ),
    }


def voorbeeld(request: HttpRequest, toegang: Toegang, plek: Plek, pk: int) -> HttpResponse:
    """One import: its progress while it is checked, then its preview, and the decision."""
    werkboekimport = _haal(plek, pk)
    context = toegang.context(
        plek=plek, urls=_urls(plek, pk), imp=werkboekimport, **_regels(werkboekimport)
    )
    bezig = werkboekimport.status in (ImportStatus.CONTROLEREN, ImportStatus.TOEPASSEN)
    if request.headers.get("HX-Request"):
        if bezig:
            return render(request, "lea/_excel_status.html", context)
        antwoord = HttpResponse(status=204)
        antwoord["HX-Refresh"] = "true"  # done: show the whole preview
        return antwoord
    return render(request, "lea/excel_import.html", context)


def toepassen(request: HttpRequest, toegang: Toegang, plek: Plek, pk: int) -> HttpResponse:
    werkboekimport = _haal(plek, pk)
    try:
        resultaat = werkboekimport_pas_toe(werkboekimport=werkboekimport, door=request.user)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        return redirect(plek.url("import", pk))
    if resultaat is None:
        messages.info(
            request, "Het bestand wordt toegepast; deze pagina laat zien wanneer het klaar is."
        )
        return redirect(plek.url("import", pk))
    messages.success(
        request,
        f"‘{werkboekimport.bestandsnaam}’ is toegepast: {resultaat.aantal_wijzigingen} "
        "rij(en) nieuw of gewijzigd.",
    )
    return redirect(plek.url())


def verwerpen(request: HttpRequest, toegang: Toegang, plek: Plek, pk: int) -> HttpResponse:
    werkboekimport = _haal(plek, pk)
    try:
        werkboekimport_verwerp(werkboekimport=werkboekimport, door=request.user)
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
        return redirect(plek.url("import", pk))
    messages.success(
        request, f"‘{werkboekimport.bestandsnaam}’ is verworpen; er is niets gewijzigd."
    )
    return redirect(plek.url())


# --- the beheerder's routes -------------------------------------------------------------------


@agenda_view(Recht.BEHEER)
def excel(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    return pagina(request, toegang, agenda_plek(toegang))


@agenda_view(Recht.BEHEER)
def excel_export(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    return export(request, toegang, agenda_plek(toegang))


@agenda_view(Recht.BEHEER, methoden=POST_METHODEN)
def excel_upload(request: HttpRequest, toegang: Toegang) -> HttpResponse:
    return upload(request, toegang, agenda_plek(toegang))


@agenda_view(Recht.BEHEER, methoden=LEZEN_METHODEN)
def excel_import(request: HttpRequest, toegang: Toegang, pk: int) -> HttpResponse:
    return voorbeeld(request, toegang, agenda_plek(toegang), pk)


@agenda_view(Recht.BEHEER, methoden=POST_METHODEN)
def excel_toepassen(request: HttpRequest, toegang: Toegang, pk: int) -> HttpResponse:
    return toepassen(request, toegang, agenda_plek(toegang), pk)


@agenda_view(Recht.BEHEER, methoden=POST_METHODEN)
def excel_verwerpen(request: HttpRequest, toegang: Toegang, pk: int) -> HttpResponse:
    return verwerpen(request, toegang, agenda_plek(toegang), pk)
