"""The Acties and Voortgang sheets of the agenda workbook: a round trip changes nothing, an
edited file gives exactly its edits (with their history), and every error names its row and
column and leaves the agenda as it was."""

import datetime
import io
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from lea.config.demo_voortgang import demo_voortgang_verwijder
from lea.models import Agenda, Opdracht
from lea.weergave import naam_van
from lea.werkboek import Context, Uitkomst, WerkboekFout, werkboek_lees, werkboek_pas_toe
from lea.werkboek import werkboek_schrijf as schrijf
from tests.factories import KnoopFactory
from werkgroepen.models import AFGEROND_IS_100, Actie, Status, TimingSoort, Voortgang, Werkgroep
from werkgroepen.planning import lees_planning
from werkgroepen.selectors import actie_historie
from werkgroepen.services import actie_archiveer, voortgang_registreer
from werkgroepen.werkboek import ACTIES, VOORTGANG, knooplabels

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def zoals_getranscribeerd(bunnik):
    """Bunnik as transcribed: these tests start from actions without progress."""
    demo_voortgang_verwijder(bunnik)


BLADEN = [ACTIES, VOORTGANG]
BESTAND = "x.xlsx"
DEMO = ["bunnik-2025", "hilversum-2024", "houten-2024", "ijsselstein-2025", "westland-2022"]


def _context(agenda: Agenda, door: Any = None, werkgroep: Werkgroep | None = None) -> Context:
    return Context(
        agenda=agenda,
        door=door,
        bestandsnaam=BESTAND,
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


def _uitkomsten(voorbeeld, blad: str) -> dict[str, int]:
    return {uitkomst: n for uitkomst, n in voorbeeld.telling().get(blad, {}).items() if n}


def _stand(agenda: Agenda) -> list[tuple]:
    """Everything an import may touch, to show a refused import changed nothing."""
    acties = Actie.objects.filter(agenda=agenda).order_by("pk")
    return [
        *acties.values_list(),
        Voortgang.objects.filter(actie__agenda=agenda).count(),
        Actie.history.filter(agenda_id=agenda.pk).count(),
    ]


# --- round trip -----------------------------------------------------------------------------


@pytest.mark.parametrize("slug", DEMO)
def test_round_trip_of_every_demo_agenda_changes_nothing(slug):
    agenda = Agenda.objects.get(slug=slug)
    context = _context(agenda)
    voorbeeld = werkboek_lees(context, schrijf(context, namen=BLADEN), namen=BLADEN)

    actief = Actie.objects.filter(agenda=agenda).actief().count()
    assert voorbeeld.fouten == []
    assert voorbeeld.bladen == BLADEN
    for blad in BLADEN:
        assert _uitkomsten(voorbeeld, blad) == ({"ongewijzigd": actief} if actief else {})
    assert not any(r.opmerkingen for r in voorbeeld.regels)


@pytest.mark.parametrize("slug", DEMO)
def test_every_node_has_one_readable_label(slug):
    agenda = Agenda.objects.get(slug=slug)
    labels = knooplabels(agenda)
    assert set(labels) == set(agenda.knopen.actief().values_list("pk", flat=True))
    assert len({label.lower() for label in labels.values()}) == len(labels)
    assert all(len(label) < 90 for label in labels.values())


def test_a_node_label_is_its_code_path_and_title(hilversum):
    labels = set(knooplabels(hilversum).values())
    assert "1.A Werken aan partnerschap met ouders" in labels
    assert "1 Een goede start en een doorgaande brede ontwikkeling" in labels


def test_nodes_without_a_code_or_with_one_label_get_their_number(bunnik):
    zonder = KnoopFactory(agenda=bunnik, code="", titel="Ouderbetrokkenheid")
    ouder = bunnik.knopen.get(code="1")
    # Two level-2 nodes whose labels would read the same.
    a = KnoopFactory(agenda=bunnik, niveau=2, ouder=ouder, code="A", titel="Zelfde titel")
    b = KnoopFactory(agenda=bunnik, niveau=2, ouder=ouder, code="a", titel="Zelfde titel")
    labels = knooplabels(bunnik)
    assert labels[zonder.pk] == f"Ouderbetrokkenheid #{zonder.pk}"
    assert labels[a.pk] == f"1.A Zelfde titel #{a.pk}"
    assert labels[b.pk] == f"1.a Zelfde titel #{b.pk}"


# --- an edited export -----------------------------------------------------------------------


def test_an_edited_export_gives_exactly_its_edits(bunnik, anne):
    acties = list(Actie.objects.filter(agenda=bunnik).actief().order_by("volgorde"))
    titel, werkgroep_actie, planning, weg = acties[0], acties[1], acties[2], acties[3]
    andere_werkgroep = (
        bunnik.werkgroepen.actief().exclude(pk=werkgroep_actie.werkgroep_id).order_by("pk").first()
    )
    context = _context(bunnik, anne)
    boek = Boek(context)
    boek.zet(ACTIES, titel, "Actie", "Een nieuwe titel")
    boek.zet(ACTIES, werkgroep_actie, "Werkgroep", andere_werkgroep.naam)
    boek.zet(ACTIES, planning, "Planning", "Q3 2026")  # start and end left as they were
    boek.boek[ACTIES].delete_rows(boek.rij(ACTIES, weg))
    knoop = boek.cel(ACTIES, titel, "Knoop").value
    nieuw = boek.voeg_toe(
        ACTIES, Knoop=knoop, Actie="Voorleesontbijt", Planning="2027", Status="Lopend"
    )
    inhoud = boek.bytes()

    voorbeeld = werkboek_lees(context, inhoud, namen=[ACTIES])
    assert voorbeeld.fouten == []
    regels = voorbeeld.regels
    gewijzigd = {r.wat: r.wijzigingen for r in regels if r.uitkomst == Uitkomst.GEWIJZIGD}
    assert {r.uitkomst for r in regels} == {
        Uitkomst.GEWIJZIGD,
        Uitkomst.NIEUW,
        Uitkomst.ONGEWIJZIGD,
        Uitkomst.ONTBREEKT,
    }
    assert [(w.kolom, w.oud, w.nieuw) for w in gewijzigd[f"{titel.code} Een nieuwe titel"]] == [
        ("Actie", titel.titel, "Een nieuwe titel")
    ]
    assert [(w.kolom, w.nieuw) for w in gewijzigd[str(werkgroep_actie)]] == [
        ("Werkgroep", andere_werkgroep.naam)
    ]
    # The new text gives the dates (the parser's reading of "Q3 2026").
    assert [(w.kolom, w.nieuw) for w in gewijzigd[str(planning)]] == [
        ("Planning", "Q3 2026"),
        ("Start", "01-07-2026"),
        ("Einde", "30-09-2026"),
    ]
    assert len(gewijzigd) == 3
    assert [(r.rij, r.wat) for r in regels if r.uitkomst == Uitkomst.NIEUW] == [
        (nieuw, "Voorleesontbijt")
    ]
    assert [r.wat for r in regels if r.uitkomst == Uitkomst.ONTBREEKT] == [str(weg)]

    werkboek_pas_toe(context, inhoud, namen=[ACTIES], vingerafdruk=voorbeeld.vingerafdruk())

    for actie in (titel, werkgroep_actie, planning, weg):
        actie.refresh_from_db()
    assert titel.titel == "Een nieuwe titel"
    assert werkgroep_actie.werkgroep == andere_werkgroep
    assert (planning.timing_tekst, planning.timing_soort) == ("Q3 2026", TimingSoort.KWARTAAL)
    assert (planning.timing_start, planning.timing_eind) == (
        datetime.date(2026, 7, 1),
        datetime.date(2026, 9, 30),
    )
    assert not weg.gearchiveerd  # missing from the file, never deleted
    gemaakt = Actie.objects.get(agenda=bunnik, titel="Voorleesontbijt")
    assert gemaakt.knoop == titel.knoop
    assert (gemaakt.timing_soort, gemaakt.timing_start, gemaakt.timing_eind) == (
        TimingSoort.JAAR,
        datetime.date(2027, 1, 1),
        datetime.date(2027, 12, 31),
    )
    assert gemaakt.status == Status.LOPEND
    assert gemaakt.volgorde > max(a.volgorde for a in acties)
    for actie in (titel, werkgroep_actie, planning, gemaakt):
        laatste = actie.history.latest("history_date")
        assert laatste.history_change_reason == f"via import {BESTAND}"
        assert laatste.history_user == anne
    assert weg.history.filter(history_change_reason__isnull=False).count() == 0

    # A fresh export of the new state reads back unchanged.
    opnieuw = werkboek_lees(context, schrijf(context, namen=[ACTIES]), namen=[ACTIES])
    assert _uitkomsten(opnieuw, ACTIES) == {"ongewijzigd": len(acties) + 1}


def test_the_history_shows_the_import(client, bunnik, anne):
    actie = Actie.objects.filter(agenda=bunnik).actief().order_by("volgorde").first()
    context = _context(bunnik, anne)
    boek = Boek(context, [ACTIES])
    boek.zet(ACTIES, actie, "Beoogd bereik", "Alle ouders van peuters")
    werkboek_pas_toe(context, boek.bytes(), namen=[ACTIES])

    regel = actie_historie(actie)[0]
    assert (regel.wie, regel.reden) == (naam_van(anne), f"via import {BESTAND}")
    assert [veld for veld, _oud, _nieuw in regel.wijzigingen] == ["beoogd bereik"]
    client.force_login(anne)
    pagina = client.get(reverse("actie_detail", args=[bunnik.slug, actie.pk]))
    assert f"(via import {BESTAND})" in pagina.content.decode()
    assert "Alle ouders van peuters" in pagina.content.decode()


def test_a_change_made_in_the_app_has_no_reason(bunnik, anne):
    actie = Actie.objects.filter(agenda=bunnik).actief().first()
    actie_archiveer(actie=actie, door=anne)
    assert actie_historie(actie)[0].reden == ""


# --- errors ---------------------------------------------------------------------------------


def _hilversum_knoop(hilversum) -> str:
    return next(iter(knooplabels(hilversum).values()))


# (sheet, the cells typed on an existing action's row, the column in error, the message).
FOUTEN = [
    (ACTIES, {"Werkgroep": "Onbekend"}, "Werkgroep", "‘Onbekend’ is geen keuze voor Werkgroep"),
    (ACTIES, {"Start": "31-02-2026"}, "Start", "‘31-02-2026’ is geen bestaande datum."),
    (
        ACTIES,
        {"Start": "01-06-2026", "Einde": "01-01-2026"},
        "Einde",
        "De start ligt na het einde.",
    ),
    (ACTIES, {"Status": "Bijna klaar"}, "Status", "‘Bijna klaar’ is geen keuze voor Status"),
    (ACTIES, {"Status": "Gestopt"}, "Status", "De status wijzigt u op het blad Voortgang"),
    (ACTIES, {"Knoop": "HILVERSUM"}, "Knoop", "is geen keuze voor Knoop in deze agenda"),
    (ACTIES, {"Knoop": None}, "Knoop", "Kies de knoop (het doel) waar deze actie bij hoort."),
    (ACTIES, {"Actie": None}, "Actie", "Vul de titel van de actie in."),
    (
        ACTIES,
        {"Leeftijd vanaf": 12, "Leeftijd tot en met": 4},
        "Leeftijd tot en met",
        "De minimumleeftijd is hoger dan de maximumleeftijd.",
    ),
    (ACTIES, {"Code": "C" * 30}, "Code", "Zorg dat deze waarde niet meer dan 20 tekens bevat"),
    (VOORTGANG, {"% gereed": 120}, "% gereed", "Een percentage ligt tussen 0 en 100."),
    (VOORTGANG, {"% gereed": "half"}, "% gereed", "‘half’ is geen geheel getal."),
    (VOORTGANG, {"Status": "Bijna klaar"}, "Status", "‘Bijna klaar’ is geen keuze voor Status"),
    (VOORTGANG, {"RAG tijd": "Paars"}, "RAG tijd", "‘Paars’ is geen keuze voor RAG tijd"),
    (
        VOORTGANG,
        {"% gereed": 60, "Toelichting": None},
        "Toelichting",
        "Schrijf een toelichting bij deze voortgang.",
    ),
    (VOORTGANG, {"% gereed": 60, "RAG geld": None}, "RAG geld", "Kies RAG geld: Groen, Oranje"),
    (VOORTGANG, {"Status": "Afgerond", "% gereed": 60}, "% gereed", AFGEROND_IS_100),
]


@pytest.mark.parametrize(("blad", "cellen", "kop", "melding"), FOUTEN, ids=lambda w: str(w)[:30])
def test_an_error_names_its_row_and_column_and_nothing_is_applied(
    bunnik, hilversum, anne, blad, cellen, kop, melding
):
    acties = list(Actie.objects.filter(agenda=bunnik).actief().order_by("volgorde")[:2])
    _rapporteer(acties[0], anne)
    context = _context(bunnik, anne)
    boek, export = Boek(context), Boek(context)
    for kolom, waarde in cellen.items():
        waarde = _hilversum_knoop(hilversum) if waarde == "HILVERSUM" else waarde
        rij = boek.zet(blad, acties[0], kolom, waarde)
    # A valid edit elsewhere in the same file is refused with it: all or nothing.
    boek.zet(ACTIES, acties[1], "Actie", "Een geldige nieuwe titel")
    inhoud = boek.bytes()
    voor = _stand(bunnik)

    voorbeeld = werkboek_lees(context, inhoud, namen=BLADEN)

    assert [(f.blad, f.rij, f.kolom) for f in voorbeeld.fouten] == [(blad, rij, kop)]
    assert melding in voorbeeld.fouten[0].melding
    with pytest.raises(WerkboekFout, match="er is niets gewijzigd"):
        werkboek_pas_toe(context, inhoud, namen=BLADEN)
    assert _stand(bunnik) == voor

    # The same file with the mistake undone goes through.
    for kolom in cellen:
        boek.zet(blad, acties[0], kolom, export.cel(blad, acties[0], kolom).value)
    werkboek_pas_toe(context, boek.bytes(), namen=BLADEN)
    acties[1].refresh_from_db()
    assert acties[1].titel == "Een geldige nieuwe titel"


def _rapporteer(actie: Actie, door: Any, **anders: Any) -> Voortgang:
    velden = {
        "status": Status.LOPEND,
        "rag_tijd": "groen",
        "rag_geld": "oranje",
        "percentage": 40,
        "toelichting": "De eerste bijeenkomst is geweest.",
        **anders,
    }
    return voortgang_registreer(actie=actie, door=door, datum=timezone.localdate(), **velden)


def test_an_id_that_is_not_an_action_of_this_agenda(bunnik, hilversum, anne):
    eigen = Actie.objects.filter(agenda=bunnik).actief().order_by("volgorde").first()
    vreemd = Actie.objects.filter(agenda=hilversum).first()
    gearchiveerd = Actie.objects.filter(agenda=bunnik).actief().order_by("volgorde").last()
    actie_archiveer(actie=gearchiveerd, door=anne)
    context = _context(bunnik, anne)
    boek = Boek(context)
    rij = boek.rij(ACTIES, eigen)
    assert boek.rij(VOORTGANG, eigen) == rij
    knoop = boek.cel(ACTIES, eigen, "Knoop").value
    boek.zet(VOORTGANG, eigen, "% gereed", 10)
    boek.zet(ACTIES, eigen, "ID", vreemd.pk)
    boek.zet(VOORTGANG, eigen, "ID", 987654)
    gearchiveerd_rij = boek.voeg_toe(ACTIES, ID=gearchiveerd.pk, Knoop=knoop)
    gearchiveerd_vg = boek.voeg_toe(VOORTGANG, ID=gearchiveerd.pk, Toelichting="Nog bezig")
    leeg = boek.voeg_toe(VOORTGANG, Status="Lopend", Toelichting="Zonder nummer")

    voorbeeld = werkboek_lees(context, boek.bytes(), namen=BLADEN)

    fouten = {(f.blad, f.rij, f.kolom): f.melding for f in voorbeeld.fouten}
    # Another agenda's action and a number that is no action read the same: nothing leaks.
    assert fouten[(ACTIES, rij, "ID")] == f"ID {vreemd.pk} is geen actie van deze agenda."
    assert fouten[(VOORTGANG, rij, "ID")] == "ID 987654 is geen actie van deze agenda."
    assert fouten[(ACTIES, gearchiveerd_rij, "ID")].endswith(
        "is gearchiveerd. Zet de actie eerst in LEA terug (knop ‘Terugzetten’ op de pagina "
        "van de actie) en lees het bestand dan opnieuw in."
    )
    assert fouten[(VOORTGANG, leeg, "ID")] == (
        "Voortgang hoort bij een bestaande actie: vul het ID in."
    )
    assert fouten[(VOORTGANG, gearchiveerd_vg, "ID")] == fouten[(ACTIES, gearchiveerd_rij, "ID")]
    assert len(fouten) == 5
    # The action whose row now carries another ID is not in the file any more.
    ontbreekt = [(r.blad, r.wat) for r in voorbeeld.regels if r.uitkomst == Uitkomst.ONTBREEKT]
    assert ontbreekt == [(ACTIES, str(eigen)), (VOORTGANG, str(eigen))]


def test_a_duplicate_id_is_an_error_on_its_second_row(bunnik, anne):
    actie = Actie.objects.filter(agenda=bunnik).actief().order_by("volgorde").first()
    context = _context(bunnik, anne)
    boek = Boek(context, [ACTIES])
    rij = boek.rij(ACTIES, actie)
    tweede = boek.voeg_toe(
        ACTIES,
        **{
            k: boek.boek[ACTIES].cell(rij, boek.kolom(ACTIES, k)).value
            for k in ("ID", "Knoop", "Actie")
        },
    )
    voorbeeld = werkboek_lees(context, boek.bytes(), namen=[ACTIES])
    assert [(f.rij, f.kolom, f.melding) for f in voorbeeld.fouten] == [
        (tweede, "ID", f"ID {actie.pk} komt twee keer voor (ook in rij {rij}).")
    ]


def test_a_new_action_starts_with_the_status_of_its_row(bunnik, anne):
    context = _context(bunnik, anne)
    boek = Boek(context, [ACTIES])
    knoop = next(iter(knooplabels(bunnik).values()))
    boek.voeg_toe(ACTIES, Knoop=knoop, Actie="Al klaar", Status="afgerond")  # any case
    boek.voeg_toe(ACTIES, Knoop=knoop, Actie="Nog te doen")
    werkboek_pas_toe(context, boek.bytes(), namen=[ACTIES])
    klaar = Actie.objects.get(agenda=bunnik, titel="Al klaar")
    assert (klaar.status, klaar.percentage) == (Status.AFGEROND, 100)
    assert Actie.objects.get(agenda=bunnik, titel="Nog te doen").status == Status.GEPLAND


def test_a_planning_text_not_understood_stays_text_and_the_preview_says_so(bunnik, anne):
    context = _context(bunnik, anne)
    boek = Boek(context, [ACTIES])
    knoop = next(iter(knooplabels(bunnik).values()))
    tekst = "volgens de gezamenlijk overeengekomen fasering"
    assert not lees_planning(tekst).begrepen
    rij = boek.voeg_toe(ACTIES, Knoop=knoop, Actie="Fasering volgen", Planning=tekst)

    voorbeeld = werkboek_lees(context, boek.bytes(), namen=[ACTIES])

    regel = next(r for r in voorbeeld.regels if r.rij == rij)
    assert regel.uitkomst == Uitkomst.NIEUW
    assert regel.opmerkingen == [
        f"Planning ‘{tekst}’ niet herkend: blijft als tekst, zonder start en einde."
    ]
    assert not any(r.opmerkingen for r in voorbeeld.regels if r.rij != rij)
    werkboek_pas_toe(context, boek.bytes(), namen=[ACTIES])
    actie = Actie.objects.get(agenda=bunnik, titel="Fasering volgen")
    assert (actie.timing_tekst, actie.timing_soort) == (tekst, TimingSoort.ONBEPAALD)
    assert (actie.timing_start, actie.timing_eind) == (None, None)


def test_dates_typed_by_hand_win_and_get_a_fitting_kind(bunnik, anne):
    acties = list(Actie.objects.filter(agenda=bunnik).actief().order_by("volgorde")[:3])
    context = _context(bunnik, anne)
    boek = Boek(context, [ACTIES])
    # Dates that are the text's own reading keep its kind.
    boek.zet(ACTIES, acties[0], "Planning", "Q2 2027")
    boek.zet(ACTIES, acties[0], "Start", datetime.date(2027, 4, 1))
    boek.zet(ACTIES, acties[0], "Einde", datetime.date(2027, 6, 30))
    # Other dates are taken as given: an end alone is a deadline, both a period.
    boek.zet(ACTIES, acties[1], "Start", None)
    boek.zet(ACTIES, acties[1], "Einde", "15-03-2027")
    boek.zet(ACTIES, acties[2], "Start", "2027-01-10")
    boek.zet(ACTIES, acties[2], "Einde", "2027-02-20")
    # Ages from the text when the range is left empty.
    boek.zet(ACTIES, acties[2], "Leeftijd", "4 t/m 12 jaar")
    werkboek_pas_toe(context, boek.bytes(), namen=[ACTIES])
    for actie in acties:
        actie.refresh_from_db()
    assert [(a.timing_soort, a.timing_start, a.timing_eind) for a in acties] == [
        (TimingSoort.KWARTAAL, datetime.date(2027, 4, 1), datetime.date(2027, 6, 30)),
        (TimingSoort.DATUM, None, datetime.date(2027, 3, 15)),
        (TimingSoort.PERIODE, datetime.date(2027, 1, 10), datetime.date(2027, 2, 20)),
    ]
    assert (acties[2].leeftijd_min, acties[2].leeftijd_max) == (4, 12)


# --- the chair's Voortgang ------------------------------------------------------------------


def test_the_chair_updates_the_progress_of_their_own_werkgroep(
    bunnik, victor, werkgroep, actie_van_victor, andere_actie
):
    context = _context(bunnik, victor, werkgroep)
    boek = Boek(context, [VOORTGANG])
    assert boek.boek.sheetnames == [VOORTGANG, "Lijsten"]
    ws = boek.boek[VOORTGANG]
    ids = {ws.cell(r, 1).value for r in range(2, ws.max_row + 1)}
    assert ids == set(werkgroep.acties.actief().values_list("pk", flat=True))

    rij = boek.zet(VOORTGANG, actie_van_victor, "Status", "Lopend")
    boek.zet(VOORTGANG, actie_van_victor, "RAG tijd", "Groen")
    boek.zet(VOORTGANG, actie_van_victor, "RAG geld", "oranje")
    boek.zet(VOORTGANG, actie_van_victor, "% gereed", 30)
    boek.zet(VOORTGANG, actie_van_victor, "Toelichting", "Startbijeenkomst gehouden.")
    # A row of another werkgroep, typed in: an error, whatever it says.
    vreemd = boek.voeg_toe(VOORTGANG, ID=andere_actie.pk, Status="Afgerond", **{"% gereed": 100})
    voorbeeld = werkboek_lees(context, boek.bytes())
    assert [(f.rij, f.kolom) for f in voorbeeld.fouten] == [(vreemd, "Werkgroep")]
    assert voorbeeld.fouten[0].melding.startswith("Deze actie hoort niet bij uw werkgroep")
    with pytest.raises(WerkboekFout):
        werkboek_pas_toe(context, boek.bytes())
    assert not andere_actie.voortgang.exists()

    boek.boek[VOORTGANG].delete_rows(vreemd)
    voorbeeld = werkboek_lees(context, boek.bytes())
    assert [(r.rij, r.uitkomst) for r in voorbeeld.regels if r.uitkomst != "ongewijzigd"] == [
        (rij, Uitkomst.GEWIJZIGD)
    ]
    werkboek_pas_toe(context, boek.bytes(), vingerafdruk=voorbeeld.vingerafdruk())

    voortgang = actie_van_victor.voortgang.get()
    assert (voortgang.door, voortgang.datum) == (victor, timezone.localdate())
    assert (voortgang.status, voortgang.rag_tijd, voortgang.rag_geld) == (
        Status.LOPEND,
        "groen",
        "oranje",
    )
    assert (voortgang.percentage, voortgang.toelichting) == (30, "Startbijeenkomst gehouden.")
    actie_van_victor.refresh_from_db()
    assert (actie_van_victor.status, actie_van_victor.percentage) == (Status.LOPEND, 30)
    # The status notification goes as from the form.
    assert Opdracht.objects.filter(omschrijving__contains=str(actie_van_victor)).exists()
    assert voortgang.history.get().history_change_reason == f"via import {BESTAND}"

    # The next export shows the new state, and reads back unchanged.
    opnieuw = Boek(context, [VOORTGANG])
    assert opnieuw.cel(VOORTGANG, actie_van_victor, "Toelichting").value == (
        "Startbijeenkomst gehouden."
    )
    assert opnieuw.cel(VOORTGANG, actie_van_victor, "RAG geld").value == "Oranje"
    voorbeeld = werkboek_lees(context, opnieuw.bytes())
    assert _uitkomsten(voorbeeld, VOORTGANG) == {"ongewijzigd": len(ids)}


def test_the_chairs_import_reads_only_the_voortgang_sheet(bunnik, anne, victor, werkgroep):
    volledig = Boek(_context(bunnik, anne))
    actie = werkgroep.acties.actief().first()
    volledig.zet(ACTIES, actie, "Actie", "Door de voorzitter hernoemd")
    context = _context(bunnik, victor, werkgroep)
    voorbeeld = werkboek_lees(context, volledig.bytes())
    assert voorbeeld.bladen == [VOORTGANG]
    assert any("‘Acties’ is niet ingelezen" in o for o in voorbeeld.opmerkingen)
    # Rows of other werkgroepen in the full sheet are errors for the chair.
    andere = Actie.objects.filter(agenda=bunnik).actief().exclude(werkgroep=werkgroep)
    assert {(f.rij, f.kolom) for f in voorbeeld.fouten} == {
        (volledig.rij(VOORTGANG, a), "Werkgroep") for a in andere
    }
