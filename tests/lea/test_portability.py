"""`agenda export` / `agenda import`: the round trip, and refusals that change nothing."""

import datetime
import json

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from lea.config.demo_voortgang import demo_voortgang_verwijder
from lea.models import Agenda
from lea.portability import agenda_exporteer

pytestmark = pytest.mark.django_db

SLUGS = ["bunnik-2025", "ijsselstein-2025", "westland-2022", "houten-2024", "hilversum-2024"]
DOMEIN_APPS = ["lea", "ambities", "werkgroepen", "overleg", "monitoring"]


def _tellingen() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for app in DOMEIN_APPS
        for model in apps.get_app_config(app).get_models()
        # The audit trail outlives deletions; the statutory topics are shared reference data.
        if not model.__name__.startswith("Historical") and model.__name__ != "WettelijkOnderwerp"
    }


@pytest.mark.parametrize("slug", SLUGS)
def test_round_trip_through_an_empty_database(slug, tmp_path):
    agenda = Agenda.objects.get(slug=slug)
    demo_voortgang_verwijder(agenda)  # the first action's updates are only these two
    if actie := agenda.acties.first():  # progress updates travel along
        from werkgroepen.services import voortgang_registreer

        voortgang_registreer(
            actie=actie,
            door=None,
            datum=datetime.date(2025, 3, 1),
            status="lopend",
            rag_tijd="groen",
            rag_geld="oranje",
            percentage=20,
            toelichting="Gestart.",
        )
        voortgang_registreer(
            actie=actie,
            door=None,
            datum=datetime.date(2025, 9, 1),
            status="uitgesteld",
            rag_tijd="rood",
            rag_geld="oranje",
            percentage=30,
            toelichting="Vertraagd.",
        )
    bestand = tmp_path / f"{slug}.json"
    call_command("agenda", "export", slug, "-o", str(bestand))
    eerste = json.loads(bestand.read_text(encoding="utf-8"))

    Agenda.objects.all().delete()
    assert all(aantal == 0 for aantal in _tellingen().values()), _tellingen()

    call_command("agenda", "import", str(bestand))
    tweede = agenda_exporteer(Agenda.objects.get(slug=slug))
    assert tweede == eerste
    assert len(eerste["knopen"]) > 0
    if eerste["acties"]:
        assert [v["status"] for v in eerste["acties"][0]["voortgang"]] == ["lopend", "uitgesteld"]
        assert Agenda.objects.get(slug=slug).acties.get(volgorde=0).status == "uitgesteld"


def test_export_holds_the_whole_agenda(tmp_path):
    document = agenda_exporteer(Agenda.objects.get(slug="hilversum-2024"))
    assert set(document) >= {
        "agenda",
        "organisaties",
        "personen",
        "knopen",
        "werkgroepen",
        "acties",
        "overlegorganen",
        "begroting",
    }
    assert len(document["acties"]) == 42
    assert document["begroting"]["beginsaldo"] == {"jaar": 2024, "bedrag": 1300000}


def _document(slug="bunnik-2025") -> dict:
    return agenda_exporteer(Agenda.objects.get(slug=slug))


def _importeer_fout(document, tmp_path) -> str:
    bestand = tmp_path / "in.json"
    bestand.write_text(json.dumps(document), encoding="utf-8")
    voor = _tellingen()
    with pytest.raises(CommandError) as fout:
        call_command("agenda", "import", str(bestand))
    assert _tellingen() == voor, "een geweigerde import mag niets veranderen"
    return str(fout.value)


def test_import_refuses_an_agenda_that_already_exists(tmp_path):
    melding = _importeer_fout(_document(), tmp_path)
    assert "bestaat al een agenda" in melding
    assert "bunnik-2025" in melding


def test_import_refuses_a_broken_reference_and_keeps_nothing(tmp_path):
    document = _document()
    document["agenda"]["slug"] = "bunnik-kopie"
    document["acties"][-1]["knoop"] = "bestaat-niet"
    melding = _importeer_fout(document, tmp_path)
    assert "acties[" in melding
    assert "onbekende verwijzing" in melding
    assert not Agenda.objects.filter(slug="bunnik-kopie").exists()


@pytest.mark.parametrize(
    ("breuk", "verwacht"),
    [
        (lambda d: d.update(formaat="iets anders"), "geen LEA-agendabestand"),
        (lambda d: d["agenda"].update(periode_start="2030-01-01"), "periode"),
        (lambda d: d["agenda"].update(periode_eind="morgen"), "geen datum"),
        (lambda d: d["acties"][0]["leeftijd"].update(min=12, max=4), "minimumleeftijd"),
        (lambda d: d["acties"][0].update(status="klaar"), "geen geldige waarde"),
        (lambda d: d["organisaties"].append(dict(d["organisaties"][0])), "al een organisatie"),
        (
            lambda d: d["organisaties"].append({**d["organisaties"][0], "naam": "Nieuw"}),
            "twee keer",
        ),
        (lambda d: d.update(knopen="geen lijst"), "verwacht een lijst"),
        (lambda d: d["acties"][0].update(titel=""), "titel: ontbreekt"),
    ],
)
def test_import_refuses_malformed_documents_with_a_dutch_message(breuk, verwacht, tmp_path):
    document = _document()
    document["agenda"]["slug"] = "bunnik-kopie"
    breuk(document)
    assert verwacht in _importeer_fout(document, tmp_path)


def test_import_refuses_a_file_that_is_not_json(tmp_path):
    bestand = tmp_path / "kapot.json"
    bestand.write_text("{ dit is geen json", encoding="utf-8")
    with pytest.raises(CommandError, match="geen geldig JSON-bestand"):
        call_command("agenda", "import", str(bestand))


def test_corrected_document_then_imports(tmp_path):
    document = _document()
    document["agenda"]["slug"] = "bunnik-kopie"
    bestand = tmp_path / "in.json"
    bestand.write_text(json.dumps(document), encoding="utf-8")
    call_command("agenda", "import", str(bestand))
    kopie = Agenda.objects.get(slug="bunnik-kopie")
    origineel = Agenda.objects.get(slug="bunnik-2025")
    assert kopie.acties.count() == origineel.acties.count()
    # The copy has its own organisations: nothing is shared across agendas by accident.
    assert not set(kopie.organisaties.values_list("pk", flat=True)) & set(
        origineel.organisaties.values_list("pk", flat=True)
    )
