"""Importing an Excel workbook in two steps: check (the preview, kept) and apply (or discard).

A small file is checked at once; a large one by the worker, which reports its progress on the
row. Applying reads the kept file again inside one transaction (lea.werkboek.werkboek_pas_toe)
and refuses when the outcome differs from the preview the user saw.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from lea.models import Agenda, ImportStatus, Werkboekimport
from lea.services import opdracht_plaats
from lea.werkboek import (
    MAX_GROOTTE,
    Context,
    Voorbeeld,
    WerkboekFout,
    werkboek_lees,
    werkboek_pas_toe,
)

# A workbook larger than this is checked (and applied) by the worker, with a progress bar.
GROOT = 256 * 1024
CONTROLEER_TAAK = "lea.tasks.werkboek_controleer_taak"
PAS_TOE_TAAK = "lea.tasks.werkboek_pas_toe_taak"


def context_van(werkboekimport: Werkboekimport) -> Context:
    return Context(
        agenda=werkboekimport.agenda,
        door=werkboekimport.door,
        bestandsnaam=werkboekimport.bestandsnaam,
        werkgroep_id=werkboekimport.werkgroep_id,
    )


def is_groot(werkboekimport: Werkboekimport) -> bool:
    return len(werkboekimport.inhoud) > GROOT


@transaction.atomic
def werkboekimport_maak(
    *,
    agenda: Agenda,
    door: Any,
    bestandsnaam: str,
    inhoud: bytes,
    werkgroep_id: int | None = None,
) -> Werkboekimport:
    """Keep an uploaded workbook and check it: now when it is small, else by the worker."""
    if len(inhoud) > MAX_GROOTTE:
        raise ValidationError("Het bestand is groter dan 10 MB; splits het of laat bladen weg.")
    if not inhoud:
        raise ValidationError("Het bestand is leeg.")
    werkboekimport = Werkboekimport.objects.create(
        agenda=agenda,
        door=door,
        bestandsnaam=bestandsnaam[-200:],
        inhoud=inhoud,
        werkgroep_id=werkgroep_id,
    )
    if is_groot(werkboekimport):
        opdracht_plaats(
            taak=CONTROLEER_TAAK,
            argumenten=[werkboekimport.pk],
            agenda=agenda,
            omschrijving=f"Excel-bestand controleren: {werkboekimport.bestandsnaam}",
        )
    else:
        werkboekimport_controleer(import_id=werkboekimport.pk)
        werkboekimport.refresh_from_db()
    return werkboekimport


def werkboekimport_controleer(*, import_id: int) -> bool:
    """Make the preview of a kept workbook (the task's body; runs once: it claims the row by
    its status). Progress is written as it goes, so the page can show a bar."""
    werkboekimport = (
        Werkboekimport.objects.select_related("agenda", "door")
        .filter(pk=import_id, status=ImportStatus.CONTROLEREN, vingerafdruk="")
        .first()
    )
    if werkboekimport is None:
        return False

    def melder(klaar: int, totaal: int) -> None:
        procent = int(100 * klaar / totaal) if totaal else 100
        Werkboekimport.objects.filter(pk=import_id).update(voortgang=procent)

    try:
        voorbeeld = werkboek_lees(
            context_van(werkboekimport), bytes(werkboekimport.inhoud), melder=melder
        )
    except WerkboekFout as fout:
        Werkboekimport.objects.filter(pk=import_id).update(
            status=ImportStatus.MISLUKT, melding=str(fout), voortgang=100, inhoud=b""
        )
        return True
    Werkboekimport.objects.filter(pk=import_id, status=ImportStatus.CONTROLEREN).update(
        status=ImportStatus.VOORBEELD,
        voorbeeld=voorbeeld.naar_json(),
        vingerafdruk=voorbeeld.vingerafdruk(),
        voortgang=100,
        melding=voorbeeld.samenvatting(),
    )
    return True


def _kan_toepassen(werkboekimport: Werkboekimport) -> None:
    if werkboekimport.status != ImportStatus.VOORBEELD:
        raise ValidationError(
            f"Deze import is {werkboekimport.get_status_display().lower()}; "
            "alleen een gecontroleerd bestand kan worden toegepast."
        )
    fouten = (werkboekimport.voorbeeld or {}).get("algemeen") or any(
        r.get("fouten") for r in (werkboekimport.voorbeeld or {}).get("regels", [])
    )
    if fouten:
        raise ValidationError(
            "Het bestand heeft fouten; verbeter ze en lees het opnieuw in. Er is niets gewijzigd."
        )


def werkboekimport_pas_toe(*, werkboekimport: Werkboekimport, door: Any) -> Voorbeeld | None:
    """Apply a checked workbook, all of it or nothing. A large one goes to the worker (None
    is returned; the page follows the status); a small one is applied now."""
    _kan_toepassen(werkboekimport)
    if is_groot(werkboekimport):
        with transaction.atomic():
            geclaimd = Werkboekimport.objects.filter(
                pk=werkboekimport.pk, status=ImportStatus.VOORBEELD
            ).update(status=ImportStatus.TOEPASSEN)
            if geclaimd:
                opdracht_plaats(
                    taak=PAS_TOE_TAAK,
                    argumenten=[werkboekimport.pk, getattr(door, "pk", None)],
                    agenda=werkboekimport.agenda,
                    omschrijving=f"Excel-bestand toepassen: {werkboekimport.bestandsnaam}",
                )
        return None
    return _pas_toe(werkboekimport, door, ImportStatus.VOORBEELD)


def werkboekimport_pas_toe_wacht(*, import_id: int, door: Any) -> bool:
    """The task's body: apply a workbook the page handed to the worker (once)."""
    werkboekimport = (
        Werkboekimport.objects.select_related("agenda", "door")
        .filter(pk=import_id, status=ImportStatus.TOEPASSEN)
        .first()
    )
    if werkboekimport is None:
        return False
    try:
        _pas_toe(werkboekimport, door, ImportStatus.TOEPASSEN)
    except ValidationError as fout:
        Werkboekimport.objects.filter(pk=import_id, status=ImportStatus.TOEPASSEN).update(
            status=ImportStatus.VOORBEELD, melding=" ".join(fout.messages)
        )
    return True


def _pas_toe(werkboekimport: Werkboekimport, door: Any, van: str) -> Voorbeeld:
    context = context_van(werkboekimport)
    context.door = door
    with transaction.atomic():
        geclaimd = Werkboekimport.objects.select_for_update().filter(
            pk=werkboekimport.pk, status=van
        )
        if not geclaimd.exists():
            raise ValidationError("Deze import is al toegepast of verworpen.")
        try:
            voorbeeld = werkboek_pas_toe(
                context,
                bytes(werkboekimport.inhoud),
                vingerafdruk=werkboekimport.vingerafdruk,
            )
        except WerkboekFout as fout:
            raise ValidationError(str(fout)) from None
        geclaimd.update(
            status=ImportStatus.TOEGEPAST,
            afgehandeld_op=timezone.now(),
            melding=f"Toegepast: {voorbeeld.samenvatting()}",
            inhoud=b"",
        )
    return voorbeeld


@transaction.atomic
def werkboekimport_verwerp(*, werkboekimport: Werkboekimport, door: Any) -> None:
    """Discard a kept workbook: nothing is applied, the file is removed, the preview kept."""
    bijgewerkt = Werkboekimport.objects.filter(
        pk=werkboekimport.pk, status__in=(ImportStatus.CONTROLEREN, ImportStatus.VOORBEELD)
    ).update(status=ImportStatus.VERWORPEN, afgehandeld_op=timezone.now(), inhoud=b"")
    if not bijgewerkt:
        raise ValidationError("Deze import is al toegepast of verworpen.")
