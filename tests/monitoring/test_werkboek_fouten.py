"""Monitoring's sheets of the agenda workbook, refused: each kind of error in a sheet is reported
with its sheet, row and column and leaves the database as it was; the corrected file applies."""

import datetime
from decimal import Decimal
from typing import Any

import pytest

from lea.models import Agenda
from lea.services import bewaar
from lea.werkboek import (
    WerkboekFout,
    werkboek_pas_toe,
)
from monitoring.models import (
    Begroting,
    Begrotingspost,
    Indicator,
    Meting,
    Realisatie,
    School,
)
from monitoring.services.begroting import realisatie_bewaar
from tests.monitoring import werkboekproef as wb

pytestmark = pytest.mark.django_db


def _andere_meting(agenda: Agenda) -> Meting:
    return Meting.objects.exclude(indicator__agenda=agenda).first()


def _meting(boek, agenda: Agenda, **waarden: Any) -> int:
    naam = agenda.indicatoren.filter(eenheid="%").values_list("naam", flat=True).first()
    return wb.voeg_toe(boek["Metingen"], {"Indicator": naam, "Jaar": 2024, "Waarde": 5} | waarden)


def _school(agenda: Agenda) -> School:
    return bewaar(School(agenda=agenda, naam="Het Kompas"))


def _post_rij(boek, agenda: Agenda, naam: str, jaar: int) -> int:
    post = agenda.begroting.posten.get(naam=naam)
    return wb.rij(boek["Begroting"], ID=post.pk, Jaar=jaar)


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
        lambda boek, a, h: wb.voeg_toe(boek["Indicatoren"], {"Naam": "Percentage laaggeletterden"}),
        "Indicatoren",
        "Naam",
        "Er is al een indicator ‘Percentage laaggeletterden’",
    ),
    "streefjaar buiten de grenzen": (
        lambda boek, a, h: wb.voeg_toe(boek["Indicatoren"], {"Naam": "Nieuw", "Streefjaar": 3030}),
        "Indicatoren",
        "Streefjaar",
        "3030 is geen geldig jaar",
    ),
    "negatief aantal kinderen": (
        lambda boek, a, h: wb.voeg_toe(
            boek["VE-cijfers"], {"Jaar": 2024, "Kinderen met VE-indicatie": -4, "Bereikt": 0}
        ),
        "VE-cijfers",
        "Kinderen met VE-indicatie",
        "Een aantal kan niet negatief zijn.",
    ),
    "meer bereikt dan geïndiceerd": (
        lambda boek, a, h: wb.voeg_toe(
            boek["VE-cijfers"], {"Jaar": 2024, "Kinderen met VE-indicatie": 4, "Bereikt": 9}
        ),
        "VE-cijfers",
        "Bereikt",
        "Er kunnen niet meer kinderen bereikt worden dan er een indicatie hebben.",
    ),
    "schoolweging buiten de schaal": (
        lambda boek, a, h: wb.voeg_toe(
            boek["Schoolweging"], {"School": _school(a).naam, "Jaar": 2024, "Schoolweging": 52}
        ),
        "Schoolweging",
        "Schoolweging",
        "De schoolweging ligt tussen 20 en 40",
    ),
    "nieuwe school met een bestaande naam": (
        lambda boek, a, h: wb.voeg_toe(boek["Scholen"], {"Naam": _school(a).naam}),
        "Scholen",
        "Naam",
        "Deze agenda heeft al een school met deze naam.",
    ),
    "negatief bedrag": (
        lambda boek, a, h: wb.zet(
            boek["Begroting"], _post_rij(boek, a, "Opstapje", 2025), "Begroot", -100
        ),
        "Begroting",
        "Begroot",
        "Een bedrag kan niet negatief zijn.",
    ),
    "jaar buiten de begroting": (
        lambda boek, a, h: wb.zet(
            boek["Begroting"], _post_rij(boek, a, "Opstapje", 2027), "Jaar", 2030
        ),
        "Begroting",
        "Jaar",
        "Kies een jaar van de begroting (2024–2027).",
    ),
    "post van een andere agenda": (
        lambda boek, a, h: wb.zet(
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
        lambda boek, a, h: wb.zet(
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
        lambda boek, a, h: wb.voeg_toe(
            boek["Realisaties"],
            {"Post": "Opstapje", "Jaar": 2024, "Kwartaal": 5, "Gerealiseerd": 1},
        ),
        "Realisaties",
        "Kwartaal",
        "Een kwartaal is 1, 2, 3 of 4.",
    ),
    "vastgelegd kwartaal verschuiven": (
        lambda boek, a, h: wb.voeg_toe(
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
    boek = wb.export(hilversum)
    wb.voeg_toe(boek["VE-cijfers"], {"Jaar": 2021, "Kinderen met VE-indicatie": 10, "Bereikt": 8})
    bewerk(boek, hilversum, henk)
    stand = wb.stand(hilversum)

    voorbeeld = wb.lees(hilversum, boek, henk)

    fouten = [(f.blad, f.kolom) for f in voorbeeld.fouten if melding in f.melding]
    assert fouten, voorbeeld.fouten
    assert set(fouten) == {(blad, kolom)}
    rijen = {f.rij for f in voorbeeld.fouten if melding in f.melding}
    assert all(rij is not None and rij >= 2 for rij in rijen)
    with pytest.raises(WerkboekFout, match="er is niets gewijzigd"):
        werkboek_pas_toe(
            wb.context(hilversum, henk, "fout.xlsx"), wb.als_bytes(boek), namen=wb.NAMEN
        )
    assert wb.stand(hilversum) == stand  # not even the valid new VE row


def test_the_corrected_file_applies(hilversum, henk):
    """The error path's input, corrected: the same rows are accepted."""
    boek = wb.export(hilversum)
    rij = _meting(boek, hilversum, **{"Gemeten op": "31-02-2024"})
    assert wb.lees(hilversum, boek).heeft_fouten

    wb.zet(boek["Metingen"], rij, "Gemeten op", "28-02-2024")
    werkboek_pas_toe(wb.context(hilversum, henk), wb.als_bytes(boek), namen=wb.NAMEN)

    meting = Meting.objects.get(indicator__agenda=hilversum, jaar=2024)
    assert meting.datum == datetime.date(2024, 2, 28)
