"""The goal tree and the werkgroep page for an agenda of 1,000 actions: the pages stay small and
ask the same number of queries as for 100, a node's actions open a page at a time (with htmx in
place, without JavaScript through `?knoop=`), and the small demo agendas look as before."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lea.models import Rol
from tests.factories import (
    AgendaFactory,
    GebruikerFactory,
    KnoopFactory,
    OrganisatieFactory,
    PersoonFactory,
    WerkgroepFactory,
    lidmaatschap,
)
from werkgroepen.models import Actie
from werkgroepen.selectors import doelenboom, stand_per_knoop

pytestmark = pytest.mark.django_db

GRENS = 150_000  # bytes of HTML a page may take, whatever the size of the agenda
STATUSSEN = ["gepland", "lopend", "lopend", "uitgesteld", "afgerond", "gestopt"]
LANG = "Meer peuters bereiken met voorschoolse educatie en een doorgaande lijn naar groep 1. "


@pytest.fixture
def groot(db):
    """An agenda of five ambities with three speerpunten each, one werkgroep with a chair
    (Gert) who carries every action, and a beheerder (Bea)."""
    agenda = AgendaFactory.create(niveau2_naam="Speerpunt", niveau2_meervoud="Speerpunten")
    gert, bea = GebruikerFactory.create(username="gert"), GebruikerFactory.create(username="bea")
    lidmaatschap(agenda, bea, Rol.BEHEERDER)
    voorzitter = PersoonFactory.create(agenda=agenda, gebruiker=gert, naam="Gert Groot")
    werkgroep = WerkgroepFactory.create(agenda=agenda, voorzitter=voorzitter, naam="Taal")
    knopen = []
    for i in range(5):
        ambitie = KnoopFactory.create(agenda=agenda, code=str(i + 1), volgorde=10 * i)
        knopen += [
            KnoopFactory.create(
                agenda=agenda,
                niveau=2,
                ouder=ambitie,
                code="ABC"[j],
                titel=f"Speerpunt {i + 1}{'ABC'[j]}",
                volgorde=10 * i + j + 1,
            )
            for j in range(3)
        ]
    return {
        "agenda": agenda,
        "werkgroep": werkgroep,
        "knopen": knopen,
        "regie": OrganisatieFactory.create(agenda=agenda),
        "gert": gert,
        "bea": bea,
    }


def _acties_tot(groot, aantal: int) -> None:
    """Bulk-made actions up to `aantal`, spread over the speerpunten, in every status; some
    overdue, some red, some reported in the current period, some led by an organisation."""
    agenda, knopen = groot["agenda"], groot["knopen"]
    begin = Actie.objects.filter(agenda=agenda).count()
    vandaag = timezone.localdate()
    nieuw = []
    for n in range(begin, aantal):
        # Every node gets every status: node n % 15, status by n // 15.
        status = STATUSSEN[n // len(knopen) % len(STATUSSEN)]
        nieuw.append(
            Actie(
                agenda=agenda,
                knoop=knopen[n % len(knopen)],
                werkgroep=groot["werkgroep"],
                code=str(n),
                titel=f"Actie nummer {n}",
                bereiken=LANG * 3,
                doen=LANG,
                volgorde=n,
                status=status,
                percentage=100 if status == "afgerond" else n % 100,
                rag_tijd="rood" if n % 7 == 0 else "groen",
                timing_eind=vandaag - datetime.timedelta(days=1 if n % 4 == 0 else -90),
                voortgang_datum=vandaag if n % 2 == 0 else None,
            )
        )
    gemaakt = Actie.objects.bulk_create(nieuw)
    Actie.regie.through.objects.bulk_create(
        Actie.regie.through(actie_id=actie.pk, organisatie_id=groot["regie"].pk)
        for actie in gemaakt[::4]
    )


def _haal(client, url, **extra):
    client.get(url, **extra)  # warm up session and caches
    with CaptureQueriesContext(connection) as vastgelegd:
        antwoord = client.get(url, **extra)
    assert antwoord.status_code == 200, url
    return antwoord.text, len(vastgelegd)


def _rijen(html: str) -> list[str]:
    """The titles of the actions the HTML lists, in order."""
    return re.findall(r">(Actie nummer \d+)</a>", html)


def _van_knoop(knoop) -> list[str]:
    return [a.titel for a in Actie.objects.filter(knoop=knoop).order_by("volgorde", "pk")]


@pytest.mark.parametrize("pagina", ["agenda_overzicht", "werkgroep_detail"])
def test_pages_stay_small_and_constant_from_100_to_1000_actions(client, groot, pagina):
    agenda = groot["agenda"]
    kwargs = {"slug": agenda.slug}
    if pagina == "werkgroep_detail":
        kwargs["pk"] = groot["werkgroep"].pk
    url = reverse(pagina, kwargs=kwargs)
    client.force_login(groot["gert"])
    _acties_tot(groot, 100)
    klein, weinig = _haal(client, url)
    _acties_tot(groot, 1000)
    groot_html, veel = _haal(client, url)

    assert veel == weinig, f"{weinig} queries for 100 actions, {veel} for 1,000"
    assert veel <= 20
    assert len(groot_html.encode()) < GRENS, f"{len(groot_html.encode())} bytes"
    # The page does not grow with the agenda: at most a few counts get a digit longer.
    assert len(groot_html) < len(klein) * 1.1
    if pagina == "agenda_overzicht":
        assert _rijen(groot_html) == []  # collapsed: no action listed, every node counted
        for knoop in groot["knopen"]:
            assert f"{knoop.titel}</h3>" in groot_html
            aantal = Actie.objects.filter(knoop=knoop).count()
            assert f"Toon acties ({aantal})" in groot_html
        for ambitie in agenda.knopen.filter(niveau=1):  # an ambitie counts its speerpunten
            aantal = Actie.objects.filter(knoop__ouder=ambitie).count()
            assert f'<p class="small text-secondary mb-2">{aantal} acties: ' in groot_html
    else:
        assert len(_rijen(groot_html)) == 50
        assert "Pagina 1 van 20" in groot_html
        assert "Speerpunt 1A" in groot_html


def test_tree_counts_agree_with_the_progress_history(groot):
    """The tree's counts come from grouped queries; they equal what `stand_per_knoop` reads
    from the history action by action."""
    _acties_tot(groot, 240)
    verwacht = stand_per_knoop(groot["agenda"])
    takken = [t for wortel in doelenboom(groot["agenda"]) for t in (wortel, *wortel.kinderen)]
    assert len(takken) == 20
    for tak in takken:
        stand = verwacht[tak.knoop.pk]
        assert tak.stand == stand, tak.knoop
        assert tak.aantal_acties == stand.aantal
    assert sum(t.stand.rood + t.stand.te_laat for t in takken if t.knoop.niveau == 1) > 0


def test_opening_a_node_lists_exactly_its_actions_a_page_at_a_time(client, groot):
    _acties_tot(groot, 1000)
    agenda, knoop = groot["agenda"], groot["knopen"][4]
    client.force_login(groot["bea"])
    verwacht = _van_knoop(knoop)
    assert len(verwacht) == 67  # 1,000 over 15 speerpunten: two pages

    # Without JavaScript: the tree with this node opened, and its second page.
    boom = reverse("agenda_overzicht", args=[agenda.slug])
    html, _ = _haal(client, f"{boom}?knoop={knoop.pk}")
    assert _rijen(html) == verwacht[:50]
    assert f"?knoop={knoop.pk}&amp;pagina=2#lijst-{knoop.pk}" in html
    assert "Pagina 1 van 2" in html
    assert 'aria-expanded="true"' in html
    html, _ = _haal(client, f"{boom}?knoop={knoop.pk}&pagina=2")
    assert _rijen(html) == verwacht[50:]
    assert ">Vorige</a>" in html
    assert ">Volgende</a>" not in html

    # With htmx: the same list as a fragment, focus on its heading, and closing it again.
    fragment = reverse("doelenboom_knoop", args=[agenda.slug, knoop.pk])
    htmx = {"headers": {"HX-Request": "true"}}
    html, vragen = _haal(client, f"{fragment}?pagina=2", **htmx)
    assert "<html" not in html
    assert _rijen(html) == verwacht[50:]
    assert re.search(r"<h4 [^>]*autofocus>Acties 51–67 van 67", html)
    assert vragen <= 12
    dicht, _ = _haal(client, f"{fragment}?dicht=1", **htmx)
    assert _rijen(dicht) == []
    assert 'aria-expanded="false"' in dicht
    assert "Toon acties (67)" in dicht

    # The fragment's URL without htmx leads to the same page as the button's form.
    antwoord = client.get(fragment)
    assert antwoord.status_code == 302
    assert antwoord["Location"] == f"{boom}?knoop={knoop.pk}&pagina=1"


def test_a_node_of_another_agenda_does_not_exist(client, groot, sara, henk, bunnik):
    _acties_tot(groot, 100)
    vreemd = groot["knopen"][0]
    eigen = bunnik.knopen.first()
    client.force_login(sara)  # a reader of Bunnik
    htmx = {"HX-Request": "true"}
    assert client.get(reverse("doelenboom_knoop", args=[bunnik.slug, eigen.pk]), headers=htmx)
    url = reverse("doelenboom_knoop", args=[bunnik.slug, vreemd.pk])
    assert client.get(url, headers=htmx).status_code == 404
    boom = reverse("agenda_overzicht", args=[bunnik.slug])
    assert client.get(f"{boom}?knoop={vreemd.pk}").status_code == 404
    assert client.get(f"{boom}?knoop={eigen.pk}").status_code == 200
    client.force_login(henk)  # a user of another agenda
    antwoord = client.get(reverse("doelenboom_knoop", args=[bunnik.slug, eigen.pk]), headers=htmx)
    assert antwoord.status_code == 404


def test_werkgroep_page_groups_per_node_open_first_and_marks_the_unreported(client, groot):
    _acties_tot(groot, 1000)
    werkgroep = groot["werkgroep"]
    client.force_login(groot["gert"])
    url = reverse("werkgroep_detail", args=[groot["agenda"].slug, werkgroep.pk])
    html, _ = _haal(client, url)
    eerste = groot["knopen"][0]
    acties = Actie.objects.filter(knoop=eerste)
    open_eerst = [a.titel for a in acties.open().order_by("volgorde")] + [
        a.titel for a in acties.exclude(pk__in=acties.open()).order_by("volgorde")
    ]
    assert _rijen(html) == open_eerst[:50]
    assert "1.A Speerpunt 1A</h3>" in html
    assert f"{acties.count()} acties, {acties.open().count()} open" in html
    # The marking: exactly the listed open actions without an update this period.
    gemarkeerd = re.findall(r'>(Actie nummer \d+)</a> <span class="badge text-bg-warning">', html)
    assert gemarkeerd
    assert set(gemarkeerd) == {
        a.titel
        for a in acties.open().filter(voortgang_datum__isnull=True)
        if a.titel in open_eerst[:50]
    }
    achterstallig = Actie.objects.filter(werkgroep=werkgroep).open().filter(voortgang_datum=None)
    assert f"<strong>{achterstallig.count()}</strong> van de 1000 acties" in html

    # Page 2 goes on with the same node, then the next.
    html, _ = _haal(client, f"{url}?pagina=2")
    assert _rijen(html)[:17] == open_eerst[50:]
    assert '1.A Speerpunt 1A <span class="fw-normal">(vervolg)</span></h3>' in html
    assert "1.B Speerpunt 1B</h3>" in html
    assert "Pagina 2 van 20" in html


def test_demo_pages_still_show_every_node_and_its_actions(client, sara, victor, bunnik):
    client.force_login(sara)
    html = client.get(reverse("agenda_overzicht", args=[bunnik.slug])).text
    assert "Toon acties" not in html  # a small agenda stays expanded
    for knoop in bunnik.knopen.actief():
        assert knoop.titel in html
    for actie in Actie.objects.filter(agenda=bunnik).actief():
        assert f">{actie.titel}</a>" in html

    werkgroep = bunnik.werkgroepen.filter(voorzitter__gebruiker=victor).first()
    client.force_login(victor)
    html = client.get(reverse("werkgroep_detail", args=[bunnik.slug, werkgroep.pk])).text
    for actie in werkgroep.acties.actief().select_related("knoop"):
        assert f">{actie.titel}</a>" in html
        assert f"{actie.knoop.titel}</h3>" in html
    assert "Pagina 1 van" not in html
