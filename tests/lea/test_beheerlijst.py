"""The admin's changelists as the superuser sees them: every row written as Django writes it
(lea/beheerlijst.py), a count that stops past its limit and says so (lea/beheer.py), no sidebar
and the app list only where a page shows it, and the meetings' year filter."""

import re
from typing import Any

import pytest
from django.contrib import admin
from django.contrib.admin.templatetags.admin_list import items_for_result
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lea import beheer
from lea.admin import LijstAdmin
from lea.beheerlijst import rijen
from monitoring.models import Indicator, Meting
from overleg.models import Vergadering
from werkgroepen.admin import VoortgangAdmin
from werkgroepen.models import Actie, Rag, Status, Voortgang

pytestmark = pytest.mark.django_db

LIJSTEN = sorted(
    (
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, LijstAdmin)
    ),
)
# The changelists the demo fills: each must show rows, or the comparison proves nothing.
MET_RIJEN = {
    "lea.Agenda",
    "werkgroepen.Actie",
    "werkgroepen.Werkgroep",
    "overleg.Overlegorgaan",
    "overleg.Vergadering",
    "monitoring.Indicator",
    "ambities.Knoop",
    "lea.Organisatie",
}


@pytest.fixture
def superuser(client):
    client.force_login(get_user_model().objects.get(username="admin"))


def rijen_van_django(cl: Any) -> list[str]:
    """The rows as Django writes them: what `rijen` must equal."""
    return ["".join(items_for_result(cl, obj, None)) for obj in cl.result_list]


def _changelist(label: str) -> str:
    app, model = label.lower().split(".")
    return reverse(f"admin:{app}_{model}_changelist")


def _tabelrijen(html: str) -> list[str]:
    """What the page has between each <tr> and </tr> of its table's body."""
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S)
    return re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S) if body else []


@pytest.mark.parametrize("label", LIJSTEN)
@pytest.mark.parametrize("vraag", [{}, {"q": "a", "o": "-2"}])
def test_every_changelist_writes_its_rows_as_django_does(client, superuser, label, vraag):
    antwoord = client.get(_changelist(label), vraag)
    assert antwoord.status_code == 200
    cl = antwoord.context["cl"]
    django = rijen_van_django(cl)
    if label in MET_RIJEN and not vraag:
        assert django, f"{label}: the demo shows no rows"
    assert list(rijen(cl)) == django
    assert _tabelrijen(antwoord.text) == django


def test_rows_keep_the_filters_in_their_links_and_escape_their_text(client, superuser, bunnik):
    actie = Actie.objects.filter(agenda=bunnik).first()
    actie.titel = "<b>\"Lezen\" & 'schrijven'</b>"
    actie.save()
    vraag = {"agenda__id__exact": bunnik.pk, "q": "Lezen"}
    antwoord = client.get(_changelist("werkgroepen.Actie"), vraag)
    rij = _tabelrijen(antwoord.text)
    assert rij == rijen_van_django(antwoord.context["cl"])
    assert len(rij) == 1
    assert "&lt;b&gt;&quot;Lezen&quot; &amp; &#x27;schrijven&#x27;&lt;/b&gt;" in rij[0]
    assert "<b>" not in rij[0]
    wijzig = reverse("admin:werkgroepen_actie_change", args=[actie.pk])
    assert (
        f'href="{wijzig}?_changelist_filters=agenda__id__exact%3D{bunnik.pk}%26q%3DLezen"' in rij[0]
    )


@pytest.fixture
def voortgang(bunnik) -> int:
    acties = list(Actie.objects.filter(agenda=bunnik)[:8])
    Voortgang.objects.bulk_create(
        Voortgang(
            actie=actie,
            datum=bunnik.periode_start,
            status=Status.LOPEND,
            rag_tijd=Rag.GROEN,
            rag_geld=Rag.ORANJE,
            percentage=10,
        )
        for actie in acties
    )
    return len(acties)


def test_a_long_list_says_more_than_its_limit_and_pages_up_to_it(
    client, superuser, voortgang, monkeypatch
):
    assert voortgang > 5
    monkeypatch.setattr(beheer, "GRENS", 5)
    monkeypatch.setattr(VoortgangAdmin, "list_per_page", 2)
    url = _changelist("werkgroepen.Voortgang")
    antwoord = client.get(url)
    tekst = antwoord.text
    assert "meer dan 5 voortgangsrapportages" in tekst
    assert "meer dan 5" in antwoord.context["selection_note_all"]
    # Six counted: three pages of two, the last one linked and reachable.
    assert re.search(r'<a href="\?p=3" class="end">3</a>', tekst)
    assert client.get(url, {"p": 3}).status_code == 200
    assert len(_tabelrijen(client.get(url, {"p": 3}).text)) == 2


def test_a_list_below_its_limit_shows_the_exact_number(client, superuser, voortgang):
    tekst = client.get(_changelist("werkgroepen.Voortgang")).text
    assert f"{Voortgang.objects.count()} voortgangsrapportages" in tekst
    assert "meer dan" not in tekst


def _tellingen(vragen: CaptureQueriesContext) -> list[str]:
    """The counts of rows among the queries of a page."""
    return [v["sql"] for v in vragen if v["sql"].startswith("SELECT COUNT(")]


@pytest.fixture
def geanalyseerd(voortgang):
    """The progress table analysed by PostgreSQL as it holds the updates (autovacuum does
    this in production), and analysed again empty of them afterwards: the estimate outlives
    the test's rolled-back rows."""
    if connection.vendor != "postgresql":
        pytest.skip("the estimate is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE werkgroepen_voortgang")
    yield
    Voortgang.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE werkgroepen_voortgang")


def test_a_whole_table_estimated_past_twice_the_limit_is_not_counted(
    client, superuser, voortgang, geanalyseerd, monkeypatch
):
    geschat = beheer.geschat_aantal(Voortgang.objects.all())
    assert geschat == Voortgang.objects.count() >= voortgang
    monkeypatch.setattr(beheer, "GRENS", geschat // 2)
    url = _changelist("werkgroepen.Voortgang")
    with CaptureQueriesContext(connection) as vragen:
        tekst = client.get(url).text
    assert f"meer dan {geschat // 2} voortgangsrapportages" in tekst
    assert not _tellingen(vragen)
    # A filtered list is counted: the estimate is of the whole table only.
    with CaptureQueriesContext(connection) as vragen:
        tekst = client.get(url, {"status__exact": Status.LOPEND}).text
    assert _tellingen(vragen)
    assert "meer dan" in tekst
    # Below twice the limit the table is counted, up to the limit.
    monkeypatch.setattr(beheer, "GRENS", geschat)
    with CaptureQueriesContext(connection) as vragen:
        tekst = client.get(url).text
    assert _tellingen(vragen)
    assert f"{geschat} voortgangsrapportages" in tekst


def test_no_estimate_for_a_filtered_list_or_another_database():
    if connection.vendor == "postgresql":
        assert beheer.geschat_aantal(Voortgang.objects.filter(percentage=10)) is None
    else:
        assert beheer.geschat_aantal(Voortgang.objects.all()) is None


def test_the_count_is_a_number_that_reads_as_text():
    for aantal, tekst in ((7, "7"), (5_000, "5000"), (5_001, "meer dan 5.000")):
        telling = beheer.Telling(aantal)
        assert str(telling) == tekst
        assert int(telling) == min(aantal, 5_001)
    assert beheer.Telling(480_000) > 50  # the pages of Django's paginator go on


def test_the_admin_has_no_sidebar_and_its_index_lists_the_apps(client, superuser):
    assert isinstance(admin.site, beheer.Beheersite)
    lijst = client.get(_changelist("werkgroepen.Actie"))
    assert 'id="nav-sidebar"' not in lijst.text
    # Every page links back to the index that lists the apps.
    assert f'<a href="{reverse("admin:index")}">' in lijst.text
    index = client.get(reverse("admin:index")).text
    for naam in ("Werkgroepen", "Overleg", "Monitoring"):
        assert naam in index
    assert reverse("admin:werkgroepen_actie_changelist") in index
    app = client.get(reverse("admin:app_list", args=["werkgroepen"]))
    assert app.status_code == 200
    assert reverse("admin:werkgroepen_voortgang_changelist") in app.text


def test_meetings_filter_by_year_newest_year_first(client, superuser):
    jaren = sorted({timezone.localtime(v.begin).year for v in Vergadering.objects.all()})
    assert len(jaren) >= 2
    url = _changelist("overleg.Vergadering")
    zijbalk = re.search(r'<nav id="changelist-filter".*?</nav>', client.get(url).text, re.S)
    genoemd = [int(j) for j in re.findall(r'\?jaar=(\d{4})"', zijbalk.group(0))]
    assert genoemd == list(range(jaren[-1], jaren[0] - 1, -1))
    antwoord = client.get(url, {"jaar": jaren[0]})
    getoond: list[Any] = list(antwoord.context["cl"].result_list)
    assert getoond
    assert {timezone.localtime(v.begin).year for v in getoond} == {jaren[0]}
    # Something that is no year filters nothing and breaks nothing.
    for geen_jaar in ("twintig", "9" * 30):
        alles = client.get(url, {"jaar": geen_jaar})
        assert alles.status_code == 200
        assert alles.context["cl"].result_count == Vergadering.objects.count()


def test_measurements_filter_by_year_from_first_to_last(client, superuser, bunnik):
    indicator = Indicator.objects.filter(agenda=bunnik).first()
    vroegst = min(Meting.objects.values_list("jaar", flat=True), default=2020) - 3
    Meting.objects.create(indicator=indicator, jaar=vroegst, waarde=1)
    jaren = sorted(set(Meting.objects.values_list("jaar", flat=True)))
    url = _changelist("monitoring.Meting")
    zijbalk = re.search(r'<nav id="changelist-filter".*?</nav>', client.get(url).text, re.S)
    genoemd = [int(j) for j in re.findall(r'\?jaar=(\d{4})"', zijbalk.group(0))]
    assert genoemd == list(range(jaren[-1], jaren[0] - 1, -1))
    getoond = list(client.get(url, {"jaar": vroegst}).context["cl"].result_list)
    assert [(m.indicator_id, m.jaar) for m in getoond] == [(indicator.pk, vroegst)]
    # No filter on the free text of a budget line's change (the search finds it).
    posten = client.get(_changelist("monitoring.Begrotingspost")).text
    assert "wijziging__exact" not in posten
