"""The test sheet of the core's workbook tests (organisations, registered only by the
`testblad` fixture in conftest.py) and what those tests share: open, save and export a workbook."""

import io

import openpyxl

from lea import werkboek
from lea.models import Organisatie, Sector
from lea.services import bewaar
from lea.werkboek import DATUM, GEHEEL, Blad, Context, Kolom, Uitkomst, regel_voor, werkboek_schrijf

BLAD = "Testorganisaties"
KOLOMMEN = (
    Kolom("id", "ID", 8, soort=GEHEEL),
    Kolom("naam", "Naam", 40),
    Kolom("sector", "Sector", 20, lijst="sectoren"),
    Kolom("peildatum", "Peildatum", 14, soort=DATUM),
    Kolom("aantal", "Aantal acties", 10, alleen_lezen=True),
)


def _rijen(context: Context):
    for o in Organisatie.objects.filter(agenda=context.agenda).order_by("pk"):
        yield {"id": o.pk, "naam": o.naam, "sector": o.get_sector_display(), "aantal": 3}


def _lees(context: Context, rijen: list[werkboek.Rij]) -> list[werkboek.Regel]:
    bestaand = {o.pk: o for o in Organisatie.objects.filter(agenda=context.agenda)}
    naar_waarde = {label: waarde for waarde, label in Sector.choices}
    regels, gezien = [], set()
    for rij in rijen:
        obj = None
        if rij["id"] is not None:
            obj = bestaand.get(rij["id"])
            if obj is None:
                rij.fout("ID", f"ID {rij['id']} is geen organisatie van deze agenda.")
            gezien.add(rij["id"])
        if not rij["naam"]:
            rij.fout("Naam", "De naam ontbreekt.")
        nieuw = {"naam": rij["naam"], "sector": rij["sector"]}
        oud = obj and {"naam": obj.naam, "sector": obj.get_sector_display()}

        def pas_toe(obj=obj, rij=rij):
            doel = obj or Organisatie(agenda=context.agenda)
            doel.naam = rij["naam"]
            doel.sector = naar_waarde.get(rij["sector"], Sector.OVERIG)
            bewaar(doel, door=context.door)

        regels.append(
            regel_voor(
                rij, wat=rij["naam"], oud=oud, nieuw=nieuw, kolommen=KOLOMMEN, pas_toe=pas_toe
            )
        )
    for pk, obj in bestaand.items():
        if pk not in gezien:
            regels.append(werkboek.Regel(BLAD, None, Uitkomst.ONTBREEKT, obj.naam))
    return regels


def blad() -> Blad:
    """The test sheet; `testblad` (conftest.py) registers it for one test."""
    return Blad(
        naam=BLAD,
        kolommen=KOLOMMEN,
        rijen=_rijen,
        lees=_lees,
        lijsten=lambda context: {"sectoren": [label for _w, label in Sector.choices]},
    )


def boek(inhoud: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(inhoud))


def als_bytes(boek: openpyxl.Workbook) -> bytes:
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()


def export(bunnik, anne) -> openpyxl.Workbook:
    return boek(werkboek_schrijf(Context(agenda=bunnik, door=anne), namen=[BLAD]))
