"""IJsselstein's uitvoeringsagenda typed into the blank template of a new agenda.

The acceptance test of the workbook import: a municipal employee gets the blank template of an
agenda that holds IJsselstein's goal tree but no actions yet, types the 38 rows of the
document's bijlage "Uitvoeringsagenda 2025 - 2026" into the Acties sheet
(tests/data/ijsselstein_uitvoeringsagenda.tsv, transcribed from the seed document on its own),
and imports it. The result must be the same 38 actions as the demo agenda loaded from
fixtures/agendas/ijsselstein-2025.json.
"""

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from openpyxl import load_workbook

from lea.config.demo_voortgang import demo_voortgang_verwijder
from lea.models import Agenda, Rol
from lea.portability import agenda_importeer
from lea.werkboek import (
    LIJSTEN,
    Context,
    Uitkomst,
    WerkboekFout,
    werkboek_lees,
    werkboek_pas_toe,
    werkboek_schrijf,
)
from tests.factories import GebruikerFactory, lidmaatschap
from werkgroepen.models import Actie

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def zoals_getranscribeerd(ijsselstein):
    """The typed uitvoeringsagenda is compared with IJsselstein as transcribed."""
    demo_voortgang_verwijder(ijsselstein)


DOCUMENT = settings.BASE_DIR / "fixtures" / "agendas" / "ijsselstein-2025.json"
GETYPT = Path(__file__).resolve().parents[1] / "data" / "ijsselstein_uitvoeringsagenda.tsv"
BESTANDSNAAM = "uitvoeringsagenda-ijsselstein.xlsx"

ACTIES_KOPPEN = [
    "ID",
    "Code",
    "Knoop",
    "Actie",
    "Wat willen we bereiken",
    "Wat gaan we doen",
    "Regie",
    "Wie helpen mee",
    "Werkgroep",
    "Planning",
    "Start",
    "Einde",
    "Leeftijd",
    "Leeftijd vanaf",
    "Leeftijd tot en met",
    "Beoogd bereik",
    "Status",
    "Toelichting",
]
KEUZEKOLOMMEN = ("Knoop", "Werkgroep", "Status")

# What the typed agenda and the demo agenda must agree on, per action.
VELDEN = (
    "code",
    "knoop",
    "titel",
    "bereiken",
    "doen",
    "regie_tekst",
    "partners_tekst",
    "werkgroep",
    "timing_tekst",
    "timing_soort",
    "timing_start",
    "timing_eind",
    "leeftijd_tekst",
    "leeftijd_min",
    "leeftijd_max",
    "bereik_doel",
    "status",
)


def _waarden(waarde: Any) -> list[Any]:
    """Every leaf value of a JSON document."""
    if isinstance(waarde, dict):
        return [w for inhoud in waarde.values() for w in _waarden(inhoud)]
    if isinstance(waarde, list):
        return [w for item in waarde for w in _waarden(item)]
    return [waarde]


@pytest.fixture
def ijsselstein(db: None) -> Agenda:
    return Agenda.objects.get(slug="ijsselstein-2025")


@pytest.fixture
def ilse(db: None) -> Any:
    """Ilse, beleidsadviseur onderwijs, who types the uitvoeringsagenda into the template."""
    return GebruikerFactory(username="ilse")


@pytest.fixture
def nieuwe_agenda(ilse: Any) -> Agenda:
    """IJsselstein's goal tree, organisations and werkgroep in a new agenda without actions."""
    document = json.loads(DOCUMENT.read_text(encoding="utf-8"))
    acties = {actie["sleutel"] for actie in document.pop("acties")}
    # Nothing after the actions (werkgroepen, overlegorganen, begroting) may refer to one.
    assert not acties & {w for w in _waarden(document) if isinstance(w, str)}
    document["agenda"] = {
        **document["agenda"],
        "slug": "ijsselstein-sjabloon",
        "titel": "Onderwijskansenbeleid IJsselstein (ingetypt)",
    }
    agenda = agenda_importeer(document=document)
    lidmaatschap(agenda, ilse, Rol.BEHEERDER)
    assert agenda.knopen.count() == 10
    assert agenda.werkgroepen.count() == 1
    assert not agenda.acties.exists()
    return agenda


def _getypte_rijen() -> list[dict[str, str]]:
    with GETYPT.open(encoding="utf-8", newline="") as bestand:
        return list(csv.DictReader(bestand, delimiter="\t", quoting=csv.QUOTE_NONE))


def _kolommen(ws: Any) -> dict[str, int]:
    return {cel.value: cel.column for cel in ws[1] if cel.value}


def _keuzelijst(boek: Any, ws: Any, kolom: int) -> list[str] | None:
    """The values the drop-down of a column offers from row 2 on, or None without one."""
    for dv in ws.data_validations.dataValidation:
        if dv.type == "list" and any(
            r.min_col <= kolom <= r.max_col and r.min_row == 2 for r in dv.sqref.ranges
        ):
            blad, bereik = dv.formula1.rsplit("!", 1)
            cellen = boek[blad.strip("'")][bereik.replace("$", "")]
            return [rij[0].value for rij in cellen if rij[0].value is not None]
    return None


def _knooplabel(getypt: str, labels: list[str]) -> str:
    """The drop-down label for the goal as typed: "<code path> <title as printed>"."""
    if getypt in labels:
        return getypt
    pad = getypt.split(" ", 1)[0]
    gevonden = [label for label in labels if label.split(" ", 1)[0] == pad]
    assert len(gevonden) == 1, f"Geen (eenduidige) knoop {pad!r} in de lijst {labels}"
    return gevonden[0]


def _ingevuld(sjabloon: bytes, rijen: list[dict[str, str]]) -> bytes:
    """The template with the typed rows in its Acties sheet, as Excel would save it."""
    boek = load_workbook(io.BytesIO(sjabloon))
    ws = boek["Acties"]
    kolommen = _kolommen(ws)
    knopen = _keuzelijst(boek, ws, kolommen["Knoop"]) or []
    for nummer, rij in enumerate(rijen, start=2):
        for kop, waarde in rij.items():
            if kop == "Knoop":
                waarde = _knooplabel(waarde, knopen)
            ws.cell(nummer, kolommen[kop], waarde or None)
    uitvoer = io.BytesIO()
    boek.save(uitvoer)
    return uitvoer.getvalue()


def _zoals_bewaard(agenda: Agenda) -> list[dict[str, Any]]:
    """The agenda's actions in order, each as the fields to compare (node by its code path)."""
    acties = Actie.objects.filter(agenda=agenda).select_related("knoop__ouder", "werkgroep")
    uit = []
    for actie in acties:
        knoop = actie.knoop
        velden = {veld: getattr(actie, veld) for veld in VELDEN}
        velden["knoop"] = f"{knoop.ouder.code}.{knoop.code}" if knoop.ouder else knoop.code
        velden["werkgroep"] = actie.werkgroep.naam if actie.werkgroep else ""
        uit.append(velden)
    return uit


def test_het_lege_sjabloon_heeft_koppen_keuzelijsten_en_geen_rijen(nieuwe_agenda, ilse):
    sjabloon = werkboek_schrijf(Context(agenda=nieuwe_agenda, door=ilse), leeg=True)

    boek = load_workbook(io.BytesIO(sjabloon))
    assert {"Acties", "Voortgang"} <= set(boek.sheetnames)
    assert boek[LIJSTEN].sheet_state == "hidden"
    for naam in boek.sheetnames:
        if naam == LIJSTEN:
            continue
        ws = boek[naam]
        assert ws.max_row == 1, f"{naam} heeft rijen onder de kop"
        assert all(cel.value for cel in ws[1]), f"{naam} heeft een lege kop"
        assert ws.freeze_panes == "A2", f"de kopregel van {naam} staat niet vast"

    ws = boek["Acties"]
    assert [cel.value for cel in ws[1]] == ACTIES_KOPPEN
    kolommen = _kolommen(ws)
    lijsten = {kop: _keuzelijst(boek, ws, kolommen[kop]) for kop in KEUZEKOLOMMEN}
    assert lijsten["Werkgroep"] == ["POVO-werkgroep"]
    assert {"Gepland", "Lopend", "Afgerond"} <= set(lijsten["Status"] or [])
    knopen = lijsten["Knoop"] or []
    assert len(knopen) == len(set(knopen)) == 10
    # Each of the five goals (Doel 1-5) is offered under its uitgangspunt's code.
    assert sorted(label.split(" ", 1)[0] for label in knopen) == sorted(
        ["1", "1.1", "1.2", "2", "3", "4", "4.3", "5", "5.4", "5.5"]
    )
    # Ilse's own columns are free text without a drop-down.
    assert _keuzelijst(boek, ws, kolommen["Actie"]) is None


def test_ingetypte_uitvoeringsagenda_geeft_dezelfde_38_acties(nieuwe_agenda, ilse, ijsselstein):
    rijen = _getypte_rijen()
    assert len(rijen) == 38
    context = Context(agenda=nieuwe_agenda, door=ilse, bestandsnaam=BESTANDSNAAM)
    inhoud = _ingevuld(werkboek_schrijf(context, leeg=True), rijen)

    voorbeeld = werkboek_lees(context, inhoud)

    fouten = "\n".join(str(fout) for fout in voorbeeld.fouten)
    assert not voorbeeld.heeft_fouten, f"Het ingetypte sjabloon heeft fouten:\n{fouten}"
    assert [(r.blad, r.uitkomst) for r in voorbeeld.regels] == [("Acties", Uitkomst.NIEUW)] * 38
    assert not Actie.objects.filter(agenda=nieuwe_agenda).exists()  # the preview writes nothing

    werkboek_pas_toe(context, inhoud, vingerafdruk=voorbeeld.vingerafdruk())

    # The history says where each action came from.
    redenen = {
        actie.history.earliest().history_change_reason
        for actie in Actie.objects.filter(agenda=nieuwe_agenda)
    }
    assert redenen == {f"via import {BESTANDSNAAM}"}

    ingetypt = _zoals_bewaard(nieuwe_agenda)
    demo = _zoals_bewaard(ijsselstein)
    assert len(ingetypt) == len(demo) == 38
    verschillen = [
        f"rij {nummer} ({a['code']} {a['titel']}): {veld}: ingetypt {a[veld]!r}, demo {b[veld]!r}"
        for nummer, (a, b) in enumerate(zip(ingetypt, demo, strict=True), start=1)
        for veld in VELDEN
        if a[veld] != b[veld]
    ]
    assert not verschillen, "Verschillen met de demo-agenda:\n" + "\n".join(verschillen)


def test_een_doel_van_een_andere_agenda_wordt_geweigerd(nieuwe_agenda, ilse, bunnik):
    """The same typed file with one goal picked from Bunnik's list: that cell is refused."""
    boek = load_workbook(io.BytesIO(werkboek_schrijf(Context(agenda=bunnik, door=ilse), leeg=True)))
    bunnik_knoop = (_keuzelijst(boek, boek["Acties"], _kolommen(boek["Acties"])["Knoop"]) or [])[0]
    context = Context(agenda=nieuwe_agenda, door=ilse, bestandsnaam=BESTANDSNAAM)
    boek = load_workbook(
        io.BytesIO(_ingevuld(werkboek_schrijf(context, leeg=True), _getypte_rijen()))
    )
    boek["Acties"].cell(6, _kolommen(boek["Acties"])["Knoop"], bunnik_knoop)
    uitvoer = io.BytesIO()
    boek.save(uitvoer)

    voorbeeld = werkboek_lees(context, uitvoer.getvalue())

    assert [(f.rij, f.kolom) for f in voorbeeld.fouten] == [(6, "Knoop")]
    assert [r.uitkomst for r in voorbeeld.regels].count(Uitkomst.NIEUW) == 37
    with pytest.raises(WerkboekFout):
        werkboek_pas_toe(context, uitvoer.getvalue())
    assert not Actie.objects.filter(agenda=nieuwe_agenda).exists()
