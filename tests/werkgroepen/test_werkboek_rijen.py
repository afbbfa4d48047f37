"""The werkgroepen's workbook row by row: a new action, planning texts and typed dates, and the
chair's import of the Voortgang sheet of their own werkgroep."""

import datetime

import pytest
from django.utils import timezone

from lea.config.demo_voortgang import demo_voortgang_verwijder
from lea.models import Opdracht
from lea.werkboek import Uitkomst, WerkboekFout, werkboek_lees, werkboek_pas_toe
from tests.werkgroepen.werkboekproef import (
    BESTAND,
    Boek,
    context_van,
    uitkomsten,
)
from werkgroepen.models import Actie, Status, TimingSoort
from werkgroepen.planning import lees_planning
from werkgroepen.werkboek import ACTIES, VOORTGANG, knooplabels

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def zoals_getranscribeerd(bunnik):
    """Bunnik as transcribed: these tests start from actions without progress."""
    demo_voortgang_verwijder(bunnik)


def test_a_new_action_starts_with_the_status_of_its_row(bunnik, anne):
    context = context_van(bunnik, anne)
    boek = Boek(context, [ACTIES])
    knoop = next(iter(knooplabels(bunnik).values()))
    boek.voeg_toe(ACTIES, Knoop=knoop, Actie="Al klaar", Status="afgerond")  # any case
    boek.voeg_toe(ACTIES, Knoop=knoop, Actie="Nog te doen")
    werkboek_pas_toe(context, boek.bytes(), namen=[ACTIES])
    klaar = Actie.objects.get(agenda=bunnik, titel="Al klaar")
    assert (klaar.status, klaar.percentage) == (Status.AFGEROND, 100)
    assert Actie.objects.get(agenda=bunnik, titel="Nog te doen").status == Status.GEPLAND


def test_a_planning_text_not_understood_stays_text_and_the_preview_says_so(bunnik, anne):
    context = context_van(bunnik, anne)
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
    context = context_van(bunnik, anne)
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
    context = context_van(bunnik, victor, werkgroep)
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
    assert uitkomsten(voorbeeld, VOORTGANG) == {"ongewijzigd": len(ids)}


def test_the_chairs_import_reads_only_the_voortgang_sheet(bunnik, anne, victor, werkgroep):
    volledig = Boek(context_van(bunnik, anne))
    actie = werkgroep.acties.actief().first()
    volledig.zet(ACTIES, actie, "Actie", "Door de voorzitter hernoemd")
    context = context_van(bunnik, victor, werkgroep)
    voorbeeld = werkboek_lees(context, volledig.bytes())
    assert voorbeeld.bladen == [VOORTGANG]
    assert any("‘Acties’ is niet ingelezen" in o for o in voorbeeld.opmerkingen)
    # Rows of other werkgroepen in the full sheet are errors for the chair.
    andere = Actie.objects.filter(agenda=bunnik).actief().exclude(werkgroep=werkgroep)
    assert {(f.rij, f.kolom) for f in voorbeeld.fouten} == {
        (volledig.rij(VOORTGANG, a), "Werkgroep") for a in andere
    }
