"""The budget page, the indicators page and the dashboard's monitoring panel issue a fixed number
of queries (at most 20 for the two pages) however many lines, schools and changes the agenda
has, and still show the newest changes and every school signal."""

import datetime
import functools
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lea.models import Lidmaatschap, Rol
from monitoring.models import Begrotingspost, School, Schoolweging, Signaalregel
from tests.factories import ActieFactory, AgendaFactory, GebruikerFactory, KnoopFactory
from werkgroepen.models import Actie, Rag

pytestmark = pytest.mark.django_db

DOEL = 20


def _pagina(client, url: str) -> tuple[str, int]:
    client.get(url)  # warm up session and caches
    with CaptureQueriesContext(connection) as vastgelegd:
        antwoord = client.get(url)
    assert antwoord.status_code == 200
    return antwoord.text, len(vastgelegd)


def _hernoem_posten(begroting, ronde: str) -> list[Begrotingspost]:
    """Every active line renamed (a "~" change in its history each, with what changed)."""
    posten = list(begroting.posten.filter(gearchiveerd=False).order_by("pk"))
    for post in posten:
        post.naam = f"{post.naam} {ronde}"
        post.save()
    return posten


def _voeg_posten_toe(begroting, aantal: int) -> None:
    for n in range(aantal):
        Begrotingspost.objects.create(begroting=begroting, naam=f"Post {n}", volgorde=2000 + n)


def test_budget_page_queries_do_not_grow_with_lines_and_changes(client, hilversum, henk):
    begroting = hilversum.begroting
    url = reverse("begroting", args=[hilversum.slug])
    client.force_login(henk)
    _hernoem_posten(begroting, "a")
    weinig_html, weinig = _pagina(client, url)
    regels = begroting.posten.filter(gearchiveerd=False).count()
    assert "gewijzigd" in weinig_html

    _voeg_posten_toe(begroting, 9 * regels)
    posten = _hernoem_posten(begroting, "b")
    assert len(posten) == 10 * regels
    html, veel = _pagina(client, url)

    assert veel == weinig <= DOEL
    # The newest change is on the page, with its old and new name.
    laatste = posten[-1]
    oud = laatste.naam.removesuffix(" b")
    assert f"Post ‘{laatste.naam}’ gewijzigd" in html
    assert f"{oud} → {laatste.naam}" in html


def _voeg_scholen_toe(agenda, aantal: int, jaar: int, start: int = 0) -> list[School]:
    """`aantal` schools, each with a schoolweging of 35 in `jaar` and the year before."""
    scholen = School.objects.bulk_create(
        School(agenda=agenda, naam=f"School {start + n}") for n in range(aantal)
    )
    Schoolweging.objects.bulk_create(
        Schoolweging(school=s, jaar=j, waarde=Decimal(35))
        for s in scholen
        for j in (jaar - 1, jaar)
    )
    return scholen


def _wijzig(scholen: list[School]) -> list[School]:
    """A change in every school's history."""
    for school in scholen:
        school.brin = "00AA"
        school.save()
    return scholen


@pytest.fixture
def met_signaalregel(hilversum):
    Signaalregel.objects.update_or_create(
        agenda=hilversum, defaults={"drempel": Decimal(30), "aantal_jaren": 2}
    )
    return hilversum


def test_indicators_page_queries_do_not_grow_with_schools_and_changes(
    client, met_signaalregel, henk
):
    agenda = met_signaalregel
    jaar = timezone.localdate().year
    url = reverse("indicatoren", args=[agenda.slug])
    client.force_login(henk)
    # The newest ten changes are schools' in both states: the same tables to read.
    _wijzig(_voeg_scholen_toe(agenda, 10, jaar))
    _, weinig = _pagina(client, url)

    scholen = _wijzig(_voeg_scholen_toe(agenda, 90, jaar, start=10))
    html, veel = _pagina(client, url)

    assert veel == weinig <= DOEL
    # Every school at the threshold for two years is signalled, the newest change is shown.
    signalen = html.split("Schoolweging boven de afgesproken grens")[1].split("</ul>")[0]
    assert (
        signalen.count("<li>")
        == School.objects.filter(agenda=agenda)
        .filter(wegingen__jaar=jaar, wegingen__waarde__gte=30)
        .filter(pk__in=Schoolweging.objects.filter(jaar=jaar - 1, waarde__gte=30).values("school"))
        .count()
    )
    assert f"School {scholen[-1].naam} gewijzigd" in html


def test_dashboard_monitoring_panel_queries_do_not_grow_with_schools(
    client, met_signaalregel, henk
):
    agenda = met_signaalregel
    jaar = timezone.localdate().year
    url = reverse("agenda_dashboard", args=[agenda.slug])
    client.force_login(henk)
    _voeg_scholen_toe(agenda, 3, jaar)
    _, weinig = _pagina(client, url)

    _voeg_scholen_toe(agenda, 30, jaar, start=3)
    html, veel = _pagina(client, url)

    assert veel == weinig
    paneel = html.split("Schoolweging: analyse nodig")[1].split("</ul>")[0]
    assert "School 32: 35.00, 35.00" in paneel
    assert paneel.count("<li>") >= 33  # the demo's own schools may be signalled too


def _sectie(html: str, kop: str) -> str:
    return html.split(f'id="{kop}"')[1].split("</section>")[0]


def test_dashboard_lists_show_the_first_ten_of_each_in_order(client):
    """The three action lists, read in one query, each show their own first ten in order."""
    agenda = AgendaFactory.create()
    knoop = KnoopFactory.create(agenda=agenda)
    beheerder = GebruikerFactory.create(username="beheerder-lijsten")
    Lidmaatschap.objects.create(agenda=agenda, gebruiker=beheerder, rol=Rol.BEHEERDER)
    vandaag = timezone.localdate()
    for n in range(25):
        dag = datetime.timedelta(days=n + 1)
        maak = functools.partial(ActieFactory.create, agenda=agenda, knoop=knoop)
        maak(titel=f"Laat {n:02}", timing_eind=vandaag - dag)
        maak(titel=f"Straks {n:02}", timing_eind=vandaag + dag)
        rood = maak(titel=f"Rood {n:02}", timing_eind=vandaag + 100 * dag)
        Actie.objects.filter(pk=rood.pk).update(rag_tijd=Rag.ROOD, voortgang_datum=vandaag - dag)
    client.force_login(beheerder)
    html = client.get(reverse("agenda_dashboard", args=[agenda.slug])).text

    def titels(kop: str, woord: str) -> list[str]:
        return re.findall(rf"{woord} \d\d", _sectie(html, kop))

    # Late: the earliest deadlines first; soon: the nearest first; red: the newest report first.
    assert titels("kop-te-laat", "Laat") == [f"Laat {n:02}" for n in range(24, 14, -1)]
    assert titels("kop-deadlines", "Straks") == [f"Straks {n:02}" for n in range(10)]
    assert titels("kop-rood", "Rood") == [f"Rood {n:02}" for n in range(10)]
