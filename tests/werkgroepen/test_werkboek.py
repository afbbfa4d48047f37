"""The Acties and Voortgang sheets of the agenda workbook: a round trip changes nothing, an
edited file gives exactly its edits (with their history). The errors are in
test_werkboek_fouten.py, single rows and the chair's import in test_werkboek_rijen.py."""

import datetime

import pytest
from django.urls import reverse

from lea.config.demo_voortgang import demo_voortgang_verwijder
from lea.models import Agenda
from lea.weergave import naam_van
from lea.werkboek import Uitkomst, werkboek_lees, werkboek_pas_toe
from lea.werkboek import werkboek_schrijf as schrijf
from tests.factories import KnoopFactory
from tests.werkgroepen.werkboekproef import (
    BESTAND,
    BLADEN,
    DEMO,
    Boek,
    context_van,
    uitkomsten,
)
from werkgroepen.models import Actie, Status, TimingSoort
from werkgroepen.selectors import actie_historie
from werkgroepen.services import actie_archiveer
from werkgroepen.werkboek import ACTIES, knooplabels

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def zoals_getranscribeerd(bunnik):
    """Bunnik as transcribed: these tests start from actions without progress."""
    demo_voortgang_verwijder(bunnik)


# --- round trip -----------------------------------------------------------------------------


@pytest.mark.parametrize("slug", DEMO)
def test_round_trip_of_every_demo_agenda_changes_nothing(slug):
    agenda = Agenda.objects.get(slug=slug)
    context = context_van(agenda)
    voorbeeld = werkboek_lees(context, schrijf(context, namen=BLADEN), namen=BLADEN)

    actief = Actie.objects.filter(agenda=agenda).actief().count()
    assert voorbeeld.fouten == []
    assert voorbeeld.bladen == BLADEN
    for blad in BLADEN:
        assert uitkomsten(voorbeeld, blad) == ({"ongewijzigd": actief} if actief else {})
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
    context = context_van(bunnik, anne)
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
    assert uitkomsten(opnieuw, ACTIES) == {"ongewijzigd": len(acties) + 1}


def test_the_history_shows_the_import(client, bunnik, anne):
    actie = Actie.objects.filter(agenda=bunnik).actief().order_by("volgorde").first()
    context = context_van(bunnik, anne)
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
