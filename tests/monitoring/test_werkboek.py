"""Monitoring's sheets of the agenda workbook: indicators and measurements, schools with their
schoolweging, VE figures, the budget and its realisations per quarter.

An export read back changes nothing; an edited export applies exactly its edits with history
"via import <file>"; each kind of error is refused with its sheet, row and column, and leaves
the database as it was; rows missing from the file stay and are listed.
"""

import datetime
import io
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.contrib.auth import get_user_model

from lea.models import Agenda, Organisatie
from lea.services import bewaar
from lea.werkboek import (
    Context,
    Uitkomst,
    WerkboekFout,
    Wijziging,
    werkboek_lees,
    werkboek_pas_toe,
    werkboek_schrijf,
)
from monitoring.models import (
    Begroting,
    Begrotingsbedrag,
    Begrotingspost,
    Indicator,
    Meting,
    Realisatie,
    School,
    Schoolweging,
    VeCijfers,
)
from monitoring.services.begroting import realisatie_bewaar
from monitoring.werkboek import BLADEN

pytestmark = pytest.mark.django_db

NAMEN = [b.naam for b in BLADEN]
DEMO = ["bunnik-2025", "hilversum-2024", "houten-2024", "ijsselstein-2025", "westland-2022"]


def _context(agenda: Agenda, door: Any = None, bestand: str = "export.xlsx") -> Context:
    return Context(agenda=agenda, door=door, bestandsnaam=bestand)


def _export(agenda: Agenda) -> openpyxl.Workbook:
    inhoud = werkboek_schrijf(_context(agenda), namen=NAMEN)
    return openpyxl.load_workbook(io.BytesIO(inhoud))


def _bytes(boek: openpyxl.Workbook) -> bytes:
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()


def _lees(agenda: Agenda, boek: openpyxl.Workbook, door: Any = None):
    return werkboek_lees(_context(agenda, door), _bytes(boek), namen=NAMEN)


def _koppen(ws) -> dict[str, int]:
    return {cel.value: cel.column for cel in ws[1]}


def _voeg_toe(ws, waarden: dict[str, Any]) -> int:
    """Type a row below the others, by header; its row number as Excel shows it."""
    koppen = _koppen(ws)
    rij = ws.max_row + 1
    for kop, waarde in waarden.items():
        ws.cell(rij, koppen[kop], waarde)
    return rij


def _rij(ws, **waar: Any) -> int:
    """The row whose cells (by header, underscores for spaces) have these values."""
    koppen = _koppen(ws)
    for rij in range(2, ws.max_row + 1):
        if all(ws.cell(rij, koppen[k.replace("_", " ")]).value == v for k, v in waar.items()):
            return rij
    raise AssertionError(f"geen rij met {waar}")


def _zet(ws, rij: int, kop: str, waarde: Any) -> None:
    ws.cell(rij, _koppen(ws)[kop], waarde)


def _telling(voorbeeld) -> dict[str, dict[str, int]]:
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


def _stand(agenda: Agenda) -> dict[str, Any]:
    """Every field of the sheets' objects, and their history, to see that nothing changed."""
    stand: dict[str, Any] = {}
    for model, pad in MODELLEN.items():
        stand[model.__name__] = sorted(model.objects.filter(**{pad: agenda}).values_list())
        stand[f"{model.__name__} historie"] = model.history.count()
    return stand


def _gebruiker(slug: str):
    return get_user_model().objects.get(username=f"beleid-{slug.split('-')[0]}")


# --- round trip ---------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", DEMO)
def test_an_export_read_back_changes_nothing(slug):
    agenda = Agenda.objects.get(slug=slug)
    voorbeeld = _lees(agenda, _export(agenda))

    assert not voorbeeld.fouten
    assert voorbeeld.bladen == NAMEN
    assert {r.uitkomst for r in voorbeeld.regels} <= {Uitkomst.ONGEWIJZIGD}
    telling = voorbeeld.telling()
    metingen = Meting.objects.filter(indicator__agenda=agenda).count()
    bedragen = Begrotingsbedrag.objects.filter(post__begroting__agenda=agenda).count()
    assert telling["Indicatoren"]["ongewijzigd"] == agenda.indicatoren.count()
    assert telling["Metingen"]["ongewijzigd"] == metingen
    assert telling["VE-cijfers"]["ongewijzigd"] == agenda.ve_cijfers.count()
    assert telling["Begroting"]["ongewijzigd"] == bedragen


def test_every_kind_of_value_survives_the_round_trip(hilversum, henk):
    """Schools with a board, schoolweging, per-school and dated measurements, a negative
    score, realisations with notes, a yearly realisation without quarters, a line without
    amounts, texts with stray spaces and line breaks, an archived school still measured."""
    bestuur = Organisatie.objects.filter(agenda=hilversum).first()
    school = bewaar(School(agenda=hilversum, naam="De Kraaienhorst", bestuur=bestuur, brin="12AB"))
    oud = bewaar(School(agenda=hilversum, naam="De Oude School", locatie="Centrum"))
    bewaar(Schoolweging(school=school, jaar=2023, waarde=Decimal("27.35")))
    bewaar(Schoolweging(school=school, jaar=2024, waarde=Decimal("31")))
    score = bewaar(Indicator(agenda=hilversum, naam="Verschilscore", eenheid="punten"))
    procent = hilversum.indicatoren.filter(eenheid="%").first()
    bewaar(Meting(indicator=score, jaar=2023, waarde=Decimal("-1.25"), bron="  eigen  "))
    bewaar(
        Meting(
            indicator=procent,
            jaar=2024,
            datum=datetime.date(2024, 10, 1),
            waarde=Decimal("7.5"),
            school=oud,
            toelichting="regel één\r\nregel twee",
        )
    )
    oud.gearchiveerd = True
    oud.save()
    bewaar(VeCijfers(agenda=hilversum, jaar=2023, geindiceerd=80, bereikt=75, bron="VE-monitor"))
    post = hilversum.begroting.posten.get(naam="Opstapje")
    realisatie_bewaar(post=post, jaar=2024, kwartaal=1, bedrag=Decimal("100.10"), door=henk)
    realisatie_bewaar(
        post=post, jaar=2024, kwartaal=3, bedrag=Decimal(250), toelichting="na", door=henk
    )
    jaarcijfer = Begrotingsbedrag.objects.get(post__naam="Thuis in Taal", jaar=2024)
    jaarcijfer.realisatie = Decimal("24000")
    jaarcijfer.save()
    bewaar(Begrotingspost(begroting=hilversum.begroting, naam="Reserve", groep_naam="Overig"))

    voorbeeld = _lees(hilversum, _export(hilversum))

    assert not voorbeeld.fouten
    assert {r.uitkomst for r in voorbeeld.regels} == {Uitkomst.ONGEWIJZIGD}
    telling = voorbeeld.telling()
    assert telling["Scholen"]["ongewijzigd"] == 1  # the archived school is not in the workbook
    assert telling["Schoolweging"]["ongewijzigd"] == 2
    assert telling["Metingen"]["ongewijzigd"] == 2
    assert telling["Realisaties"]["ongewijzigd"] == 2
    assert (
        telling["Begroting"]["ongewijzigd"]
        == Begrotingsbedrag.objects.filter(post__begroting__agenda=hilversum).count() + 1
    )  # the line without amounts has a row of its own


def test_the_workbook_has_the_sheets_in_order_with_headers_and_drop_downs(hilversum):
    boek = openpyxl.load_workbook(io.BytesIO(werkboek_schrijf(_context(hilversum), leeg=True)))

    eigen = [naam for naam in boek.sheetnames if naam in NAMEN]
    assert eigen == NAMEN
    metingen = boek["Metingen"]
    assert [c.value for c in metingen[1]] == [
        "ID",
        "Indicator",
        "Jaar",
        "Gemeten op",
        "Waarde",
        "School",
        "Bron",
        "Toelichting",
    ]
    assert metingen.max_row == 1  # the blank template
    assert metingen.freeze_panes == "A2"
    lijst = next(dv for dv in metingen.data_validations.dataValidation if "B2" in str(dv.sqref))
    bereik = lijst.formula1.split("!")[1].replace("$", "")
    waarden = [rij[0].value for rij in boek["Lijsten"][bereik]]
    assert "Percentage laaggeletterden" in waarden
    assert [c.value for c in boek["Begroting"][1]][-3:] == ["Jaar", "Begroot", "Gerealiseerd"]


# --- an edited export ---------------------------------------------------------------------------


def test_an_edited_export_applies_exactly_its_edits(hilversum, henk):
    boek = _export(hilversum)
    _voeg_toe(
        boek["Indicatoren"],
        {"Naam": "Aantal voorleesouders", "Eenheid": "ouders", "Bron": "Eigen registratie"},
    )
    _voeg_toe(boek["Metingen"], {"Indicator": "aantal voorleesouders", "Jaar": 2025, "Waarde": 12})
    _voeg_toe(
        boek["Metingen"],
        {"Indicator": "Percentage laaggeletterden", "Jaar": 2024, "Waarde": 13.5, "Bron": "CBS"},
    )
    opstapje = hilversum.begroting.posten.get(naam="Opstapje")
    begroting = boek["Begroting"]
    _zet(begroting, _rij(begroting, ID=opstapje.pk, Jaar=2025), "Begroot", 95000.5)
    _voeg_toe(
        boek["Realisaties"],
        {"Post": "Opstapje", "Jaar": 2024, "Kwartaal": 2, "Gerealiseerd": "1.234,56"},
    )
    stand = _stand(hilversum)

    voorbeeld = _lees(hilversum, boek, henk)

    assert not voorbeeld.fouten
    assert _telling(voorbeeld) == {
        "Indicatoren": {"nieuw": 1, "ongewijzigd": 12},
        "Metingen": {"nieuw": 2},
        "Scholen": {},
        "Schoolweging": {},
        "VE-cijfers": {},
        "Begroting": {"gewijzigd": 1, "ongewijzigd": 147},
        "Realisaties": {"nieuw": 1},
    }
    gewijzigd = next(r for r in voorbeeld.regels if r.uitkomst == Uitkomst.GEWIJZIGD)
    assert gewijzigd.wijzigingen == [Wijziging("Begroot", "90000", "95000.50")]
    assert _stand(hilversum) == stand  # the preview writes nothing

    bestand = _bytes(boek)
    werkboek_pas_toe(
        _context(hilversum, henk, "hilversum.xlsx"),
        bestand,
        namen=NAMEN,
        vingerafdruk=voorbeeld.vingerafdruk(),
    )

    nieuw = Indicator.objects.get(agenda=hilversum, naam="Aantal voorleesouders")
    assert (nieuw.eenheid, nieuw.bron) == ("ouders", "eigen")
    assert list(nieuw.metingen.values_list("jaar", "waarde")) == [(2025, Decimal(12))]
    laaggeletterd = Meting.objects.get(indicator__naam="Percentage laaggeletterden")
    assert (laaggeletterd.jaar, laaggeletterd.waarde, laaggeletterd.bron) == (
        2024,
        Decimal("13.5"),
        "CBS",
    )
    bedrag = opstapje.bedragen.get(jaar=2025)
    assert bedrag.bedrag == Decimal("95000.50")
    assert opstapje.bedragen.get(jaar=2024).realisatie == Decimal("1234.56")
    assert Realisatie.objects.get(begrotingsbedrag__post=opstapje).kwartaal == 2
    laatste = bedrag.history.first()
    assert (laatste.history_change_reason, laatste.history_user) == (
        "via import hilversum.xlsx",
        henk,
    )
    assert nieuw.history.first().history_change_reason == "via import hilversum.xlsx"
    # Nothing else was written: one history row per new or changed object, none for the line.
    na = _stand(hilversum)
    assert na["Begrotingspost historie"] == stand["Begrotingspost historie"]
    assert na["Indicator historie"] == stand["Indicator historie"] + 1
    assert na["Meting historie"] == stand["Meting historie"] + 2
    assert na["Realisatie historie"] == stand["Realisatie historie"] + 1
    # The 2025 amount, and 2024's realisation (the sum of its quarters).
    assert na["Begrotingsbedrag historie"] == stand["Begrotingsbedrag historie"] + 2
    # A new export of the agenda reads back unchanged.
    opnieuw = _lees(hilversum, _export(hilversum))
    assert {r.uitkomst for r in opnieuw.regels} == {Uitkomst.ONGEWIJZIGD}


def test_a_new_budget_line_over_two_years_with_a_realisation(hilversum, henk):
    opstapje = hilversum.begroting.posten.get(naam="Opstapje")
    boek = _export(hilversum)
    begroting = boek["Begroting"]
    actie = begroting.cell(_rij(begroting, ID=opstapje.pk, Jaar=2024), _koppen(begroting)["Actie"])
    for jaar, bedrag in ((2025, 10000), (2026, "12.500,00")):
        _voeg_toe(
            begroting,
            {
                "Post": "Zomerschool",
                "Actie": actie.value,
                "Onderdeel van": "Peuteropvang en VVE",
                "T.o.v. vorige periode": "Nieuw",
                "Jaar": jaar,
                "Begroot": bedrag,
            },
        )
    _voeg_toe(
        boek["Realisaties"],
        {"Post": "zomerschool", "Jaar": 2025, "Kwartaal": 3, "Gerealiseerd": 4000},
    )

    voorbeeld = _lees(hilversum, boek, henk)

    assert _telling(voorbeeld)["Begroting"] == {"nieuw": 2, "ongewijzigd": 148}
    assert _telling(voorbeeld)["Realisaties"] == {"nieuw": 1}
    werkboek_pas_toe(_context(hilversum, henk, "begroting.xlsx"), _bytes(boek), namen=NAMEN)
    post = Begrotingspost.objects.get(begroting__agenda=hilversum, naam="Zomerschool")
    assert (post.actie, post.knoop) == (opstapje.actie, opstapje.actie.knoop)
    assert (post.ouder.naam, post.wijziging) == ("Peuteropvang en VVE", "Nieuw")
    assert dict(post.bedragen.values_list("jaar", "bedrag")) == {2025: 10000, 2026: 12500}
    assert post.bedragen.get(jaar=2025).realisatie == Decimal(4000)
    assert post.history.count() == 1  # one line, saved once, though the file gives it two rows


def test_a_new_school_and_its_schoolweging_in_one_file(bunnik, anne):
    boek = _export(bunnik)
    bestuur = Organisatie.objects.filter(agenda=bunnik).first()
    _voeg_toe(
        boek["Scholen"], {"Naam": "De Regenboog", "BRIN/vestiging": "04XY", "Bestuur": bestuur.naam}
    )
    _voeg_toe(boek["Schoolweging"], {"School": "De Regenboog", "Jaar": 2024, "Schoolweging": 28.4})
    _voeg_toe(boek["VE-cijfers"], {"Jaar": 2024, "Kinderen met VE-indicatie": 40, "Bereikt": 35})

    werkboek_pas_toe(_context(bunnik, anne, "bunnik.xlsx"), _bytes(boek), namen=NAMEN)

    school = School.objects.get(agenda=bunnik, naam="De Regenboog")
    assert (school.brin, school.bestuur) == ("04XY", bestuur)
    assert list(school.wegingen.values_list("jaar", "waarde")) == [(2024, Decimal("28.4"))]
    assert VeCijfers.objects.get(agenda=bunnik, jaar=2024).bereikt == 35


def test_a_renamed_indicator_keeps_its_measurements(ijsselstein_agenda, ijsselstein_beheerder):
    agenda = ijsselstein_agenda
    meting = Meting.objects.filter(indicator__agenda=agenda).first()
    boek = _export(agenda)
    indicatoren = boek["Indicatoren"]
    _zet(indicatoren, _rij(indicatoren, ID=meting.indicator_id), "Naam", "Kinderen 0-27 jaar")
    metingen = boek["Metingen"]
    _zet(metingen, _rij(metingen, ID=meting.pk), "Indicator", "Kinderen 0-27 jaar")

    voorbeeld = _lees(agenda, boek)

    assert _telling(voorbeeld)["Indicatoren"] == {"gewijzigd": 1, "ongewijzigd": 6}
    assert _telling(voorbeeld)["Metingen"] == {"ongewijzigd": 7}  # the same indicator
    werkboek_pas_toe(_context(agenda, ijsselstein_beheerder), _bytes(boek), namen=NAMEN)
    meting.refresh_from_db()
    assert meting.indicator.naam == "Kinderen 0-27 jaar"


@pytest.fixture
def ijsselstein_agenda(db) -> Agenda:
    return Agenda.objects.get(slug="ijsselstein-2025")


@pytest.fixture
def ijsselstein_beheerder(ijsselstein_agenda):
    return _gebruiker("ijsselstein-2025")


# --- rows the file does not list ----------------------------------------------------------------


def test_rows_missing_from_the_file_are_listed_and_stay(ijsselstein_agenda):
    agenda = ijsselstein_agenda
    indicator = agenda.indicatoren.last()
    meting = Meting.objects.filter(indicator__agenda=agenda).first()
    ve = agenda.ve_cijfers.get()
    boek = _export(agenda)
    boek["Indicatoren"].delete_rows(_rij(boek["Indicatoren"], ID=indicator.pk))
    boek["Metingen"].delete_rows(_rij(boek["Metingen"], ID=meting.pk))
    boek["VE-cijfers"].delete_rows(_rij(boek["VE-cijfers"], ID=ve.pk))

    voorbeeld = _lees(agenda, boek)

    ontbrekend = [(r.blad, r.wat) for r in voorbeeld.regels if r.uitkomst == Uitkomst.ONTBREEKT]
    assert ontbrekend == [
        ("Indicatoren", f"Indicator ‘{indicator.naam}’"),
        ("Metingen", f"Meting ‘{meting.indicator.naam}’ {meting.jaar}"),
        ("VE-cijfers", f"VE-cijfers {ve.jaar}"),
    ]
    assert voorbeeld.aantal_wijzigingen == 0
    stand = _stand(agenda)
    werkboek_pas_toe(_context(agenda), _bytes(boek), namen=NAMEN)
    assert _stand(agenda) == stand


def test_a_budget_year_missing_from_the_file_is_listed_and_stays(hilversum):
    post = hilversum.begroting.posten.get(naam="Voorleesexpress")
    boek = _export(hilversum)
    boek["Begroting"].delete_rows(_rij(boek["Begroting"], ID=post.pk, Jaar=2026))

    voorbeeld = _lees(hilversum, boek)

    assert [r.wat for r in voorbeeld.regels if r.uitkomst == Uitkomst.ONTBREEKT] == [
        "Post ‘Voorleesexpress’ 2026: begroot € 45.000"
    ]
    werkboek_pas_toe(_context(hilversum), _bytes(boek), namen=NAMEN)
    assert post.bedragen.get(jaar=2026).bedrag == Decimal(45000)


# --- errors -------------------------------------------------------------------------------------


def _andere_meting(agenda: Agenda) -> Meting:
    return Meting.objects.exclude(indicator__agenda=agenda).first()


def _meting(boek, agenda: Agenda, **waarden: Any) -> int:
    naam = agenda.indicatoren.filter(eenheid="%").values_list("naam", flat=True).first()
    return _voeg_toe(boek["Metingen"], {"Indicator": naam, "Jaar": 2024, "Waarde": 5} | waarden)


def _school(agenda: Agenda) -> School:
    return bewaar(School(agenda=agenda, naam="Het Kompas"))


def _post_rij(boek, agenda: Agenda, naam: str, jaar: int) -> int:
    post = agenda.begroting.posten.get(naam=naam)
    return _rij(boek["Begroting"], ID=post.pk, Jaar=jaar)


def _realisatie(agenda: Agenda, henk: Any) -> Realisatie:
    post = agenda.begroting.posten.get(naam="Opstapje")
    return realisatie_bewaar(post=post, jaar=2024, kwartaal=1, bedrag=Decimal(10), door=henk)


# Each: (what the user does to an export of Hilversum, sheet, column, part of the message).
FOUTEN = {
    "meting van een andere agenda": (
        lambda boek, a, h: _meting(boek, a, ID=_andere_meting(a).pk),
        "Metingen",
        "ID",
        "is geen meting van deze agenda",
    ),
    "indicator van een andere agenda": (
        lambda boek, a, h: _meting(
            boek, a, Indicator=Indicator.objects.exclude(agenda=a).first().naam
        ),
        "Metingen",
        "Indicator",
        "is geen keuze voor Indicator in deze agenda",
    ),
    "datum die niet bestaat": (
        lambda boek, a, h: _meting(boek, a, **{"Gemeten op": "31-02-2024"}),
        "Metingen",
        "Gemeten op",
        "geen bestaande datum",
    ),
    "datum buiten het jaar": (
        lambda boek, a, h: _meting(boek, a, **{"Gemeten op": datetime.date(2023, 5, 1)}),
        "Metingen",
        "Gemeten op",
        "De datum ligt niet in 2024.",
    ),
    "jaar buiten de grenzen": (
        lambda boek, a, h: _meting(boek, a, Jaar=1850),
        "Metingen",
        "Jaar",
        "1850 is geen geldig jaar",
    ),
    "negatief percentage": (
        lambda boek, a, h: _meting(boek, a, Waarde=-3),
        "Metingen",
        "Waarde",
        "kan niet negatief zijn",
    ),
    "waarde ontbreekt": (
        lambda boek, a, h: _meting(boek, a, Waarde=None),
        "Metingen",
        "Waarde",
        "Vul de waarde in.",
    ),
    "twee metingen van hetzelfde jaar": (
        lambda boek, a, h: (_meting(boek, a, Waarde=1), _meting(boek, a, Waarde=2)),
        "Metingen",
        "Jaar",
        "heeft al een meting van deze indicator in 2024",
    ),
    "nog een meting van een vastgelegd jaar": (
        lambda boek, a, h: (
            bewaar(
                Meting(
                    indicator=a.indicatoren.get(eenheid="%", basiswaarde=14), jaar=2024, waarde=1
                )
            ),
            _meting(boek, a, Indicator="Percentage laaggeletterden", Waarde=2),
        ),
        "Metingen",
        "Jaar",
        "Deze indicator heeft al een meting in dit jaar.",
    ),
    "nieuwe indicator met een bestaande naam": (
        lambda boek, a, h: _voeg_toe(boek["Indicatoren"], {"Naam": "Percentage laaggeletterden"}),
        "Indicatoren",
        "Naam",
        "Er is al een indicator ‘Percentage laaggeletterden’",
    ),
    "streefjaar buiten de grenzen": (
        lambda boek, a, h: _voeg_toe(boek["Indicatoren"], {"Naam": "Nieuw", "Streefjaar": 3030}),
        "Indicatoren",
        "Streefjaar",
        "3030 is geen geldig jaar",
    ),
    "negatief aantal kinderen": (
        lambda boek, a, h: _voeg_toe(
            boek["VE-cijfers"], {"Jaar": 2024, "Kinderen met VE-indicatie": -4, "Bereikt": 0}
        ),
        "VE-cijfers",
        "Kinderen met VE-indicatie",
        "Een aantal kan niet negatief zijn.",
    ),
    "meer bereikt dan geïndiceerd": (
        lambda boek, a, h: _voeg_toe(
            boek["VE-cijfers"], {"Jaar": 2024, "Kinderen met VE-indicatie": 4, "Bereikt": 9}
        ),
        "VE-cijfers",
        "Bereikt",
        "Er kunnen niet meer kinderen bereikt worden dan er een indicatie hebben.",
    ),
    "schoolweging buiten de schaal": (
        lambda boek, a, h: _voeg_toe(
            boek["Schoolweging"], {"School": _school(a).naam, "Jaar": 2024, "Schoolweging": 52}
        ),
        "Schoolweging",
        "Schoolweging",
        "De schoolweging ligt tussen 20 en 40",
    ),
    "nieuwe school met een bestaande naam": (
        lambda boek, a, h: _voeg_toe(boek["Scholen"], {"Naam": _school(a).naam}),
        "Scholen",
        "Naam",
        "Deze agenda heeft al een school met deze naam.",
    ),
    "negatief bedrag": (
        lambda boek, a, h: _zet(
            boek["Begroting"], _post_rij(boek, a, "Opstapje", 2025), "Begroot", -100
        ),
        "Begroting",
        "Begroot",
        "Een bedrag kan niet negatief zijn.",
    ),
    "jaar buiten de begroting": (
        lambda boek, a, h: _zet(
            boek["Begroting"], _post_rij(boek, a, "Opstapje", 2027), "Jaar", 2030
        ),
        "Begroting",
        "Jaar",
        "Kies een jaar van de begroting (2024–2027).",
    ),
    "post van een andere agenda": (
        lambda boek, a, h: _zet(
            boek["Begroting"],
            _post_rij(boek, a, "Opstapje", 2025),
            "ID",
            _andere_post(a).pk,
        ),
        "Begroting",
        "ID",
        "is geen post van deze agenda",
    ),
    "post met verschillende namen": (
        lambda boek, a, h: _zet(
            boek["Begroting"], _post_rij(boek, a, "Opstapje", 2026), "Post", "Opstapje 2.0"
        ),
        "Begroting",
        "Post",
        "een post heeft op al haar rijen dezelfde gegevens",
    ),
    "gearchiveerde indicator": (
        lambda boek, a, h: Indicator.objects.filter(naam="Percentage laaggeletterden").update(
            gearchiveerd=True
        ),
        "Indicatoren",
        "ID",
        "is een gearchiveerde indicator; zet het eerst terug in LEA.",
    ),
    "kwartaal 5": (
        lambda boek, a, h: _voeg_toe(
            boek["Realisaties"],
            {"Post": "Opstapje", "Jaar": 2024, "Kwartaal": 5, "Gerealiseerd": 1},
        ),
        "Realisaties",
        "Kwartaal",
        "Een kwartaal is 1, 2, 3 of 4.",
    ),
    "vastgelegd kwartaal verschuiven": (
        lambda boek, a, h: _voeg_toe(
            boek["Realisaties"],
            {
                "ID": _realisatie(a, h).pk,
                "Post": "Opstapje",
                "Jaar": 2024,
                "Kwartaal": 2,
                "Gerealiseerd": 10,
            },
        ),
        "Realisaties",
        "Kwartaal",
        "liggen vast",
    ),
}


def _andere_post(agenda: Agenda) -> Begrotingspost:
    bunnik = Agenda.objects.get(slug="bunnik-2025")
    begroting = bewaar(Begroting(agenda=bunnik, eerste_jaar=2025, laatste_jaar=2028))
    return bewaar(Begrotingspost(begroting=begroting, naam="Coördinatie"))


@pytest.mark.parametrize("soort", FOUTEN)
def test_each_error_is_refused_with_its_place_and_changes_nothing(soort, hilversum, henk):
    bewerk, blad, kolom, melding = FOUTEN[soort]
    boek = _export(hilversum)
    _voeg_toe(boek["VE-cijfers"], {"Jaar": 2021, "Kinderen met VE-indicatie": 10, "Bereikt": 8})
    bewerk(boek, hilversum, henk)
    stand = _stand(hilversum)

    voorbeeld = _lees(hilversum, boek, henk)

    fouten = [(f.blad, f.kolom) for f in voorbeeld.fouten if melding in f.melding]
    assert fouten, voorbeeld.fouten
    assert set(fouten) == {(blad, kolom)}
    rijen = {f.rij for f in voorbeeld.fouten if melding in f.melding}
    assert all(rij is not None and rij >= 2 for rij in rijen)
    with pytest.raises(WerkboekFout, match="er is niets gewijzigd"):
        werkboek_pas_toe(_context(hilversum, henk, "fout.xlsx"), _bytes(boek), namen=NAMEN)
    assert _stand(hilversum) == stand  # not even the valid new VE row


def test_the_corrected_file_applies(hilversum, henk):
    """The error path's input, corrected: the same rows are accepted."""
    boek = _export(hilversum)
    rij = _meting(boek, hilversum, **{"Gemeten op": "31-02-2024"})
    assert _lees(hilversum, boek).heeft_fouten

    _zet(boek["Metingen"], rij, "Gemeten op", "28-02-2024")
    werkboek_pas_toe(_context(hilversum, henk), _bytes(boek), namen=NAMEN)

    meting = Meting.objects.get(indicator__agenda=hilversum, jaar=2024)
    assert meting.datum == datetime.date(2024, 2, 28)


# --- cost ---------------------------------------------------------------------------------------


def _vul(agenda: Agenda, henk: Any, aantal: int, jaar: int) -> None:
    """Measurements, schools with schoolweging and realisations: `aantal` of each."""
    indicator = agenda.indicatoren.filter(eenheid="%").first()
    posten = list(agenda.begroting.posten.filter(onderdelen=None)[:aantal])
    for i in range(aantal):
        school = bewaar(School(agenda=agenda, naam=f"School {aantal}-{i}"))
        bewaar(Schoolweging(school=school, jaar=jaar, waarde=Decimal(25)))
        bewaar(Meting(indicator=indicator, jaar=jaar, school=school, waarde=Decimal(i)))
        realisatie_bewaar(post=posten[i], jaar=jaar, kwartaal=1, bedrag=Decimal(i), door=henk)


def _vragen(agenda: Agenda) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    inhoud = werkboek_schrijf(_context(agenda), namen=NAMEN)
    with CaptureQueriesContext(connection) as vragen:
        voorbeeld = werkboek_lees(_context(agenda), inhoud, namen=NAMEN)
    assert {r.uitkomst for r in voorbeeld.regels} == {Uitkomst.ONGEWIJZIGD}
    return len(vragen)


def test_reading_an_export_does_not_ask_more_with_ten_times_the_rows(hilversum, henk):
    _vul(hilversum, henk, 3, 2024)
    weinig = _vragen(hilversum)
    _vul(hilversum, henk, 30, 2025)

    assert _vragen(hilversum) == weinig
