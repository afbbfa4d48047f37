"""What the tests of monitoring's workbook sheets share: export an agenda's sheets, type into a
sheet by its headers, read it back, and take stock of every object on the sheets."""

import io
from typing import Any

import openpyxl
from django.contrib.auth import get_user_model

from lea.models import Agenda
from lea.werkboek import Context, werkboek_lees, werkboek_schrijf
from monitoring.models import (
    Begrotingsbedrag,
    Begrotingspost,
    Indicator,
    Meting,
    Realisatie,
    School,
    Schoolweging,
    VeCijfers,
)
from monitoring.werkboek import BLADEN

NAMEN = [b.naam for b in BLADEN]
DEMO = ["bunnik-2025", "hilversum-2024", "houten-2024", "ijsselstein-2025", "westland-2022"]


def context(agenda: Agenda, door: Any = None, bestand: str = "export.xlsx") -> Context:
    return Context(agenda=agenda, door=door, bestandsnaam=bestand)


def export(agenda: Agenda) -> openpyxl.Workbook:
    inhoud = werkboek_schrijf(context(agenda), namen=NAMEN)
    return openpyxl.load_workbook(io.BytesIO(inhoud))


def als_bytes(boek: openpyxl.Workbook) -> bytes:
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()


def lees(agenda: Agenda, boek: openpyxl.Workbook, door: Any = None):
    return werkboek_lees(context(agenda, door), als_bytes(boek), namen=NAMEN)


def kolommen(ws) -> dict[str, int]:
    return {cel.value: cel.column for cel in ws[1]}


def voeg_toe(ws, waarden: dict[str, Any]) -> int:
    """Type a row below the others, by header; its row number as Excel shows it."""
    koppen = kolommen(ws)
    rij = ws.max_row + 1
    for kop, waarde in waarden.items():
        ws.cell(rij, koppen[kop], waarde)
    return rij


def rij(ws, **waar: Any) -> int:
    """The row whose cells (by header, underscores for spaces) have these values."""
    koppen = kolommen(ws)
    for rij in range(2, ws.max_row + 1):
        if all(ws.cell(rij, koppen[k.replace("_", " ")]).value == v for k, v in waar.items()):
            return rij
    raise AssertionError(f"geen rij met {waar}")


def zet(ws, rij: int, kop: str, waarde: Any) -> None:
    ws.cell(rij, kolommen(ws)[kop], waarde)


def telling(voorbeeld) -> dict[str, dict[str, int]]:
    return {blad: {k: v for k, v in t.items() if v} for blad, t in voorbeeld.telling().items()}


# Each model of the sheets, with the way to its agenda.
MODELLEN = {
    Indicator: "agenda",
    Meting: "indicator__agenda",
    School: "agenda",
    Schoolweging: "school__agenda",
    VeCijfers: "agenda",
    Begrotingspost: "begroting__agenda",
    Begrotingsbedrag: "post__begroting__agenda",
    Realisatie: "begrotingsbedrag__post__begroting__agenda",
}


def stand(agenda: Agenda) -> dict[str, Any]:
    """Every field of the sheets' objects, and their history, to see that nothing changed."""
    stand: dict[str, Any] = {}
    for model, pad in MODELLEN.items():
        stand[model.__name__] = sorted(model.objects.filter(**{pad: agenda}).values_list())
        stand[f"{model.__name__} historie"] = model.history.count()
    return stand


def gebruiker(slug: str):
    return get_user_model().objects.get(username=f"beleid-{slug.split('-')[0]}")
