"""The public marks in the agenda document: progress updates and decisions keep them through
export and import, the publication keeps its settings but never its published state, older
documents without them still import, and a wrong value is refused in Dutch."""

import datetime
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from lea.config.demo_voortgang import demo_voortgang_verwijder
from lea.models import Agenda, AgendaStatus, Publicatie
from lea.portability import (
    ImportFout,
    agenda_exporteer,
    agenda_importeer,
    agenda_naar_nieuwe_periode,
)
from lea.services.publicatie import publicatie_publiceer
from overleg.models import Besluit
from overleg.services.vergaderingen import besluit_openbaar_zet
from werkgroepen.models import Voortgang
from werkgroepen.services import voortgang_registreer

pytestmark = pytest.mark.django_db

PUBLIEK = "De werkgroep is gestart met twee scholen."


@pytest.fixture
def gemarkeerd(bunnik, anne):
    """Bunnik published, with one public update worded for the public, one public update in
    its own words, one internal update and one public decision."""
    demo_voortgang_verwijder(bunnik)
    actie = bunnik.acties.order_by("volgorde", "pk").first()
    for dag, openbaar, tekst in ((1, False, ""), (2, True, PUBLIEK), (3, True, "")):
        voortgang_registreer(
            actie=actie,
            door=None,
            datum=datetime.date(2025, 3, dag),
            status="lopend",
            rag_tijd="groen",
            rag_geld="groen",
            percentage=10 * dag,
            toelichting=f"Intern verslag {dag}.",
            openbaar=openbaar,
            openbare_tekst=tekst,
        )
    besluit = Besluit.objects.filter(agendapunt__vergadering__orgaan__agenda=bunnik).first()
    assert besluit is not None, "Bunnik's demo meetings have decisions"
    besluit_openbaar_zet(besluit=besluit, openbaar=True, door=anne)
    publicatie_publiceer(
        agenda=bunnik, door=anne, niveau="regel", inleiding="Wat de gemeente met scholen doet."
    )
    return {"actie": actie, "besluit": besluit}


def _in_bestand(document: dict, tmp_path: Path) -> str:
    bestand = tmp_path / "agenda.json"
    bestand.write_text(json.dumps(document), encoding="utf-8")
    return str(bestand)


def _kopie(document: dict, slug: str = "bunnik-kopie") -> dict:
    document = json.loads(json.dumps(document))
    document["agenda"]["slug"] = slug
    return document


def _marks(agenda: Agenda) -> dict:
    voortgang = Voortgang.objects.filter(actie__agenda=agenda).order_by("datum")
    return {
        "voortgang": list(voortgang.values_list("datum__day", "openbaar", "openbare_tekst")),
        "besluiten": Besluit.objects.filter(
            agendapunt__vergadering__orgaan__agenda=agenda, openbaar=True
        ).count(),
    }


def test_round_trip_keeps_the_marks_and_the_settings_but_not_the_publication(
    client, bunnik, gemarkeerd, tmp_path
):
    assert client.get(reverse("openbaar_agenda", args=[bunnik.slug])).status_code == 200
    eerste = agenda_exporteer(bunnik)
    voor = _marks(bunnik)
    assert voor == {
        "voortgang": [(1, False, ""), (2, True, PUBLIEK), (3, True, "")],
        "besluiten": 1,
    }
    assert eerste["agenda"]["publicatie"] == {
        "toon_begroting": "regel",
        "inleiding": "Wat de gemeente met scholen doet.",
    }
    bestand = _in_bestand(eerste, tmp_path)

    Agenda.objects.all().delete()
    call_command("agenda", "import", bestand)

    kopie = Agenda.objects.get(slug=bunnik.slug)
    assert _marks(kopie) == voor
    publicatie = Publicatie.objects.get(agenda=kopie)
    assert (publicatie.toon_begroting, publicatie.inleiding) == (
        "regel",
        "Wat de gemeente met scholen doet.",
    )
    # Never public until its beheerder publishes it: the public page is not there.
    assert not publicatie.openbaar
    assert publicatie.gepubliceerd_op is None
    assert client.get(reverse("openbaar_agenda", args=[bunnik.slug])).status_code == 404
    assert agenda_exporteer(kopie) == eerste


def test_a_published_state_in_the_document_is_ignored(client, bunnik, gemarkeerd):
    document = _kopie(agenda_exporteer(bunnik))
    document["agenda"]["publicatie"].update(
        gepubliceerd_op="2025-01-01T12:00:00+01:00", openbaar=True, ingetrokken_op=None
    )
    kopie = agenda_importeer(document=document)
    assert kopie.status == AgendaStatus.ACTIEF
    publicatie = Publicatie.objects.get(agenda=kopie)
    assert (publicatie.gepubliceerd_op, publicatie.gepubliceerd_door, publicatie.openbaar) == (
        None,
        None,
        False,
    )
    assert client.get(reverse("openbaar_agenda", args=[kopie.slug])).status_code == 404


def test_an_older_document_without_marks_imports_as_not_public(bunnik, gemarkeerd):
    document = _kopie(agenda_exporteer(bunnik))
    del document["agenda"]["publicatie"]
    for actie in document["acties"]:
        for voortgang in actie["voortgang"]:
            voortgang.pop("openbaar", None)
            voortgang.pop("openbare_tekst", None)
    for vergadering in document["vergaderingen"]:
        for punt in vergadering["punten"]:
            for besluit in punt["besluiten"]:
                besluit.pop("openbaar", None)
    tekst = json.dumps(document)
    assert '"openbaar"' not in tekst
    assert '"openbare_tekst"' not in tekst

    kopie = agenda_importeer(document=document)
    assert _marks(kopie) == {
        "voortgang": [(1, False, ""), (2, False, ""), (3, False, "")],
        "besluiten": 0,
    }
    assert not Publicatie.objects.filter(agenda=kopie).exists()


def _voortgang_van(document: dict) -> dict:
    return next(a for a in document["acties"] if a["voortgang"])["voortgang"][1]


def _besluit_van(document: dict) -> dict:
    return next(
        b
        for v in document["vergaderingen"]
        for punt in v["punten"]
        for b in punt["besluiten"]
        if b.get("openbaar")
    )


@pytest.mark.parametrize(
    ("breuk", "herstel", "verwacht"),
    [
        (
            lambda d: _voortgang_van(d).update(openbaar="ja"),
            lambda d: _voortgang_van(d).update(openbaar=True),
            ".voortgang[1].openbaar: verwacht true of false.",
        ),
        (
            lambda d: _voortgang_van(d).update(openbare_tekst=["lijst"]),
            lambda d: _voortgang_van(d).update(openbare_tekst=PUBLIEK),
            ".voortgang[1].openbare_tekst: verwacht tekst.",
        ),
        (
            lambda d: _besluit_van(d).update(openbaar=1),
            lambda d: _besluit_van(d).update(openbaar=True),
            ".openbaar: verwacht true of false.",
        ),
        (
            lambda d: d["agenda"]["publicatie"].update(toon_begroting="alles"),
            lambda d: d["agenda"]["publicatie"].update(toon_begroting="niveau1"),
            "agenda.publicatie.toon_begroting: 'alles' is geen geldige waarde",
        ),
        (
            lambda d: d["agenda"].update(publicatie="ja"),
            lambda d: d["agenda"].update(publicatie={"inleiding": "Welkom."}),
            "agenda.publicatie: verwacht een object",
        ),
    ],
    ids=["voortgang-openbaar", "openbare-tekst", "besluit-openbaar", "begroting", "publicatie"],
)
def test_a_wrong_value_is_refused_in_dutch_and_the_corrected_document_imports(
    bunnik, gemarkeerd, tmp_path, breuk, herstel, verwacht
):
    document = _kopie(agenda_exporteer(bunnik))
    breuk(document)
    aantal = Agenda.objects.count(), Voortgang.objects.count(), Besluit.objects.count()
    with pytest.raises(CommandError) as fout:
        call_command("agenda", "import", _in_bestand(document, tmp_path))
    assert verwacht in str(fout.value)
    assert (Agenda.objects.count(), Voortgang.objects.count(), Besluit.objects.count()) == aantal
    assert not Publicatie.objects.filter(agenda__slug="bunnik-kopie").exists()

    herstel(document)
    call_command("agenda", "import", _in_bestand(document, tmp_path))
    kopie = Agenda.objects.get(slug="bunnik-kopie")
    assert _marks(kopie)["besluiten"] == 1
    assert not Publicatie.objects.get(agenda=kopie).openbaar


def test_an_import_error_names_the_place_of_the_wrong_mark(bunnik, gemarkeerd):
    document = _kopie(agenda_exporteer(bunnik))
    index = next(i for i, a in enumerate(document["acties"]) if a["voortgang"])
    document["acties"][index]["voortgang"][2]["openbaar"] = "waar"
    with pytest.raises(ImportFout, match=rf"^acties\[{index}\]\.voortgang\[2\]\.openbaar: "):
        agenda_importeer(document=document)


def test_the_next_period_leaves_the_marks_behind_and_keeps_the_settings(bunnik, gemarkeerd):
    document = agenda_naar_nieuwe_periode(
        bunnik,
        agendavelden={
            "slug": "bunnik-2029",
            "titel": "LEA Bunnik 2029-2032",
            "periode_start": "2029-01-01",
            "periode_eind": "2032-12-31",
            "status": AgendaStatus.CONCEPT.value,
            "voorganger": bunnik.slug,
        },
    )
    # Progress updates and meetings stay behind, and with them their marks.
    assert all(actie["voortgang"] == [] for actie in document["acties"])
    assert document["vergaderingen"] == []
    # How the agenda presents itself carries over; whether it is public does not.
    assert document["agenda"]["publicatie"] == {
        "toon_begroting": "regel",
        "inleiding": "Wat de gemeente met scholen doet.",
    }
    concept = agenda_importeer(document=document)
    assert concept.is_concept
    assert not Publicatie.objects.get(agenda=concept).openbaar
    assert Publicatie.objects.get(agenda=bunnik).openbaar, "the old agenda stays published"
