"""Monitoring's sheets of the agenda workbook: indicators and measurements, schools with their
schoolweging, VE figures, the budget and its realisations per quarter.

An export read back changes nothing; an edited export applies exactly its edits with history
"via import <file>"; rows missing from the file stay and are listed; reading costs the same
queries whatever the rows. Each kind of error: test_werkboek_fouten.py.
"""

import datetime
import io
from decimal import Decimal
from typing import Any

import openpyxl
import pytest

from lea.models import Agenda, Organisatie
from lea.services import bewaar
from lea.werkboek import (
    Uitkomst,
    Wijziging,
    werkboek_lees,
    werkboek_pas_toe,
    werkboek_schrijf,
)
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
from monitoring.services.begroting import realisatie_bewaar
from tests.monitoring import werkboekproef as wb

pytestmark = pytest.mark.django_db

# --- round trip ---------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", wb.DEMO)
def test_an_export_read_back_changes_nothing(slug):
    agenda = Agenda.objects.get(slug=slug)
    voorbeeld = wb.lees(agenda, wb.export(agenda))

    assert not voorbeeld.fouten
    assert voorbeeld.bladen == wb.NAMEN
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

    voorbeeld = wb.lees(hilversum, wb.export(hilversum))

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
    boek = openpyxl.load_workbook(io.BytesIO(werkboek_schrijf(wb.context(hilversum), leeg=True)))

    eigen = [naam for naam in boek.sheetnames if naam in wb.NAMEN]
    assert eigen == wb.NAMEN
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
    boek = wb.export(hilversum)
    wb.voeg_toe(
        boek["Indicatoren"],
        {"Naam": "Aantal voorleesouders", "Eenheid": "ouders", "Bron": "Eigen registratie"},
    )
    wb.voeg_toe(
        boek["Metingen"], {"Indicator": "aantal voorleesouders", "Jaar": 2025, "Waarde": 12}
    )
    wb.voeg_toe(
        boek["Metingen"],
        {"Indicator": "Percentage laaggeletterden", "Jaar": 2024, "Waarde": 13.5, "Bron": "CBS"},
    )
    opstapje = hilversum.begroting.posten.get(naam="Opstapje")
    begroting = boek["Begroting"]
    wb.zet(begroting, wb.rij(begroting, ID=opstapje.pk, Jaar=2025), "Begroot", 95000.5)
    wb.voeg_toe(
        boek["Realisaties"],
        {"Post": "Opstapje", "Jaar": 2024, "Kwartaal": 2, "Gerealiseerd": "1.234,56"},
    )
    stand = wb.stand(hilversum)

    voorbeeld = wb.lees(hilversum, boek, henk)

    assert not voorbeeld.fouten
    assert wb.telling(voorbeeld) == {
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
    assert wb.stand(hilversum) == stand  # the preview writes nothing

    bestand = wb.als_bytes(boek)
    werkboek_pas_toe(
        wb.context(hilversum, henk, "hilversum.xlsx"),
        bestand,
        namen=wb.NAMEN,
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
    na = wb.stand(hilversum)
    assert na["Begrotingspost historie"] == stand["Begrotingspost historie"]
    assert na["Indicator historie"] == stand["Indicator historie"] + 1
    assert na["Meting historie"] == stand["Meting historie"] + 2
    assert na["Realisatie historie"] == stand["Realisatie historie"] + 1
    # The 2025 amount, and 2024's realisation (the sum of its quarters).
    assert na["Begrotingsbedrag historie"] == stand["Begrotingsbedrag historie"] + 2
    # A new export of the agenda reads back unchanged.
    opnieuw = wb.lees(hilversum, wb.export(hilversum))
    assert {r.uitkomst for r in opnieuw.regels} == {Uitkomst.ONGEWIJZIGD}


def test_a_new_budget_line_over_two_years_with_a_realisation(hilversum, henk):
    opstapje = hilversum.begroting.posten.get(naam="Opstapje")
    boek = wb.export(hilversum)
    begroting = boek["Begroting"]
    actie = begroting.cell(
        wb.rij(begroting, ID=opstapje.pk, Jaar=2024), wb.kolommen(begroting)["Actie"]
    )
    for jaar, bedrag in ((2025, 10000), (2026, "12.500,00")):
        wb.voeg_toe(
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
    wb.voeg_toe(
        boek["Realisaties"],
        {"Post": "zomerschool", "Jaar": 2025, "Kwartaal": 3, "Gerealiseerd": 4000},
    )

    voorbeeld = wb.lees(hilversum, boek, henk)

    assert wb.telling(voorbeeld)["Begroting"] == {"nieuw": 2, "ongewijzigd": 148}
    assert wb.telling(voorbeeld)["Realisaties"] == {"nieuw": 1}
    werkboek_pas_toe(
        wb.context(hilversum, henk, "begroting.xlsx"), wb.als_bytes(boek), namen=wb.NAMEN
    )
    post = Begrotingspost.objects.get(begroting__agenda=hilversum, naam="Zomerschool")
    assert (post.actie, post.knoop) == (opstapje.actie, opstapje.actie.knoop)
    assert (post.ouder.naam, post.wijziging) == ("Peuteropvang en VVE", "Nieuw")
    assert dict(post.bedragen.values_list("jaar", "bedrag")) == {2025: 10000, 2026: 12500}
    assert post.bedragen.get(jaar=2025).realisatie == Decimal(4000)
    assert post.history.count() == 1  # one line, saved once, though the file gives it two rows


def test_a_new_school_and_its_schoolweging_in_one_file(bunnik, anne):
    boek = wb.export(bunnik)
    bestuur = Organisatie.objects.filter(agenda=bunnik).first()
    wb.voeg_toe(
        boek["Scholen"], {"Naam": "De Regenboog", "BRIN/vestiging": "04XY", "Bestuur": bestuur.naam}
    )
    wb.voeg_toe(
        boek["Schoolweging"], {"School": "De Regenboog", "Jaar": 2024, "Schoolweging": 28.4}
    )
    wb.voeg_toe(boek["VE-cijfers"], {"Jaar": 2024, "Kinderen met VE-indicatie": 40, "Bereikt": 35})

    werkboek_pas_toe(wb.context(bunnik, anne, "bunnik.xlsx"), wb.als_bytes(boek), namen=wb.NAMEN)

    school = School.objects.get(agenda=bunnik, naam="De Regenboog")
    assert (school.brin, school.bestuur) == ("04XY", bestuur)
    assert list(school.wegingen.values_list("jaar", "waarde")) == [(2024, Decimal("28.4"))]
    assert VeCijfers.objects.get(agenda=bunnik, jaar=2024).bereikt == 35


def test_a_renamed_indicator_keeps_its_measurements(ijsselstein_agenda, ijsselstein_beheerder):
    agenda = ijsselstein_agenda
    meting = Meting.objects.filter(indicator__agenda=agenda).first()
    boek = wb.export(agenda)
    indicatoren = boek["Indicatoren"]
    wb.zet(indicatoren, wb.rij(indicatoren, ID=meting.indicator_id), "Naam", "Kinderen 0-27 jaar")
    metingen = boek["Metingen"]
    wb.zet(metingen, wb.rij(metingen, ID=meting.pk), "Indicator", "Kinderen 0-27 jaar")

    voorbeeld = wb.lees(agenda, boek)

    assert wb.telling(voorbeeld)["Indicatoren"] == {"gewijzigd": 1, "ongewijzigd": 6}
    assert wb.telling(voorbeeld)["Metingen"] == {"ongewijzigd": 7}  # the same indicator
    werkboek_pas_toe(wb.context(agenda, ijsselstein_beheerder), wb.als_bytes(boek), namen=wb.NAMEN)
    meting.refresh_from_db()
    assert meting.indicator.naam == "Kinderen 0-27 jaar"


@pytest.fixture
def ijsselstein_agenda(db) -> Agenda:
    return Agenda.objects.get(slug="ijsselstein-2025")


@pytest.fixture
def ijsselstein_beheerder(ijsselstein_agenda):
    return wb.gebruiker("ijsselstein-2025")


# --- rows the file does not list ----------------------------------------------------------------


def test_rows_missing_from_the_file_are_listed_and_stay(ijsselstein_agenda):
    agenda = ijsselstein_agenda
    indicator = agenda.indicatoren.last()
    meting = Meting.objects.filter(indicator__agenda=agenda).first()
    ve = agenda.ve_cijfers.get()
    boek = wb.export(agenda)
    boek["Indicatoren"].delete_rows(wb.rij(boek["Indicatoren"], ID=indicator.pk))
    boek["Metingen"].delete_rows(wb.rij(boek["Metingen"], ID=meting.pk))
    boek["VE-cijfers"].delete_rows(wb.rij(boek["VE-cijfers"], ID=ve.pk))

    voorbeeld = wb.lees(agenda, boek)

    ontbrekend = [(r.blad, r.wat) for r in voorbeeld.regels if r.uitkomst == Uitkomst.ONTBREEKT]
    assert ontbrekend == [
        ("Indicatoren", f"Indicator ‘{indicator.naam}’"),
        ("Metingen", f"Meting ‘{meting.indicator.naam}’ {meting.jaar}"),
        ("VE-cijfers", f"VE-cijfers {ve.jaar}"),
    ]
    assert voorbeeld.aantal_wijzigingen == 0
    stand = wb.stand(agenda)
    werkboek_pas_toe(wb.context(agenda), wb.als_bytes(boek), namen=wb.NAMEN)
    assert wb.stand(agenda) == stand


def test_a_budget_year_missing_from_the_file_is_listed_and_stays(hilversum):
    post = hilversum.begroting.posten.get(naam="Voorleesexpress")
    boek = wb.export(hilversum)
    boek["Begroting"].delete_rows(wb.rij(boek["Begroting"], ID=post.pk, Jaar=2026))

    voorbeeld = wb.lees(hilversum, boek)

    assert [r.wat for r in voorbeeld.regels if r.uitkomst == Uitkomst.ONTBREEKT] == [
        "Post ‘Voorleesexpress’ 2026: begroot € 45.000"
    ]
    werkboek_pas_toe(wb.context(hilversum), wb.als_bytes(boek), namen=wb.NAMEN)
    assert post.bedragen.get(jaar=2026).bedrag == Decimal(45000)


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

    inhoud = werkboek_schrijf(wb.context(agenda), namen=wb.NAMEN)
    with CaptureQueriesContext(connection) as vragen:
        voorbeeld = werkboek_lees(wb.context(agenda), inhoud, namen=wb.NAMEN)
    assert {r.uitkomst for r in voorbeeld.regels} == {Uitkomst.ONGEWIJZIGD}
    return len(vragen)


def test_reading_an_export_does_not_ask_more_with_ten_times_the_rows(hilversum, henk):
    _vul(hilversum, henk, 3, 2024)
    weinig = _vragen(hilversum)
    _vul(hilversum, henk, 30, 2025)

    assert _vragen(hilversum) == weinig
