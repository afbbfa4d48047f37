"""Login, the home page and the read-only agenda overview, as a user sees them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ambities.models import Knoop
from tests.conftest import WACHTWOORD
from werkgroepen.models import Actie
from werkgroepen.selectors.paginas import PER_PAGINA

pytestmark = pytest.mark.django_db


def test_login_page_is_dutch_and_logs_in(client, anne):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert 'lang="nl"' in response.text
    assert "Gebruikersnaam" in response.text
    assert "Wachtwoord" in response.text

    response = client.post(reverse("login"), {"username": "beleid-bunnik", "password": "fout"})
    assert response.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in response.text
    assert "_auth_user_id" not in client.session

    response = client.post(reverse("login"), {"username": "beleid-bunnik", "password": WACHTWOORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_anonymous_visitor_is_sent_to_login(client, bunnik):
    for url in (reverse("home"), reverse("agenda_dashboard", args=[bunnik.slug])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def test_admin_sees_all_five_demo_agendas(client):
    assert client.login(username="admin", password="lea-demo")
    response = client.get(reverse("home"))
    assert response.status_code == 200
    for gemeente in ("Bunnik", "IJsselstein", "Westland", "Houten", "Hilversum"):
        assert f"Gemeente {gemeente}" in response.text


def test_home_lists_only_the_agendas_with_a_role(client, sara):
    client.force_login(sara)
    response = client.get(reverse("home"))
    assert "Gemeente Bunnik" in response.text
    assert "Gemeente Hilversum" not in response.text
    assert "Gemeente Westland" not in response.text


def test_overview_shows_the_whole_tree_with_actions(client, sara, bunnik):
    client.force_login(sara)
    response = client.get(reverse("agenda_overzicht", args=[bunnik.slug]))
    assert response.status_code == 200
    for knoop in Knoop.objects.filter(agenda=bunnik):
        assert str(knoop.titel) in response.content.decode()
    for actie in Actie.objects.filter(agenda=bunnik):
        assert actie.titel in response.content.decode()
    for werkgroep in bunnik.werkgroepen.all():
        assert werkgroep.naam in response.text


def test_overview_of_another_agenda_does_not_exist_for_an_outsider(client, henk, bunnik):
    client.force_login(henk)
    response = client.get(reverse("agenda_overzicht", args=[bunnik.slug]))
    assert response.status_code == 404
    assert client.get(reverse("agenda_overzicht", args=["hilversum-2024"])).status_code == 200


def test_user_text_is_escaped(client, sara, bunnik):
    actie = Actie.objects.filter(agenda=bunnik).first()
    assert actie is not None
    actie.titel = '<script>alert("x")</script>'
    actie.save(update_fields=["titel"])
    client.force_login(sara)
    response = client.get(reverse("agenda_overzicht", args=[bunnik.slug]))
    assert '<script>alert("x")</script>' not in response.text
    assert "&lt;script&gt;" in response.text


def test_overview_query_count_does_not_grow_with_actions(client, sara, bunnik):
    client.force_login(sara)
    url = reverse("agenda_overzicht", args=[bunnik.slug])
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as weinig:
        client.get(url)
    knoop = Knoop.objects.filter(agenda=bunnik).first()
    Actie.objects.bulk_create(
        Actie(agenda=bunnik, knoop=knoop, titel=f"Extra actie {n}", volgorde=100 + n)
        for n in range(300)
    )
    with CaptureQueriesContext(connection) as veel:
        response = client.get(url)
    # Over ALLES_TONEN_TOT actions the tree is collapsed per node, with its count ...
    aantal = Actie.objects.filter(knoop=knoop).actief().count()
    assert f"Toon {bunnik.actie_meervoud.lower()} ({aantal})" in response.text
    assert "Extra actie 299" not in response.text
    assert len(veel) <= len(weinig)
    # ... and the node opened without JavaScript lists its actions page by page.
    laatste = -(-aantal // PER_PAGINA)
    response = client.get(url, {"knoop": knoop.pk, "pagina": laatste})
    assert "Extra actie 299" in response.text
