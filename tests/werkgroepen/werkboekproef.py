"""What the werkgroepen's workbook tests share: an exported workbook to edit like a user in
Excel, the import's context, and the state an import may touch."""

import io
from typing import Any

from django.utils import timezone
from openpyxl import load_workbook

from lea.models import Agenda
from lea.werkboek import Context
from lea.werkboek import werkboek_schrijf as schrijf
from werkgroepen.models import Actie, Status, Voortgang, Werkgroep
from werkgroepen.services import voortgang_registreer
from werkgroepen.werkboek import ACTIES, VOORTGANG

BLADEN = [ACTIES, VOORTGANG]
BESTAND = "x.xlsx"
DEMO = ["bunnik-2025", "hilversum-2024", "houten-2024", "ijsselstein-2025", "westland-2022"]


def context_van(
    agenda: Agenda,
    door: Any = None,
    werkgroep: Werkgroep | None = None,
    bestandsnaam: str = BESTAND,
) -> Context:
    return Context(
        agenda=agenda,
        door=door,
        bestandsnaam=bestandsnaam,
        werkgroep_id=werkgroep.pk if werkgroep else None,
    )


class Boek:
    """An exported workbook to edit like a user in Excel: cells by sheet, row and header."""

    def __init__(self, context: Context, namen: list[str] = BLADEN):
        self.boek = load_workbook(io.BytesIO(schrijf(context, namen=namen)))

    def kolom(self, blad: str, kop: str) -> int:
        return [c.value for c in self.boek[blad][1]].index(kop) + 1

    def rij(self, blad: str, actie: Actie) -> int:
        ws = self.boek[blad]
        return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == actie.pk)

    def cel(self, blad: str, actie: Actie, kop: str) -> Any:
        return self.boek[blad].cell(self.rij(blad, actie), self.kolom(blad, kop))

    def zet(self, blad: str, actie: Actie, kop: str, waarde: Any) -> int:
        rij = self.rij(blad, actie)
        self.boek[blad].cell(rij, self.kolom(blad, kop)).value = waarde  # None empties it
        return rij

    def voeg_toe(self, blad: str, **per_kop: Any) -> int:
        ws = self.boek[blad]
        rij = ws.max_row + 1
        for kop, waarde in per_kop.items():
            ws.cell(rij, self.kolom(blad, kop), waarde)
        return rij

    def bytes(self) -> bytes:
        uit = io.BytesIO()
        self.boek.save(uit)
        return uit.getvalue()


def uitkomsten(voorbeeld, blad: str) -> dict[str, int]:
    return {uitkomst: n for uitkomst, n in voorbeeld.telling().get(blad, {}).items() if n}


def stand(agenda: Agenda) -> list[tuple]:
    """Everything an import may touch, to show a refused import changed nothing."""
    acties = Actie.objects.filter(agenda=agenda).order_by("pk")
    return [
        *acties.values_list(),
        Voortgang.objects.filter(actie__agenda=agenda).count(),
        Actie.history.filter(agenda_id=agenda.pk).count(),
    ]


def rapporteer(actie: Actie, door: Any, **anders: Any) -> Voortgang:
    velden = {
        "status": Status.LOPEND,
        "rag_tijd": "groen",
        "rag_geld": "oranje",
        "percentage": 40,
        "toelichting": "De eerste bijeenkomst is geweest.",
        **anders,
    }
    return voortgang_registreer(actie=actie, door=door, datum=timezone.localdate(), **velden)
