"""The werkgroepen's workbook refused: each error names its row and column, and nothing is
applied (a wrong value, an id of another agenda, an id twice)."""

import pytest

from lea.config.demo_voortgang import demo_voortgang_verwijder
from lea.werkboek import Uitkomst, WerkboekFout, werkboek_lees, werkboek_pas_toe
from tests.werkgroepen.werkboekproef import (
    BLADEN,
    Boek,
    context_van,
    rapporteer,
    stand,
)
from werkgroepen.models import AFGEROND_IS_100, Actie
from werkgroepen.services import actie_archiveer
from werkgroepen.werkboek import ACTIES, VOORTGANG, knooplabels

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def zoals_getranscribeerd(bunnik):
    """Bunnik as transcribed: these tests start from actions without progress."""
    demo_voortgang_verwijder(bunnik)


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
    rapporteer(acties[0], anne)
    context = context_van(bunnik, anne)
    boek, export = Boek(context), Boek(context)
    for kolom, waarde in cellen.items():
        waarde = _hilversum_knoop(hilversum) if waarde == "HILVERSUM" else waarde
        rij = boek.zet(blad, acties[0], kolom, waarde)
    # A valid edit elsewhere in the same file is refused with it: all or nothing.
    boek.zet(ACTIES, acties[1], "Actie", "Een geldige nieuwe titel")
    inhoud = boek.bytes()
    voor = stand(bunnik)

    voorbeeld = werkboek_lees(context, inhoud, namen=BLADEN)

    assert [(f.blad, f.rij, f.kolom) for f in voorbeeld.fouten] == [(blad, rij, kop)]
    assert melding in voorbeeld.fouten[0].melding
    with pytest.raises(WerkboekFout, match="er is niets gewijzigd"):
        werkboek_pas_toe(context, inhoud, namen=BLADEN)
    assert stand(bunnik) == voor

    # The same file with the mistake undone goes through.
    for kolom in cellen:
        boek.zet(blad, acties[0], kolom, export.cel(blad, acties[0], kolom).value)
    werkboek_pas_toe(context, boek.bytes(), namen=BLADEN)
    acties[1].refresh_from_db()
    assert acties[1].titel == "Een geldige nieuwe titel"


def test_an_id_that_is_not_an_action_of_this_agenda(bunnik, hilversum, anne):
    eigen = Actie.objects.filter(agenda=bunnik).actief().order_by("volgorde").first()
    vreemd = Actie.objects.filter(agenda=hilversum).first()
    gearchiveerd = Actie.objects.filter(agenda=bunnik).actief().order_by("volgorde").last()
    actie_archiveer(actie=gearchiveerd, door=anne)
    context = context_van(bunnik, anne)
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
    context = context_van(bunnik, anne)
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
