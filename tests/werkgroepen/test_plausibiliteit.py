"""Implausible data is refused with a clear Dutch message and nothing saved; a form sent twice
records once. Each refusal is followed by the corrected input, which saves."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from lea.config.demo_voortgang import demo_voortgang_verwijder
from lea.models import Lidmaatschap
from tests.factories import ActieFactory, AgendaFactory, KnoopFactory, voortgang_meld
from werkgroepen.models import Actie, Voortgang

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def zoals_getranscribeerd(bunnik):
    """Bunnik as transcribed: these tests start from actions without progress."""
    demo_voortgang_verwijder(bunnik)


VANDAAG = timezone.localdate()
AL_VERSTUURD = "Dit formulier is al verstuurd; de wijziging is één keer opgeslagen."


def _voortgang(**anders: object) -> dict[str, object]:
    data: dict[str, object] = {
        "datum": VANDAAG.isoformat(),
        "status": "lopend",
        "rag_tijd": "groen",
        "rag_geld": "groen",
        "percentage": "30",
        "toelichting": "Eerste bijeenkomst gehouden.",
    }
    data.update(anders)
    return data


def _token(html: str, naam: str = "eenmalig") -> str:
    gevonden = re.search(rf'name="{re.escape(naam)}" value="([0-9a-f-]+)"', html)
    assert gevonden, f"no one-time token {naam} in the form"
    return gevonden.group(1)


@pytest.mark.parametrize(
    ("anders", "melding"),
    [
        ({"datum": "0001-01-01"}, "buiten de periode van de agenda (01-01-2025 – 31-12-2028)"),
        ({"datum": "2024-12-31"}, "buiten de periode van de agenda"),
        (
            {"datum": (VANDAAG + datetime.timedelta(days=1)).isoformat()},
            "ligt in de toekomst",
        ),
        ({"status": "afgerond", "percentage": "10"}, "Afgerond betekent 100 % gereed"),
    ],
)
def test_implausible_progress_is_refused_on_the_action_page(
    client, victor, actie_van_victor, anders, melding
):
    client.force_login(victor)
    url = reverse("actie_voortgang", args=["bunnik-2025", actie_van_victor.pk])
    antwoord = client.post(url, _voortgang(**anders))
    assert antwoord.status_code == 200
    assert melding in antwoord.content.decode()
    assert not Voortgang.objects.filter(actie=actie_van_victor).exists()
    actie_van_victor.refresh_from_db()
    assert actie_van_victor.status == "gepland"

    assert client.post(url, _voortgang(status="afgerond", percentage="100")).status_code == 302
    actie_van_victor.refresh_from_db()
    assert (actie_van_victor.status, actie_van_victor.percentage) == ("afgerond", 100)


def test_the_form_states_the_rules(client, victor, actie_van_victor):
    client.force_login(victor)
    url = reverse("actie_voortgang", args=["bunnik-2025", actie_van_victor.pk])
    pagina = client.get(url).content.decode()
    assert "Afgerond betekent 100 %." in pagina
    assert "binnen de periode van de agenda en niet in de toekomst" in pagina


def test_the_service_refuses_the_same_input(anne, actie_van_victor):
    for datum, status, pct in [
        (datetime.date(1, 1, 1), "lopend", 10),
        (VANDAAG + datetime.timedelta(days=3), "lopend", 10),
        (VANDAAG, "afgerond", 10),
    ]:
        with pytest.raises(ValidationError):
            voortgang_meld(
                actie_van_victor, anne, datum=datum, status=status, percentage=pct, toelichting="x"
            )
    assert not Voortgang.objects.filter(actie=actie_van_victor).exists()


def test_implausible_progress_is_refused_inline_on_the_werkgroep_page(
    client, victor, werkgroep, actie_van_victor
):
    client.force_login(victor)
    url = reverse("werkgroep_voortgang", args=["bunnik-2025", werkgroep.pk, actie_van_victor.pk])
    p = f"actie{actie_van_victor.pk}-"
    data = {p + k: v for k, v in _voortgang(status="afgerond", percentage="10").items()}
    antwoord = client.post(url, data, headers={"HX-Request": "true"})
    assert "Afgerond betekent 100 % gereed" in antwoord.content.decode()
    assert not Voortgang.objects.filter(actie=actie_van_victor).exists()
    data[p + "percentage"] = "100"
    assert "bijgewerkt" in client.post(url, data, headers={"HX-Request": "true"}).content.decode()
    assert Voortgang.objects.filter(actie=actie_van_victor).count() == 1


def test_bulk_change_to_afgerond_sets_100_percent(client, anne, bunnik):
    client.force_login(anne)
    acties = list(bunnik.acties.order_by("volgorde")[:2])
    antwoord = client.post(
        reverse("acties_bulk", args=[bunnik.slug]),
        {"acties": [a.pk for a in acties], "status": "afgerond"},
    )
    assert antwoord.status_code == 302
    for actie in acties:
        actie.refresh_from_db()
        assert (actie.status, actie.percentage) == ("afgerond", 100)
        assert actie.voortgang.get().percentage == 100


def test_bulk_change_after_the_period_says_why_and_changes_nothing(client, django_user_model):
    agenda = AgendaFactory.create(
        periode_start=datetime.date(2019, 1, 1), periode_eind=datetime.date(2022, 12, 31)
    )
    actie = ActieFactory.create(agenda=agenda, knoop=KnoopFactory.create(agenda=agenda))
    beheerder = django_user_model.objects.create_user("beheerder-oud", "b@lea.example", "x")
    Lidmaatschap.objects.create(agenda=agenda, gebruiker=beheerder, rol="beheerder")
    client.force_login(beheerder)
    antwoord = client.post(
        reverse("acties_bulk", args=[agenda.slug]),
        {"acties": [actie.pk], "status": "lopend"},
        follow=True,
    )
    assert "Niets gewijzigd: De rapportagedatum ligt buiten de periode" in (
        antwoord.content.decode()
    )
    assert not Voortgang.objects.filter(actie=actie).exists()
    # The update form offers the period's last day, which it accepts.
    url = reverse("actie_voortgang", args=[agenda.slug, actie.pk])
    assert 'value="2022-12-31"' in client.get(url).content.decode()
    assert client.post(url, _voortgang(datum="2022-12-31")).status_code == 302


def test_a_double_submit_of_the_progress_form_records_once(client, victor, actie_van_victor):
    client.force_login(victor)
    url = reverse("actie_voortgang", args=["bunnik-2025", actie_van_victor.pk])
    data = _voortgang(eenmalig=_token(client.get(url).content.decode()))
    assert client.post(url, data).status_code == 302
    tweede = client.post(url, data)
    assert tweede.status_code == 200
    assert AL_VERSTUURD in tweede.content.decode()
    assert Voortgang.objects.filter(actie=actie_van_victor).count() == 1
    # A fresh form (a new token) records the next update.
    data["eenmalig"] = _token(client.get(url).content.decode())
    assert client.post(url, data).status_code == 302
    assert Voortgang.objects.filter(actie=actie_van_victor).count() == 2


@pytest.mark.parametrize("htmx", [True, False])
def test_a_double_submit_of_the_inline_form_records_once(
    client, victor, werkgroep, actie_van_victor, htmx
):
    client.force_login(victor)
    url = reverse("werkgroep_voortgang", args=["bunnik-2025", werkgroep.pk, actie_van_victor.pk])
    p = f"actie{actie_van_victor.pk}-"
    formulier = client.get(url, headers={"HX-Request": "true"}).content.decode()
    data = {p + k: v for k, v in _voortgang().items()}
    data[p + "eenmalig"] = _token(formulier, p + "eenmalig")
    headers = {"HX-Request": "true"} if htmx else {}
    eerste = client.post(url, data, headers=headers)
    assert eerste.status_code == (200 if htmx else 302)
    tweede = client.post(url, data, headers=headers)
    assert tweede.status_code == 200
    assert AL_VERSTUURD in tweede.content.decode()
    assert Voortgang.objects.filter(actie=actie_van_victor).count() == 1


def test_a_double_submit_of_a_new_action_creates_one(client, anne, bunnik):
    client.force_login(anne)
    url = reverse("actie_nieuw", args=[bunnik.slug])
    knoop, werkgroep = bunnik.knopen.first(), bunnik.werkgroepen.first()
    data = {
        "knoop": knoop.pk,
        "titel": "Eén keer, ook na een dubbele klik",
        "werkgroep": werkgroep.pk,
        "timing_soort": "jaar",
        "eenmalig": _token(client.get(url).content.decode()),
    }
    assert client.post(url, data).status_code == 302
    tweede = client.post(url, data)
    assert tweede.status_code == 200
    assert AL_VERSTUURD in tweede.content.decode()
    assert Actie.objects.filter(titel=data["titel"]).count() == 1
