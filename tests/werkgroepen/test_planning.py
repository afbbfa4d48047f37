"""Planning and age as written: the one parser (werkgroepen.planning), checked against every
action of the five demo agendas, and used by the JSON import, the action form and the data
migration."""

import copy
import datetime
import importlib
import json
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse

from lea.models import Agenda
from lea.portability import agenda_importeer
from tests.factories import ActieFactory, AgendaFactory, KnoopFactory
from werkgroepen.forms import ActieForm, ActiePraktischForm
from werkgroepen.models import Actie
from werkgroepen.planning import Planning, lees_leeftijd, lees_planning

D = datetime.date
FIXTURES = sorted((Path(settings.BASE_DIR) / "fixtures" / "agendas").glob("*.json"))
PERIODE = {"periode_start": D(2025, 1, 1), "periode_eind": D(2028, 12, 31)}


def _document(pad: Path) -> dict[str, Any]:
    return json.loads(pad.read_text(encoding="utf-8"))


def _datum(waarde: str | None) -> datetime.date | None:
    return D.fromisoformat(waarde) if waarde else None


def _acties() -> list[Any]:
    """Every action of the five demo agendas, with its agenda's period."""
    gevallen = []
    for pad in FIXTURES:
        document = _document(pad)
        agenda = document["agenda"]
        periode = {
            "periode_start": _datum(agenda["periode_start"]),
            "periode_eind": _datum(agenda["periode_eind"]),
        }
        for actie in document["acties"]:
            gevallen.append(pytest.param(actie, periode, id=f"{agenda['slug']}:{actie['sleutel']}"))
    return gevallen


def test_the_five_demo_agendas_are_all_read():
    assert len(FIXTURES) == 5
    assert len(_acties()) == sum(len(_document(pad)["acties"]) for pad in FIXTURES) > 100


@pytest.mark.parametrize(("actie", "periode"), _acties())
def test_every_demo_planning_reads_as_the_fixture_stores_it(actie, periode):
    timing = actie["timing"]
    planning = lees_planning(timing["tekst"], **periode)
    opgeslagen = (timing["soort"], _datum(timing["start"]), _datum(timing["eind"]))
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
    origineel = _document(Path(settings.BASE_DIR) / "fixtures" / "agendas" / f"{slug}.json")
    agenda = agenda_importeer(document=_zonder_soort(origineel, f"{slug}-tekst"))
    acties = list(agenda.acties.order_by("volgorde"))
    assert len(acties) == len(origineel["acties"])
    for actie, bron in zip(acties, origineel["acties"], strict=True):
        timing, leeftijd = bron["timing"], bron["leeftijd"]
        assert actie.timing_tekst == timing["tekst"]
        assert (actie.timing_soort, actie.timing_start, actie.timing_eind) == (
            timing["soort"],
            _datum(timing["start"]),
            _datum(timing["eind"]),
        ), bron["sleutel"]
        assert (actie.leeftijd_min, actie.leeftijd_max) == (leeftijd["min"], leeftijd["max"])


@pytest.mark.django_db
def test_import_keeps_the_kind_a_document_gives():
    origineel = _document(Path(settings.BASE_DIR) / "fixtures" / "agendas" / "houten-2024.json")
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
@pytest.mark.parametrize("pad", FIXTURES, ids=[pad.stem for pad in FIXTURES])
def test_the_demo_agendas_load_exactly_as_their_documents_say(pad):
    document = _document(pad)
    agenda = Agenda.objects.get(slug=document["agenda"]["slug"])
    opgeslagen = [
        (a.timing_tekst, a.timing_soort, a.timing_start, a.timing_eind)
        for a in agenda.acties.order_by("volgorde")
    ]
    assert opgeslagen == [
        (
            a["timing"]["tekst"],
            a["timing"]["soort"],
            _datum(a["timing"]["start"]),
            _datum(a["timing"]["eind"]),
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
