"""The expensive part of a logged-in page is cached per agenda version and login
(lea/paginacache.py): served again it costs two queries, and a change to anything in the agenda
shows on the very next request. A cached part never serves another login, and a form in it
carries the token of the session that asks it."""

import datetime
import re
from collections import deque
from unittest import mock

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lea.models import Agenda, Agendaversie, Lidmaatschap, Persoon, Rol
from monitoring.models import Rapport
from monitoring.services.rapporten import rapporten_verlopen_markeer
from monitoring.versie import GEVOLGD, NIET_GEVOLGD, OVERAL
from overleg.models import Vergadering
from overleg.services.planner import vergaderingen_plan
from tests.factories import VoortgangFactory
from werkgroepen.models import Actie

pytestmark = pytest.mark.django_db

APPS = ("lea", "ambities", "werkgroepen", "overleg", "monitoring")
ZONDER_DEMORIJ = {
    "Publicatie",
    "Opdracht",
    "Opmerking",
    "Stuk",
    "Verzending",
    "Vergaderdocument",
    "Realisatie",
    "Financiering",
    "Financieringsbedrag",
    "Schoolweging",
    "Aanwezigheid",
    "Actiepunt",
    "Rapport",
    "Verantwoording",
    "School",
    "VeCijfers",
    "Geldregel",
}


@pytest.fixture(autouse=True)
def paginacache(settings):
    """On here, as in production (tests/conftest.py turns it off elsewhere)."""
    settings.LEA_PAGINACACHE_SECONDEN = 900


def _versie(agenda) -> tuple[int, datetime.datetime]:
    rij = Agendaversie.objects.get(agenda=agenda)
    return rij.versie, rij.gewijzigd_op


def _vraag(client, url):
    """The page and its number of queries."""
    with CaptureQueriesContext(connection) as queries:
        antwoord = client.get(url)
    assert antwoord.status_code == 200
    return antwoord.content.decode(), len(queries)


def _zonder_tokens(html: str) -> str:
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.sub(r'"X-CSRFToken": "[^"]+"', "", html)


def test_a_cached_page_costs_three_queries_and_shows_a_change_at_once(
    client, anne, victor, bunnik, actie_van_victor, django_capture_on_commit_callbacks
):
    client.force_login(anne)
    dashboard = reverse("agenda_dashboard", args=[bunnik.slug])
    eerst, gemaakt = _vraag(client, dashboard)
    weer, bewaard = _vraag(client, dashboard)
    assert _zonder_tokens(weer) == _zonder_tokens(eerst)
    # The session (from the cache in production), the login with what every request asks of
    # it, the agenda with its version.
    assert bewaard <= 3 < gemaakt

    # A chair reports through the app; the beheerder's next look shows it.
    chair = Client()
    chair.force_login(victor)
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = chair.post(
            reverse("actie_voortgang", args=[bunnik.slug, actie_van_victor.pk]),
            {
                "datum": timezone.localdate().isoformat(),
                "status": "lopend",
                "rag_tijd": "groen",
                "rag_geld": "groen",
                "percentage": "37",
                "toelichting": "Net besproken.",
            },
        )
    assert antwoord.status_code == 302
    na, _ = _vraag(client, dashboard)
    assert "37%" in na
    assert "37%" not in eerst.split("kop-recent")[1]

    # A change outside the forms (a save anywhere in the agenda) shows as well.
    with django_capture_on_commit_callbacks(execute=True):
        actie_van_victor.titel = "Een titel die hiervoor nergens stond"
        actie_van_victor.save()
    lijst = reverse("actie_lijst", args=[bunnik.slug])
    assert "Een titel die hiervoor nergens stond" in _vraag(client, lijst)[0]


def test_a_change_that_did_not_commit_is_not_cached_under_a_new_version(
    client, anne, bunnik, actie_van_victor
):
    """The version waits for the commit; a test's transaction never commits."""
    voor = _versie(bunnik)
    VoortgangFactory(actie=actie_van_victor)
    assert _versie(bunnik) == voor


def test_a_cached_part_never_serves_another_login(client, anne, sara, bunnik):
    lijst = reverse("actie_lijst", args=[bunnik.slug])
    client.force_login(anne)
    nieuw = reverse("actie_nieuw", args=[bunnik.slug])  # the beheerder's button
    beheerder, _ = _vraag(client, lijst)
    assert nieuw in beheerder
    assert 'name="acties"' in beheerder
    lezer = Client()
    lezer.force_login(sara)
    html, _ = _vraag(lezer, lijst)
    assert nieuw not in html
    assert 'name="acties"' not in html


def test_a_form_in_a_cached_part_carries_its_own_sessions_token(anne, bunnik):
    lijst = reverse("actie_lijst", args=[bunnik.slug])
    eerste, tweede = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    for browser in (eerste, tweede):
        browser.force_login(anne)
    _vraag(eerste, lijst)
    html, queries = _vraag(tweede, lijst)  # the same login, another session: from the cache
    assert queries <= 3
    assert "lea-csrf-token-van-dit-verzoek" not in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    actie = Actie.objects.filter(agenda=bunnik).order_by("pk").first()
    antwoord = tweede.post(
        reverse("acties_bulk", args=[bunnik.slug]),
        {"csrfmiddlewaretoken": token, "acties": [actie.pk], "status": actie.status},
    )
    assert antwoord.status_code == 302  # not 403: the token is this session's


def test_a_filter_or_page_is_a_part_of_its_own(client, anne, bunnik):
    client.force_login(anne)
    lijst = reverse("actie_lijst", args=[bunnik.slug])
    alles, _ = _vraag(client, lijst)
    gefilterd, _ = _vraag(client, f"{lijst}?status=afgerond")
    assert alles != gefilterd


def test_turned_off_every_request_makes_the_page(client, anne, bunnik, settings):
    settings.LEA_PAGINACACHE_SECONDEN = 0
    client.force_login(anne)
    dashboard = reverse("agenda_dashboard", args=[bunnik.slug])
    _, gemaakt = _vraag(client, dashboard)
    assert _vraag(client, dashboard)[1] == gemaakt


def _pad_naar_agenda(model) -> bool:
    """Whether a row of `model` belongs to one agenda: a chain of foreign keys leads there."""
    gezien, rij = {model}, deque([model])
    while rij:
        huidig = rij.popleft()
        if huidig is Agenda:
            return True
        for veld in huidig._meta.concrete_fields:
            doel = veld.related_model if veld.is_relation else None
            if doel is not None and doel._meta.app_label in APPS and doel not in gezien:
                gezien.add(doel)
                rij.append(doel)
    return False


def test_every_model_of_an_agenda_is_followed_or_left_out_with_a_reason():
    modellen = {
        m
        for app in APPS
        for m in apps.get_app_config(app).get_models()
        if not m.__name__.startswith("Historical") and _pad_naar_agenda(m)
    }
    gevolgd = set(GEVOLGD) | set(OVERAL)
    uitgesloten = {apps.get_model(label) for label in NIET_GEVOLGD}
    assert modellen - gevolgd - uitgesloten == set()
    assert not gevolgd & uitgesloten


def test_every_followed_model_raises_its_agendas_version(
    bunnik, hilversum, django_capture_on_commit_callbacks
):
    """One saved row of each followed model that the five demo agendas hold."""
    zonder = []
    for model in GEVOLGD:
        rij = model._default_manager.order_by("pk").first()
        if rij is None:
            zonder.append(model.__name__)
            continue
        agenda_id = model._default_manager.filter(pk=rij.pk).values_list(
            GEVOLGD[model] if GEVOLGD[model] != "pk" else "pk", flat=True
        )[0]
        voor = _versie(Agenda(pk=agenda_id))
        with django_capture_on_commit_callbacks(execute=True):
            rij.save()
        assert _versie(Agenda(pk=agenda_id))[0] == voor[0] + 1, model.__name__
    # The demo holds a row of most kinds; these are made by later use only.
    assert set(zonder) <= ZONDER_DEMORIJ, zonder


def test_a_link_added_or_removed_raises_the_version(
    werkgroep, bunnik, django_capture_on_commit_callbacks
):
    persoon = bunnik.personen.exclude(pk__in=werkgroep.leden.values("pk")).first()
    voor = _versie(bunnik)[0]
    with django_capture_on_commit_callbacks(execute=True):
        werkgroep.leden.add(persoon)
    assert _versie(bunnik)[0] == voor + 1
    with django_capture_on_commit_callbacks(execute=True):
        werkgroep.leden.remove(persoon)
    assert _versie(bunnik)[0] == voor + 2


def test_a_renamed_login_raises_every_version_a_login_itself_none(
    anne, bunnik, hilversum, django_capture_on_commit_callbacks
):
    voor = _versie(bunnik)[0], _versie(hilversum)[0]
    with django_capture_on_commit_callbacks(execute=True):
        anne.last_login = timezone.now()
        anne.save(update_fields=["last_login"])
    assert (_versie(bunnik)[0], _versie(hilversum)[0]) == voor
    with django_capture_on_commit_callbacks(execute=True):
        anne.first_name = "Annemarie"
        anne.save()
    assert (_versie(bunnik)[0], _versie(hilversum)[0]) == (voor[0] + 1, voor[1] + 1)


def test_meetings_the_planner_inserts_in_bulk_raise_the_version(
    bunnik, django_capture_on_commit_callbacks
):
    orgaan = bunnik.overlegorganen.filter(vergaderingen_per_jaar__gt=0).first()
    orgaan.vergaderingen.filter(begin__gte=timezone.now()).delete()
    voor = _versie(bunnik)[0]
    with django_capture_on_commit_callbacks(execute=True):
        gemaakt = vergaderingen_plan(orgaan=orgaan, vandaag=timezone.localdate())
    assert gemaakt > 0
    assert _versie(bunnik)[0] > voor


def test_a_new_agenda_gets_its_version(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        agenda = Agenda.objects.create(
            slug="nieuw",
            gemeente="Nieuw",
            titel="LEA Nieuw",
            periode_start=datetime.date(2026, 1, 1),
            periode_eind=datetime.date(2029, 12, 31),
        )
    assert _versie(agenda)[0] >= 1


def test_the_dashboard_is_made_anew_when_its_next_meeting_begins(client, anne, bunnik):
    """Its meetings panel lists the meetings from now on: a kept dashboard holds until the
    first of them begins, not until the next change."""
    orgaan = bunnik.overlegorganen.first()
    begin = timezone.now() + datetime.timedelta(minutes=30)
    Vergadering.objects.create(orgaan=orgaan, begin=begin, eind=begin + datetime.timedelta(hours=1))
    client.force_login(anne)
    dashboard = reverse("agenda_dashboard", args=[bunnik.slug])
    _, gemaakt = _vraag(client, dashboard)
    assert _vraag(client, dashboard)[1] <= 3
    with mock.patch("django.utils.timezone.now", return_value=begin):
        assert _vraag(client, dashboard)[1] == gemaakt  # made anew


def test_a_page_keeps_one_entry_however_often_its_agenda_changes(
    client, anne, bunnik, actie_van_victor, django_capture_on_commit_callbacks
):
    """The version is kept beside the part, not in its key: a change overwrites the entry."""
    client.force_login(anne)
    pagina = reverse("actie_detail", args=[bunnik.slug, actie_van_victor.pk])

    if not hasattr(cache, "_cache"):
        pytest.skip("telt de sleutels van de cache in het geheugen (zonder CACHE_URL)")

    def delen() -> int:
        return sum("lea:deel:" in sleutel for sleutel in cache._cache)

    _vraag(client, pagina)
    assert delen() == 1
    for keer in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            actie_van_victor.titel = f"Een andere titel {keer}"
            actie_van_victor.save()
        assert f"Een andere titel {keer}" in _vraag(client, pagina)[0]
    assert delen() == 1


@pytest.fixture
def tweede_lezer(bunnik):
    """Another stuurgroep member of Bunnik: the same role as Sara, a person of her own."""
    gebruiker = get_user_model().objects.create_user("jan", "jan@lea.example", "x" * 12)
    Lidmaatschap.objects.create(agenda=bunnik, gebruiker=gebruiker, rol=Rol.LEZER)
    Persoon.objects.create(agenda=bunnik, naam="Jan Stuurgroep", gebruiker=gebruiker)
    return gebruiker


def test_logins_with_the_same_rights_share_a_part_but_never_what_is_their_own(
    sara, tweede_lezer, bunnik
):
    eerste, tweede = Client(), Client()
    eerste.force_login(sara)
    tweede.force_login(tweede_lezer)
    dashboard = reverse("agenda_dashboard", args=[bunnik.slug])
    html, gemaakt = _vraag(eerste, dashboard)
    gedeeld, queries = _vraag(tweede, dashboard)
    assert queries <= 3 < gemaakt  # made once for both

    def inhoud(pagina: str) -> str:
        return _zonder_tokens(re.search(r"<main.*</main>", pagina, re.S)[0])

    assert inhoud(gedeeld) == inhoud(html)

    # The meetings page holds each person's own calendar feed: kept per login.
    overleg = reverse("overleg_lijst", args=[bunnik.slug])
    van_sara, _ = _vraag(eerste, overleg)
    van_jan, queries = _vraag(tweede, overleg)
    assert queries > 3  # made for Jan
    eigen = Persoon.objects.get(gebruiker=tweede_lezer).ics_token
    assert str(eigen) in van_jan
    assert str(eigen) not in van_sara


def test_reports_marked_failed_in_bulk_raise_their_agendas_version(
    bunnik, django_capture_on_commit_callbacks
):
    """A report left waiting too long is failed by one UPDATE: its agenda's pages follow."""
    lang_geleden = timezone.now() - datetime.timedelta(days=2)
    Rapport.objects.create(agenda=bunnik, soort="jaarverslag", jaar=2020)
    Rapport.objects.filter(agenda=bunnik).update(status_sinds=lang_geleden)
    voor = _versie(bunnik)[0]
    with django_capture_on_commit_callbacks(execute=True):
        assert rapporten_verlopen_markeer(agenda=bunnik) >= 1
    assert _versie(bunnik)[0] == voor + 1
