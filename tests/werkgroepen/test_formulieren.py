"""Bad input on every form: a clear Dutch message and nothing saved; corrected, it saves."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ambities.models import Knoop
from lea.config.demo_voortgang import demo_voortgang_verwijder
from lea.models import Agenda
from werkgroepen.models import Actie, Opmerking, Voortgang

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def zoals_getranscribeerd(bunnik):
    """Bunnik as transcribed: these tests start from actions without progress."""
    demo_voortgang_verwijder(bunnik)


SCRIPT = '<script>alert("x")</script>'


def _actie_data(bunnik: Agenda, **anders: object) -> dict[str, object]:
    knoop, werkgroep = bunnik.knopen.first(), bunnik.werkgroepen.first()
    assert knoop is not None
    assert werkgroep is not None
    data: dict[str, object] = {
        "knoop": knoop.pk,
        "titel": "Nieuwe opdracht: taalaanbod peuters",
        "werkgroep": werkgroep.pk,
        "timing_soort": "jaar",
        "timing_tekst": "2026",
        "timing_start": "2026-01-01",
        "timing_eind": "2026-12-31",
        "leeftijd_tekst": "2-4 jaar",
        "leeftijd_min": "2",
        "leeftijd_max": "4",
    }
    data.update(anders)
    return {k: v for k, v in data.items() if v is not None}


@pytest.mark.parametrize(
    ("anders", "melding"),
    [
        ({"titel": ""}, "Dit veld is verplicht."),
        ({"titel": "x" * 501}, "niet meer dan 500 tekens"),
        (
            {"timing_start": "2026-12-31", "timing_eind": "2026-01-01"},
            "Het einde ligt vóór de start",
        ),
        ({"leeftijd_min": "12", "leeftijd_max": "4"}, "lager dan ‘vanaf’"),
        ({"doen": SCRIPT}, "HTML-opmaak en scripts"),
        ({"timing_start": "31-31-2026"}, "Voer een geldige datum in"),
        ({"knoop": "999999"}, "Selecteer een geldige keuze"),
    ],
)
def test_new_action_refuses_bad_input(client, anne, bunnik, anders, melding):
    client.force_login(anne)
    url = reverse("actie_nieuw", args=[bunnik.slug])
    voor = Actie.objects.count()
    antwoord = client.post(url, _actie_data(bunnik, **anders))
    assert antwoord.status_code == 200
    assert melding in antwoord.content.decode()
    assert Actie.objects.count() == voor

    antwoord = client.post(url, _actie_data(bunnik))
    assert antwoord.status_code == 302
    assert Actie.objects.count() == voor + 1
    nieuw = Actie.objects.latest("pk")
    assert nieuw.agenda == bunnik
    assert nieuw.timing_eind == datetime.date(2026, 12, 31)
    assert nieuw.history.first().history_user == anne


def _voortgang(**anders: object) -> dict[str, object]:
    data: dict[str, object] = {
        "datum": timezone.localdate().isoformat(),
        "status": "lopend",
        "rag_tijd": "groen",
        "rag_geld": "oranje",
        "percentage": "30",
        "toelichting": "Eerste bijeenkomst gehouden.",
    }
    data.update(anders)
    return data


@pytest.mark.parametrize(
    ("anders", "melding"),
    [
        ({"percentage": "150"}, "hoogstens 100"),
        ({"percentage": "-5"}, "minstens 0"),
        ({"toelichting": ""}, "Dit veld is verplicht."),
        ({"toelichting": SCRIPT}, "HTML-opmaak en scripts"),
        ({"toelichting": "x" * 10_001}, "niet meer dan 10000 tekens"),
        ({"datum": "2999-01-01"}, "ligt in de toekomst"),
        ({"status": "klaar"}, "Selecteer een geldige keuze"),
        ({"rag_tijd": ""}, "Dit veld is verplicht."),
    ],
)
def test_progress_update_refuses_bad_input(client, victor, actie_van_victor, anders, melding):
    client.force_login(victor)
    url = reverse("actie_voortgang", args=["bunnik-2025", actie_van_victor.pk])
    antwoord = client.post(url, _voortgang(**anders))
    assert antwoord.status_code == 200
    assert melding in antwoord.content.decode()
    assert not Voortgang.objects.filter(actie=actie_van_victor).exists()

    assert client.post(url, _voortgang()).status_code == 302
    actie_van_victor.refresh_from_db()
    assert (actie_van_victor.status, actie_van_victor.percentage) == ("lopend", 30)


def test_chair_edit_form_refuses_end_before_start(client, victor, actie_van_victor):
    client.force_login(victor)
    url = reverse("actie_bewerken", args=["bunnik-2025", actie_van_victor.pk])
    velden = {
        "timing_soort": "periode",
        "timing_tekst": "voorjaar",
        "versie": actie_van_victor.versie,
    }
    antwoord = client.post(
        url, {**velden, "timing_start": "2026-06-01", "timing_eind": "2026-03-01"}
    )
    assert "Het einde ligt vóór de start" in antwoord.content.decode()
    antwoord = client.post(
        url, {**velden, "timing_start": "2026-03-01", "timing_eind": "2026-06-01"}
    )
    assert antwoord.status_code == 302
    actie_van_victor.refresh_from_db()
    assert actie_van_victor.timing_tekst == "voorjaar"
    # The chair's form has no goal-tree fields: a posted title is ignored.
    client.post(url, {**velden, "versie": actie_van_victor.versie, "titel": "Anders"})
    actie_van_victor.refresh_from_db()
    assert actie_van_victor.titel != "Anders"


@pytest.mark.parametrize(
    ("anders", "melding"),
    [({"titel": ""}, "Dit veld is verplicht."), ({"context": SCRIPT}, "HTML-opmaak en scripts")],
)
def test_node_form_refuses_bad_input(client, anne, hilversum, anders, melding):
    from lea.models import Lidmaatschap

    Lidmaatschap.objects.create(agenda=hilversum, gebruiker=anne, rol="beheerder")
    client.force_login(anne)
    url = reverse("knoop_nieuw", args=[hilversum.slug])
    ouder = hilversum.knopen.filter(niveau=1).first()
    data = {"ouder": ouder.pk, "code": "F", "titel": "Nieuw speerpunt", "context": "Uitleg."}
    voor = Knoop.objects.count()
    antwoord = client.post(url, {**data, **anders})
    assert melding in antwoord.content.decode()
    assert Knoop.objects.count() == voor
    assert client.post(url, data).status_code == 302
    nieuw = Knoop.objects.latest("pk")
    assert (nieuw.niveau, nieuw.ouder, nieuw.code) == (2, ouder, "F")


def test_comment_refuses_markup_and_empty_text(client, lotte, actie_van_victor):
    client.force_login(lotte)
    url = reverse("actie_opmerking", args=["bunnik-2025", actie_van_victor.pk])
    for tekst, melding in ((SCRIPT, "HTML-opmaak"), ("", "verplicht")):
        antwoord = client.post(url, {"tekst": tekst}, follow=True)
        assert melding in antwoord.content.decode()
    assert not Opmerking.objects.exists()
    client.post(url, {"tekst": "Ik kan de inventarisatie oppakken."})
    assert Opmerking.objects.get().door == lotte


def test_bulk_change_without_choice_changes_nothing(client, anne, bunnik):
    client.force_login(anne)
    url = reverse("acties_bulk", args=[bunnik.slug])
    acties = list(bunnik.acties.order_by("volgorde")[:3])
    voor = Voortgang.objects.count()
    antwoord = client.post(url, {"acties": [a.pk for a in acties]}, follow=True)
    assert "Kies wat u wilt wijzigen" in antwoord.content.decode()
    antwoord = client.post(url, {"status": "lopend"}, follow=True)
    assert "Niets gewijzigd" in antwoord.content.decode()
    assert Voortgang.objects.count() == voor
