"""The superuser's changelists at national scale: a fixed number of queries with ten times the
rows and the agendas, and an agenda filter that lists no agenda until one is searched for or
chosen (the sidebar used to list every agenda that had rows)."""

import re
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Model
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from lea.models import Agenda
from monitoring.models import Begrotingspost, Indicator, Meting
from overleg.models import Overlegorgaan, Vergadering
from tests.factories import AgendaFactory
from werkgroepen.models import Actie, Rag, Status, Voortgang

pytestmark = pytest.mark.django_db

DOEL_QUERIES = 20
FACTOR = 10
# How a copy of a row differs from its original (the copy, its number).
Wijziging = Callable[[Any, int], None]


def _pagina(client, url: str, data: dict[str, Any] | None = None) -> tuple[str, int]:
    client.get(url, data)  # warm up session and caches
    with CaptureQueriesContext(connection) as vastgelegd:
        antwoord = client.get(url, data)
    assert antwoord.status_code == 200
    return antwoord.text, len(vastgelegd)


def _zijbalk(html: str) -> str:
    """The filter sidebar of a changelist ("" for a list without filters)."""
    nav = re.search(r'<nav id="changelist-filter".*?</nav>', html, re.S)
    return nav.group(0) if nav else ""


@pytest.fixture
def superuser(client):
    client.force_login(get_user_model().objects.get(username="admin"))


@pytest.fixture(autouse=True)
def voortgang(db) -> None:
    """A progress update on every demo action (the demo records none)."""
    Voortgang.objects.bulk_create(
        Voortgang(
            actie=actie,
            datum=actie.agenda.periode_start,
            status=Status.LOPEND,
            rag_tijd=Rag.GROEN,
            rag_geld=Rag.GROEN,
            percentage=n % 100,
            toelichting=f"Stand {n}",
        )
        for n, actie in enumerate(Actie.objects.select_related("agenda"))
    )


def _kopieer(model: type[Model], wijzig: Wijziging) -> None:
    """FACTOR - 1 copies of every row of `model`, the n-th changed by `wijzig(copy, n)`."""
    bestaand = list(model._default_manager.values_list("pk", flat=True))
    nieuw = []
    for _ in range(FACTOR - 1):
        for rij in model._default_manager.filter(pk__in=bestaand):
            rij.pk = None
            rij._state.adding = True
            wijzig(rij, len(nieuw))
            nieuw.append(rij)
    model._default_manager.bulk_create(nieuw)


def _in_nieuwe_agenda(agendas: list[Agenda]) -> Wijziging:
    def wijzig(rij: Any, n: int) -> None:
        rij.agenda = agendas[n % len(agendas)]

    return wijzig


def _orgaan(agendas: list[Agenda]) -> Wijziging:
    def wijzig(orgaan: Any, n: int) -> None:
        orgaan.agenda = agendas[n % len(agendas)]
        orgaan.naam = f"{orgaan.naam} {n}"
        orgaan.ics_token = uuid.uuid4()

    return wijzig


def _geen_planplek(vergadering: Any, n: int) -> None:
    vergadering.planjaar = vergadering.plannummer = None


def _post(post: Any, n: int) -> None:
    post.naam = f"{post.naam} {n}"


def _later_jaar(meting: Any, n: int) -> None:
    meting.jaar = 2100 + n


def _niets(rij: Any, n: int) -> None:
    pass


# Each changelist, its model, and how its copies differ (agendas are new in every case).
LIJSTEN: dict[
    str, tuple[str, type[Model], Callable[[list[Agenda]], Callable[[Any, int], None]]]
] = {
    "agenda": ("admin:lea_agenda_changelist", Agenda, lambda agendas: _niets),
    "actie": ("admin:werkgroepen_actie_changelist", Actie, _in_nieuwe_agenda),
    "voortgang": ("admin:werkgroepen_voortgang_changelist", Voortgang, lambda agendas: _niets),
    "overlegorgaan": ("admin:overleg_overlegorgaan_changelist", Overlegorgaan, _orgaan),
    "vergadering": (
        "admin:overleg_vergadering_changelist",
        Vergadering,
        lambda agendas: _geen_planplek,
    ),
    "begrotingspost": (
        "admin:monitoring_begrotingspost_changelist",
        Begrotingspost,
        lambda agendas: _post,
    ),
    "indicator": ("admin:monitoring_indicator_changelist", Indicator, _in_nieuwe_agenda),
    "meting": ("admin:monitoring_meting_changelist", Meting, lambda agendas: _later_jaar),
}


@pytest.mark.parametrize("lijst", list(LIJSTEN))
def test_changelist_queries_do_not_grow_with_ten_times_the_rows(client, superuser, lijst):
    naam, model, kopie = LIJSTEN[lijst]
    url = reverse(naam)
    meervoud = escape(model._meta.verbose_name_plural)
    voor, weinig = _pagina(client, url)
    aantal = model._default_manager.count()
    assert aantal > 0
    assert f"{aantal} {meervoud}" in voor

    demo = Agenda.objects.count()
    agendas = AgendaFactory.create_batch((FACTOR - 1) * demo)
    if model is not Agenda:
        _kopieer(model, kopie(agendas))
    assert model._default_manager.count() == FACTOR * aantal
    na, veel = _pagina(client, url)

    assert veel == weinig, f"{weinig} queries for {aantal} rows, {veel} for ten times"
    assert veel <= DOEL_QUERIES
    assert f"{FACTOR * aantal} {meervoud}" in na
    # However many agendas there are, the sidebar lists none of them before a search.
    for agenda in agendas[:3]:
        assert agenda.gemeente not in _zijbalk(na)


FILTERS = [
    ("admin:werkgroepen_actie_changelist", "agenda", Actie.objects, "agenda"),
    ("admin:werkgroepen_voortgang_changelist", "actie__agenda", Voortgang.objects, "actie__agenda"),
]


@pytest.mark.parametrize(("naam", "pad", "rijen", "lookup"), FILTERS)
def test_agenda_filter_lists_only_what_was_searched_or_chosen(
    client, superuser, bunnik, hilversum, naam, pad, rijen, lookup
):
    url = reverse(naam)
    alle = list(Agenda.objects.all())
    meervoud = escape(rijen.model._meta.verbose_name_plural)

    zijbalk = _zijbalk(client.get(url).text)
    assert f'<label for="zoek-{pad}">Zoek een agenda (gemeente of titel)</label>' in zijbalk
    for agenda in alle:
        assert agenda.gemeente not in zijbalk
        assert escape(agenda.titel) not in zijbalk

    # A search offers the agendas that match, and keeps the other filters of the list.
    html = client.get(url, {f"{pad}__zoek": "bunnik", "status__exact": "lopend"}).text
    zijbalk = _zijbalk(html)
    assert f"{pad}__id__exact={bunnik.pk}" in zijbalk
    assert bunnik.gemeente in zijbalk
    assert hilversum.gemeente not in zijbalk
    assert '<input type="hidden" name="status__exact" value="lopend">' in zijbalk
    assert "Geen agenda gevonden" not in zijbalk

    # The chosen agenda is shown, another is not, and the list holds the chosen one's rows.
    html = client.get(url, {f"{pad}__id__exact": bunnik.pk}).text
    zijbalk = _zijbalk(html)
    assert bunnik.gemeente in zijbalk
    for agenda in alle:
        if agenda != bunnik:
            assert agenda.gemeente not in zijbalk
    assert f"{rijen.filter(**{lookup: bunnik}).count()} {meervoud}" in html

    # A search without a match says so; one with too many asks for more.
    assert "Geen agenda gevonden met ‘Atlantis’" in _zijbalk(
        client.get(url, {f"{pad}__zoek": "Atlantis"}).text
    )
    AgendaFactory.create_batch(12)
    zijbalk = _zijbalk(client.get(url, {f"{pad}__zoek": "Proefdorp"}).text)
    assert "Meer dan 10 gevonden" in zijbalk
    assert zijbalk.count(f"{pad}__id__exact=") == 10


def test_progress_updates_are_read_only_in_the_admin(client, superuser):
    voortgang = Voortgang.objects.first()
    percentage = voortgang.percentage
    html = client.get(reverse("admin:werkgroepen_voortgang_changelist")).text
    assert reverse("admin:werkgroepen_voortgang_add") not in html
    wijzig = reverse("admin:werkgroepen_voortgang_change", args=[voortgang.pk])
    assert client.get(wijzig).status_code == 200  # to look at
    assert client.post(wijzig, {"percentage": (percentage + 1) % 100}).status_code == 403
    verwijder = reverse("admin:werkgroepen_voortgang_delete", args=[voortgang.pk])
    assert client.post(verwijder, {"post": "yes"}).status_code == 403
    voortgang.refresh_from_db()
    assert voortgang.percentage == percentage
