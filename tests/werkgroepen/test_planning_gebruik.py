"""Where the planning parser (werkgroepen.planning) is used: the JSON import derives the
planning of a document that gives only its text, the action forms derive kind and dates, and
the data migration filled the existing actions."""

import copy
import datetime
import importlib
from typing import Any

import pytest
from django.apps import apps
from django.urls import reverse

from lea.models import Agenda
from lea.portability import agenda_importeer
from tests.factories import ActieFactory, AgendaFactory, KnoopFactory
from tests.werkgroepen import demodocumenten as demo
from werkgroepen.forms import ActieForm, ActiePraktischForm
from werkgroepen.models import Actie

D = datetime.date
PERIODE = {"periode_start": D(2025, 1, 1), "periode_eind": D(2028, 12, 31)}

# --- the JSON import ---------------------------------------------------------------------------


def _zonder_soort(document: dict[str, Any], slug: str) -> dict[str, Any]:
    """The document as someone writes it by hand: planning and age as text only."""
    document = copy.deepcopy(document)
    document["agenda"]["slug"] = slug
    document["agenda"]["titel"] += " (kopie)"
    for actie in document["acties"]:
        actie["timing"] = {"tekst": actie["timing"]["tekst"]}
        actie["leeftijd"] = {"tekst": actie["leeftijd"]["tekst"]}
    return document


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["ijsselstein-2025", "hilversum-2024"])
def test_import_derives_the_planning_of_a_document_that_gives_only_the_text(slug):
    origineel = demo.demo_document(slug)
    agenda = agenda_importeer(document=_zonder_soort(origineel, f"{slug}-tekst"))
    acties = list(agenda.acties.order_by("volgorde"))
    assert len(acties) == len(origineel["acties"])
    for actie, bron in zip(acties, origineel["acties"], strict=True):
        timing, leeftijd = bron["timing"], bron["leeftijd"]
        assert actie.timing_tekst == timing["tekst"]
        assert (actie.timing_soort, actie.timing_start, actie.timing_eind) == (
            timing["soort"],
            demo.datum(timing["start"]),
            demo.datum(timing["eind"]),
        ), bron["sleutel"]
        assert (actie.leeftijd_min, actie.leeftijd_max) == (leeftijd["min"], leeftijd["max"])


@pytest.mark.django_db
def test_import_keeps_the_kind_a_document_gives():
    origineel = demo.demo_document("houten-2024")
    document = copy.deepcopy(origineel)
    document["agenda"]["slug"] = "houten-soort"
    # Explicit kind and dates win over the text, also when the text would read otherwise.
    document["acties"][0]["timing"] = {"tekst": "Q3 2025", "soort": "onbepaald"}
    document["acties"][0]["leeftijd"] = {"tekst": "0-6 jaar", "min": None, "max": None}
    document["acties"][1]["timing"] = {
        "tekst": "2025",
        "soort": "periode",
        "start": "2025-03-01",
        "eind": "2025-06-30",
    }
    agenda = agenda_importeer(document=document)
    eerste, tweede = agenda.acties.order_by("volgorde")
    assert (eerste.timing_soort, eerste.timing_start, eerste.timing_eind) == (
        "onbepaald",
        None,
        None,
    )
    assert (eerste.leeftijd_min, eerste.leeftijd_max) == (None, None)
    assert (tweede.timing_soort, tweede.timing_start, tweede.timing_eind) == (
        "periode",
        D(2025, 3, 1),
        D(2025, 6, 30),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("pad", demo.FIXTURES, ids=[pad.stem for pad in demo.FIXTURES])
def test_the_demo_agendas_load_exactly_as_their_documents_say(pad):
    document = demo.document(pad)
    agenda = Agenda.objects.get(slug=document["agenda"]["slug"])
    opgeslagen = [
        (a.timing_tekst, a.timing_soort, a.timing_start, a.timing_eind)
        for a in agenda.acties.order_by("volgorde")
    ]
    assert opgeslagen == [
        (
            a["timing"]["tekst"],
            a["timing"]["soort"],
            demo.datum(a["timing"]["start"]),
            demo.datum(a["timing"]["eind"]),
        )
        for a in document["acties"]
    ]


# --- the action form ---------------------------------------------------------------------------


def _formulier(agenda: Agenda, **velden: Any) -> dict[str, Any]:
    knoop = agenda.knopen.first()
    assert knoop is not None
    data = {
        "knoop": knoop.pk,
        "titel": "Taalaanbod peuters",
        "timing_soort": "onbepaald",
        "timing_tekst": "Q3 2025",
        "timing_start": "",
        "timing_eind": "",
        "leeftijd_tekst": "",
        "leeftijd_min": "",
        "leeftijd_max": "",
    }
    data.update(velden)
    return data


@pytest.fixture
def proefdorp(db) -> Agenda:
    agenda = AgendaFactory(periode_start=D(2025, 1, 1), periode_eind=D(2028, 12, 31))
    KnoopFactory(agenda=agenda)
    return agenda


def test_form_derives_kind_and_dates_from_the_planning_text(proefdorp):
    form = ActieForm(_formulier(proefdorp, leeftijd_tekst="4 t/m 12 jaar"), agenda=proefdorp)
    assert form.is_valid(), form.errors
    data = form.cleaned_data
    assert (data["timing_soort"], data["timing_start"], data["timing_eind"]) == (
        "kwartaal",
        D(2025, 7, 1),
        D(2025, 9, 30),
    )
    assert (data["leeftijd_min"], data["leeftijd_max"]) == (4, 12)
    # The agenda's period fills what the text refers to.
    form = ActieForm(_formulier(proefdorp, timing_tekst="doorlopend"), agenda=proefdorp)
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["timing_soort"], form.cleaned_data["timing_start"]) == (
        "doorlopend",
        D(2025, 1, 1),
    )


def test_form_keeps_a_text_it_cannot_read_without_dates_or_error(proefdorp):
    tekst = "volgens de gezamenlijk overeengekomen fasering"
    form = ActieForm(
        _formulier(proefdorp, timing_tekst=tekst, leeftijd_tekst="peuters"), agenda=proefdorp
    )
    assert form.is_valid(), form.errors
    data = form.cleaned_data
    assert (data["timing_tekst"], data["timing_soort"]) == (tekst, "onbepaald")
    assert (data["timing_start"], data["timing_eind"]) == (None, None)
    assert (data["leeftijd_tekst"], data["leeftijd_min"], data["leeftijd_max"]) == (
        "peuters",
        None,
        None,
    )


def test_form_keeps_what_the_user_gave(proefdorp):
    # Dates given: they stay, whatever the text says.
    form = ActieForm(
        _formulier(
            proefdorp, timing_start="2025-08-01", leeftijd_tekst="4-12 jaar", leeftijd_max="6"
        ),
        agenda=proefdorp,
    )
    assert form.is_valid(), form.errors
    data = form.cleaned_data
    assert (data["timing_soort"], data["timing_start"], data["timing_eind"]) == (
        "onbepaald",
        D(2025, 8, 1),
        None,
    )
    assert (data["leeftijd_min"], data["leeftijd_max"]) == (None, 6)
    # A kind chosen: the user decides, nothing is derived.
    form = ActieForm(_formulier(proefdorp, timing_soort="jaar"), agenda=proefdorp)
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["timing_start"], form.cleaned_data["timing_eind"]) == (None, None)
    # A wrong date is reported, not replaced by the text's dates.
    form = ActieForm(_formulier(proefdorp, timing_start="31-31-2025"), agenda=proefdorp)
    assert not form.is_valid()
    assert "timing_start" in form.errors


def test_form_without_a_kind_is_onbepaald_or_what_the_text_says(proefdorp):
    form = ActieForm(_formulier(proefdorp, timing_soort="", timing_tekst=""), agenda=proefdorp)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["timing_soort"] == "onbepaald"
    form = ActieForm(_formulier(proefdorp, timing_soort="", timing_tekst="2026"), agenda=proefdorp)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["timing_soort"] == "jaar"


def test_chairs_form_derives_the_planning_too(proefdorp):
    actie = ActieFactory(agenda=proefdorp, timing_soort="onbepaald")
    velden = {"timing_soort": "onbepaald", "timing_tekst": "najaar 2026", "versie": actie.versie}
    form = ActiePraktischForm(velden, instance=actie, agenda=proefdorp)
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["timing_start"], form.cleaned_data["timing_eind"]) == (
        D(2026, 7, 1),
        D(2026, 12, 31),
    )


@pytest.mark.django_db
def test_new_action_planned_in_words_is_overdue_once_that_has_passed(client, henk, hilversum):
    client.force_login(henk)
    url = reverse("actie_nieuw", args=[hilversum.slug])
    pagina = client.get(url).content.decode()
    assert "LEA leidt ze af uit de planning, bv. ‘Q3 2025’" in pagina
    assert hilversum.periode_start <= D(2024, 7, 1) <= hilversum.periode_eind
    voor = set(Actie.objects.te_laat().values_list("pk", flat=True))

    antwoord = client.post(
        url, _formulier(hilversum, titel="Voorleesweek 2024", timing_tekst="Q3 2024")
    )

    assert antwoord.status_code == 302
    actie = Actie.objects.get(agenda=hilversum, titel="Voorleesweek 2024")
    assert (actie.timing_tekst, actie.timing_soort) == ("Q3 2024", "kwartaal")
    assert (actie.timing_start, actie.timing_eind) == (D(2024, 7, 1), D(2024, 9, 30))
    assert set(Actie.objects.te_laat().values_list("pk", flat=True)) == voor | {actie.pk}
    detail = client.get(reverse("actie_detail", args=[hilversum.slug, actie.pk]))
    assert detail.status_code == 200


@pytest.mark.django_db
def test_new_action_with_unreadable_planning_is_saved_without_dates(client, henk, hilversum):
    client.force_login(henk)
    url = reverse("actie_nieuw", args=[hilversum.slug])
    antwoord = client.post(
        url, _formulier(hilversum, titel="Fasering huisvesting", timing_tekst="na overleg")
    )
    assert antwoord.status_code == 302
    actie = Actie.objects.get(agenda=hilversum, titel="Fasering huisvesting")
    assert (actie.timing_tekst, actie.timing_soort, actie.timing_eind) == (
        "na overleg",
        "onbepaald",
        None,
    )
    assert actie not in Actie.objects.te_laat()


# --- the data migration ------------------------------------------------------------------------


GEEN_DATA: dict[str, Any] = {"timing_start": None, "timing_eind": None}


def test_migration_fills_the_planning_of_existing_actions(proefdorp):
    migratie = importlib.import_module("werkgroepen.migrations.0007_planning_uit_tekst")
    zonder = ActieFactory(
        agenda=proefdorp, timing_tekst="Q3 2025", timing_soort="onbepaald", **GEEN_DATA
    )
    onleesbaar = ActieFactory(
        agenda=proefdorp, timing_tekst="na overleg", timing_soort="onbepaald", **GEEN_DATA
    )
    met_datum = ActieFactory(
        agenda=proefdorp,
        timing_tekst="Q3 2025",
        timing_soort="onbepaald",
        timing_start=None,
        timing_eind=D(2025, 8, 15),
    )
    gekozen = ActieFactory(
        agenda=proefdorp, timing_tekst="Q3 2025", timing_soort="jaar", **GEEN_DATA
    )

    migratie.planning_uit_tekst(apps, None)

    for actie in (zonder, onleesbaar, met_datum, gekozen):
        actie.refresh_from_db()
    assert (zonder.timing_soort, zonder.timing_start, zonder.timing_eind) == (
        "kwartaal",
        D(2025, 7, 1),
        D(2025, 9, 30),
    )
    assert (onleesbaar.timing_soort, onleesbaar.timing_start, onleesbaar.timing_eind) == (
        "onbepaald",
        None,
        None,
    )
    assert (met_datum.timing_soort, met_datum.timing_eind) == ("onbepaald", D(2025, 8, 15))
    assert (gekozen.timing_soort, gekozen.timing_start) == ("jaar", None)
