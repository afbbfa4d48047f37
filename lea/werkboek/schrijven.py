"""Writing the workbook: a sheet per kind, Dutch headers, frozen header row, widths,
drop-downs from a hidden list sheet; text stays text."""

from __future__ import annotations

import io
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from lea.werkboek.basis import (
    BEDRAG,
    DATUM,
    EXTRA_VALIDATIE_RIJEN,
    GEHEEL,
    JANEE,
    LANG,
    LIJSTEN,
    TEKST,
    Blad,
    Context,
    bladen,
)

# --- writing ------------------------------------------------------------------------------------

KOP = Font(bold=True, color="FFFFFF")
KOP_VULLING = PatternFill("solid", fgColor="1F4E79")  # white on dark blue: contrast 8.6:1
KOP_ALLEEN_LEZEN = PatternFill("solid", fgColor="595959")  # white on grey: 7:1
FORMAAT = {DATUM: "DD-MM-YYYY", GEHEEL: "0", BEDRAG: "#,##0.00"}
JA_NEE = '"ja,nee"'  # the drop-down of a JANEE column, in the validation itself


def werkboek_schrijf(
    context: Context, *, namen: Iterable[str] | None = None, leeg: bool = False
) -> bytes:
    """The workbook (.xlsx) of the agenda: a sheet per registered kind with Dutch headers, a
    frozen header row, column widths, drop-downs and an ID column. `leeg`: the blank template
    (the same sheets and lists, no rows)."""
    per_werkgroep = context.werkgroep_id is not None
    gekozen = bladen(namen, per_werkgroep=per_werkgroep)
    boek = Workbook()
    boek.remove(boek.active)  # type: ignore[arg-type]
    lijstblad = boek.create_sheet(LIJSTEN)
    lijstkolommen: dict[str, str] = {}  # list name -> absolute range on the Lijsten sheet
    for blad in gekozen:
        ws = boek.create_sheet(blad.naam, index=len(boek.sheetnames) - 1)
        lijsten = blad.lijsten(context)
        for naam, waarden in lijsten.items():
            if naam not in lijstkolommen:
                lijstkolommen[naam] = _schrijf_lijst(lijstblad, naam, waarden)
        aantal = 0 if leeg else _schrijf_rijen(ws, blad, context)
        _schrijf_kop(ws, blad)
        for nummer, kolom in enumerate(blad.kolommen, start=1):
            bron = JA_NEE if kolom.soort == JANEE else lijstkolommen.get(kolom.lijst or "")
            if bron:
                dv = DataValidation(
                    type="list",
                    formula1=bron,
                    allow_blank=True,
                    showErrorMessage=True,
                    errorTitle="Kies uit de lijst",
                    error=f"Kies een waarde voor ‘{kolom.kop}’ uit de lijst.",
                )
                letter = get_column_letter(nummer)
                dv.add(f"{letter}2:{letter}{aantal + 1 + EXTRA_VALIDATIE_RIJEN}")
                ws.add_data_validation(dv)
    if len(boek.sheetnames) > 1:  # a workbook needs one visible sheet
        if lijstkolommen:
            lijstblad.sheet_state = "hidden"
        else:
            boek.remove(lijstblad)
    uitvoer = io.BytesIO()
    boek.save(uitvoer)
    return uitvoer.getvalue()


def _schrijf_lijst(ws: Any, naam: str, waarden: list[str]) -> str:
    kolom = ws.max_column + 1 if ws.max_row > 1 or ws.cell(1, 1).value else 1
    ws.cell(1, kolom, naam).font = Font(bold=True)
    for i, waarde in enumerate(waarden, start=2):
        ws.cell(i, kolom, waarde)
    letter = get_column_letter(kolom)
    einde = max(len(waarden) + 1, 2)
    return f"{quote_sheetname(LIJSTEN)}!${letter}$2:${letter}${einde}"


def _schrijf_kop(ws: Any, blad: Blad) -> None:
    for nummer, kolom in enumerate(blad.kolommen, start=1):
        cel = ws.cell(1, nummer, kolom.kop)
        cel.font = KOP
        cel.fill = KOP_ALLEEN_LEZEN if kolom.alleen_lezen else KOP_VULLING
        cel.alignment = Alignment(vertical="top", wrap_text=True)
        uitleg = kolom.uitleg or (
            "Alleen ter informatie; wordt niet ingelezen." if kolom.alleen_lezen else ""
        )
        if uitleg:
            cel.comment = Comment(uitleg, "LEA")
        ws.column_dimensions[get_column_letter(nummer)].width = kolom.breedte
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(blad.kolommen))}1"


def _schrijf_rijen(ws: Any, blad: Blad, context: Context) -> int:
    aantal = 0
    for aantal, rij in enumerate(blad.rijen(context), start=1):
        for nummer, kolom in enumerate(blad.kolommen, start=1):
            waarde = rij.get(kolom.veld)
            if isinstance(waarde, Decimal):
                waarde = float(waarde) if kolom.soort == BEDRAG else str(waarde)
            elif kolom.soort == JANEE and waarde is not None:
                waarde = "ja" if waarde else "nee"
            cel = ws.cell(
                aantal + 1,
                nummer,
                "" if waarde is None and kolom.soort in (TEKST, LANG) else waarde,
            )
            if kolom.soort in FORMAAT:
                cel.number_format = FORMAAT[kolom.soort]
            elif kolom.soort == LANG:
                cel.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(waarde, str):
                # Text stays text: "=…" is no formula, a code like "1.10" no number.
                cel.value = ILLEGAL_CHARACTERS_RE.sub("", waarde)
                cel.data_type = "s"
                if kolom.soort == TEKST:
                    cel.number_format = "@"
    return aantal
