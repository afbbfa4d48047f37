"""Planning and age as written: the one parser (werkgroepen.planning), checked against every
action of the five demo agendas, and used by the JSON import, the action form and the data
migration."""

import datetime
from typing import Any

import pytest

from tests.werkgroepen import demodocumenten as demo
from werkgroepen.planning import Planning, lees_leeftijd, lees_planning

D = datetime.date
PERIODE = {"periode_start": D(2025, 1, 1), "periode_eind": D(2028, 12, 31)}


def _acties() -> list[Any]:
    """Every action of the five demo agendas, with its agenda's period."""
    gevallen = []
    for pad in demo.FIXTURES:
        document = demo.document(pad)
        agenda = document["agenda"]
        periode = {
            "periode_start": demo.datum(agenda["periode_start"]),
            "periode_eind": demo.datum(agenda["periode_eind"]),
        }
        for actie in document["acties"]:
            gevallen.append(pytest.param(actie, periode, id=f"{agenda['slug']}:{actie['sleutel']}"))
    return gevallen


def test_the_five_demo_agendas_are_all_read():
    assert len(demo.FIXTURES) == 5
    assert len(_acties()) == sum(len(demo.document(pad)["acties"]) for pad in demo.FIXTURES) > 100


@pytest.mark.parametrize(("actie", "periode"), _acties())
def test_every_demo_planning_reads_as_the_fixture_stores_it(actie, periode):
    timing = actie["timing"]
    planning = lees_planning(timing["tekst"], **periode)
    opgeslagen = (timing["soort"], demo.datum(timing["start"]), demo.datum(timing["eind"]))
    if planning.begrepen:
        assert (planning.soort, planning.start, planning.eind) == opgeslagen
    else:  # a text the parser cannot read is stored as onbepaald, without dates
        assert timing["tekst"].strip()
        assert opgeslagen == ("onbepaald", None, None)
        assert (planning.soort, planning.start, planning.eind) == opgeslagen


@pytest.mark.parametrize(("actie", "periode"), _acties())
def test_every_demo_age_reads_as_the_fixture_stores_it(actie, periode):
    leeftijd = actie["leeftijd"]
    assert lees_leeftijd(leeftijd["tekst"]) == (leeftijd["min"], leeftijd["max"])


def _p(soort: str, start: datetime.date | None, eind: datetime.date | None) -> Planning:
    return Planning(soort, start, eind, begrepen=True)


JAAR_2025 = _p("jaar", D(2025, 1, 1), D(2025, 12, 31))
Q3_2025 = _p("kwartaal", D(2025, 7, 1), D(2025, 9, 30))
H1_2025 = _p("halfjaar", D(2025, 1, 1), D(2025, 6, 30))
H2_2025 = _p("halfjaar", D(2025, 7, 1), D(2025, 12, 31))
SEPT_2025 = _p("maand", D(2025, 9, 1), D(2025, 9, 30))
MAART_1 = _p("datum", None, D(2026, 3, 1))
SJ_2025 = _p("schooljaar", D(2025, 8, 1), D(2026, 7, 31))
TERUGKEREND = _p("terugkerend", D(2025, 1, 1), None)
DOORLOPEND = _p("doorlopend", D(2025, 1, 1), None)
DE_PERIODE = _p("periode", D(2025, 1, 1), D(2028, 12, 31))

VORMEN = {
    "2025": JAAR_2025,
    "In 2025": JAAR_2025,
    "in 2025.": JAAR_2025,
    "Q3 2025": Q3_2025,
    "q3  2025": Q3_2025,
    "Q3-2025": Q3_2025,
    "3e kwartaal 2025": Q3_2025,
    "derde kwartaal 2025": Q3_2025,
    "kwartaal 3 2025": Q3_2025,
    "In het 3e kwartaal van 2025": Q3_2025,
    "eerste helft 2025": H1_2025,
    "1e helft 2025": H1_2025,
    "voorjaar 2025": H1_2025,
    "tweede helft 2025": H2_2025,
    "H2 2025": H2_2025,
    "najaar 2025": H2_2025,
    "september 2025": SEPT_2025,
    "sept. 2025": SEPT_2025,
    "jan 2026": _p("maand", D(2026, 1, 1), D(2026, 1, 31)),
    "februari 2028": _p("maand", D(2028, 2, 1), D(2028, 2, 29)),
    "1 maart 2026": MAART_1,
    "01-03-2026": MAART_1,
    "2026-03-01": MAART_1,
    "schooljaar 2025/2026": SJ_2025,
    "schooljaar 2025-2026": SJ_2025,
    "Schooljaar 2025 / 2026": SJ_2025,
    "sj 2025/2026": SJ_2025,
    "2025/2026": SJ_2025,
    "2025 en 2026": _p("periode", D(2025, 1, 1), D(2026, 12, 31)),
    "2025 + 2026": _p("periode", D(2025, 1, 1), D(2026, 12, 31)),
    "2025-2026": _p("periode", D(2025, 1, 1), D(2026, 12, 31)),
    "2025 – 2026": _p("periode", D(2025, 1, 1), D(2026, 12, 31)),
    "2025 t/m 2027": _p("periode", D(2025, 1, 1), D(2027, 12, 31)),
    "Q1 2025 - Q3 2025": _p("periode", D(2025, 1, 1), D(2025, 9, 30)),
    "Q1-Q3 2025": _p("periode", D(2025, 1, 1), D(2025, 9, 30)),
    "schooljaar 2025/2026; schooljaar 2026/2027": _p("periode", D(2025, 8, 1), D(2027, 7, 31)),
    "jan 2025 tot en met maart 2025": _p("periode", D(2025, 1, 1), D(2025, 3, 31)),
    "jan t/m maart 2025": _p("periode", D(2025, 1, 1), D(2025, 3, 31)),
    # "tot" is exclusive, "tot en met" inclusive
    "jan 2025 tot maart 2025": _p("periode", D(2025, 1, 1), D(2025, 2, 28)),
    "voor de zomervakantie 2026": _p("datum", None, D(2026, 6, 30)),
    "voor 1 maart 2026": MAART_1,
    "vóór 1 maart 2026": MAART_1,
    "Uiterlijk 1 maart 2026": MAART_1,
    "voor Q3 2025": _p("datum", None, D(2025, 6, 30)),
    "uiterlijk Q3 2025": _p("datum", None, D(2025, 9, 30)),
    "eind 2025": _p("datum", None, D(2025, 12, 31)),
    "einde 2025": _p("datum", None, D(2025, 12, 31)),
    "uiterlijk eind 2025": _p("datum", None, D(2025, 12, 31)),
    "medio 2025": _p("datum", None, D(2025, 6, 30)),
    "begin 2026": _p("kwartaal", D(2026, 1, 1), D(2026, 3, 31)),
    "tot medio 2025": _p("periode", None, D(2025, 6, 30)),
    "tot eind 2025": _p("periode", None, D(2025, 12, 31)),
    "vanaf 2026": _p("periode", D(2026, 1, 1), D(2028, 12, 31)),
    "vanaf Q2 2026": _p("periode", D(2026, 4, 1), D(2028, 12, 31)),
    "doorlopend": DOORLOPEND,
    "Doorlopend.": DOORLOPEND,
    "continu": DOORLOPEND,
    "structureel": DOORLOPEND,
    "permanent": DOORLOPEND,
    "2x per jaar": TERUGKEREND,
    "twee keer per jaar": TERUGKEREND,
    "4 keer per jaar": TERUGKEREND,
    "jaarlijks": TERUGKEREND,
    "elk jaar": TERUGKEREND,
    "ieder jaar": TERUGKEREND,
    "maandelijks": TERUGKEREND,
    "per kwartaal": TERUGKEREND,
    "elk kwartaal": TERUGKEREND,
    "wekelijks": TERUGKEREND,
    "in deze beleidsperiode": DE_PERIODE,
    "In de komende periode": DE_PERIODE,
    "in deze periode": DE_PERIODE,
    "gedurende de beleidsperiode": DE_PERIODE,
    "aan het einde van de HEA periode": DE_PERIODE,
    "LEA-periode": DE_PERIODE,
}


@pytest.mark.parametrize(("tekst", "verwacht"), VORMEN.items(), ids=list(VORMEN))
def test_every_documented_form(tekst, verwacht):
    assert lees_planning(tekst, **PERIODE) == verwacht


@pytest.mark.parametrize(
    ("onmogelijk", "gecorrigeerd"),
    [
        ("Q5 2025", "Q4 2025"),
        ("Q0 2025", "Q1 2025"),
        ("H3 2025", "H2 2025"),
        ("31 februari 2026", "28 februari 2026"),
        ("31-02-2026", "28-02-2026"),
        ("2026-13-01", "2026-12-01"),
        ("schooljaar 2025/2027", "schooljaar 2025/2026"),
        ("2025/2027", "2025/2026"),
        ("medio Q3 2025", "medio 2025"),
        ("Q3 2025 - Q5 2025", "Q3 2025 - Q4 2025"),
        ("volgens de gezamenlijk overeengekomen fasering", "2025"),
        ("kwartaal", "kwartaal 1 2025"),
    ],
)
def test_impossible_input_is_not_understood_and_the_corrected_one_is(onmogelijk, gecorrigeerd):
    planning = lees_planning(onmogelijk, **PERIODE)
    assert planning == Planning("onbepaald", None, None, begrepen=False)
    gelezen = lees_planning(gecorrigeerd, **PERIODE)
    assert gelezen.begrepen
    assert gelezen.soort != "onbepaald"
    assert gelezen.eind is not None


def test_empty_text_is_understood_as_no_planning():
    for tekst in ("", "  ", " . "):
        assert lees_planning(tekst, **PERIODE) == Planning("onbepaald", None, None, begrepen=True)


def test_the_agendas_period_is_needed_for_the_texts_that_name_it():
    assert not lees_planning("in deze beleidsperiode").begrepen
    assert lees_planning("in deze beleidsperiode", **PERIODE) == DE_PERIODE
    # Recurring and continuous work is understood without it; it then has no start.
    assert lees_planning("jaarlijks") == _p("terugkerend", None, None)
    assert lees_planning("doorlopend") == _p("doorlopend", None, None)
    # "vanaf" without a period, or beyond it, has no end.
    assert lees_planning("vanaf 2026") == _p("periode", D(2026, 1, 1), None)
    assert lees_planning("vanaf 2030", **PERIODE) == _p("periode", D(2030, 1, 1), None)


def test_every_understood_planning_has_its_start_before_its_end():
    for tekst in VORMEN:
        planning = lees_planning(tekst, **PERIODE)
        if planning.start and planning.eind:
            assert planning.start <= planning.eind, tekst


@pytest.mark.parametrize(
    ("tekst", "leeftijd"),
    [
        ("0-6 jaar", (0, 6)),
        ("0–27 jaar", (0, 27)),
        ("4 t/m 12 jaar", (4, 12)),
        ("4 tot en met 12 jaar", (4, 12)),
        ("0 tot 4 jaar", (0, 3)),  # "tot" is exclusive: up to the fourth birthday
        ("12-18", (12, 18)),
        ("kinderen tussen 8 en 12 jaar", (8, 12)),
        ("12+", (12, None)),
        ("vanaf 12 jaar", (12, None)),
        ("18 jaar en ouder", (18, None)),
        ("18-", (None, 17)),  # "18-minners": younger than 18
        ("jongeren tot 18 jaar", (None, 17)),
        ("t/m 12 jaar", (None, 12)),
        ("4 jaar", (4, 4)),
        ("", (None, None)),
        ("jongeren", (None, None)),
        ("peuters en kleuters", (None, None)),
        ("de eerste 1000 dagen", (None, None)),
        ("doelgroep kleuters (groep 1 en 2)", (None, None)),
        ("groep 1 t/m 8", (None, None)),
        ("12-4 jaar", (None, None)),
        ("0-200 jaar", (None, None)),
    ],
)
def test_ages(tekst, leeftijd):
    assert lees_leeftijd(tekst) == leeftijd
