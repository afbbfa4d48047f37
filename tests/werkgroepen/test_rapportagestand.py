"""The stuurgroep's view of reporting (per werkgroep and period: reported, partly, not, or
nothing open), on the dashboard and in the jaarverslag; and the dashboard's shortened lists
that open in full."""

import datetime
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from lea.models import Rol
from monitoring.pdf import jaarverslag_pdf
from tests.factories import (
    ActieFactory,
    AgendaFactory,
    GebruikerFactory,
    KnoopFactory,
    VoortgangFactory,
    WerkgroepFactory,
    lidmaatschap,
)
from werkgroepen.models import Actie, Rag
from werkgroepen.selectors.rapportage import (
    laatste_perioden,
    perioden_van_jaar,
    rapportagestand,
)

pytestmark = pytest.mark.django_db

D = datetime.date
MAANDEN = "januari februari maart april mei juni juli augustus september oktober november december"
MAANDEN = MAANDEN.split()


@pytest.fixture
def agenda():
    return AgendaFactory.create(gemeente="Rapportdorp", titel="LEA Rapportdorp")


@pytest.fixture
def stuurgroeplid(agenda):
    """Stijn reads the agenda as a member of the stuurgroep."""
    stijn = GebruikerFactory.create(username="stijn")
    lidmaatschap(agenda, stijn, Rol.LEZER)
    return stijn


def _acties(werkgroep, aantal: int, **velden) -> list[Actie]:
    knoop = KnoopFactory.create(agenda=werkgroep.agenda)
    return [
        ActieFactory.create(agenda=werkgroep.agenda, knoop=knoop, werkgroep=werkgroep, **velden)
        for _ in range(aantal)
    ]


def _meld(actie: Actie, datum: datetime.date, status: str = "lopend") -> None:
    percentage = 100 if status == "afgerond" else 40
    VoortgangFactory.create(actie=actie, datum=datum, status=status, percentage=percentage)


def test_the_periods_are_the_last_four_up_to_today_and_those_of_a_year():
    kwartalen = AgendaFactory.create(rapportageperiode="kwartaal")
    tertialen = AgendaFactory.create(rapportageperiode="tertiaal")
    halfjaren = AgendaFactory.create(rapportageperiode="halfjaar")

    perioden = laatste_perioden(kwartalen, op=D(2026, 5, 15))
    assert [p.naam for p in perioden] == ["Q3 2025", "Q4 2025", "Q1 2026", "Q2 2026"]
    assert [p.loopt for p in perioden] == [False, False, False, True]
    assert (perioden[0].begin, perioden[0].eind) == (D(2025, 7, 1), D(2025, 9, 30))
    assert [p.naam for p in laatste_perioden(tertialen, op=D(2026, 5, 15))] == [
        "T2 2025",
        "T3 2025",
        "T1 2026",
        "T2 2026",
    ]
    # A past year: all its periods; the running year: those begun so far.
    assert [p.naam for p in perioden_van_jaar(tertialen, 2025, op=D(2026, 5, 15))] == [
        "T1 2025",
        "T2 2025",
        "T3 2025",
    ]
    assert [p.naam for p in perioden_van_jaar(halfjaren, 2026, op=D(2026, 5, 15))] == ["H1 2026"]
    assert [p.naam for p in perioden_van_jaar(kwartalen, 2026, op=D(2026, 5, 15))] == [
        "Q1 2026",
        "Q2 2026",
    ]


def test_reported_partly_not_and_nothing_open_per_werkgroep_and_period(agenda):
    q1, q2 = D(2025, 2, 10), D(2025, 5, 20)
    perioden = perioden_van_jaar(agenda, 2025, op=D(2026, 1, 15))
    deels = WerkgroepFactory.create(agenda=agenda, naam="A Deels", volgorde=1)
    alles = WerkgroepFactory.create(agenda=agenda, naam="B Alles", volgorde=2)
    niets = WerkgroepFactory.create(agenda=agenda, naam="C Niets", volgorde=3)
    leeg = WerkgroepFactory.create(agenda=agenda, naam="D Zonder acties", volgorde=4)
    WerkgroepFactory.create(agenda=agenda, naam="E Gearchiveerd", volgorde=5, gearchiveerd=True)

    vijf = _acties(deels, 5)
    for actie in vijf[:3]:
        _meld(actie, q1)
    twee = _acties(alles, 2)
    _meld(twee[0], q1)
    _meld(twee[1], q1, "afgerond")  # finished in Q1: still counted there, no longer after
    _meld(twee[0], q2)
    _acties(niets, 2)
    gearchiveerd = _acties(deels, 1, gearchiveerd=True)[0]  # never counted
    _meld(gearchiveerd, q1)

    stand = rapportagestand(agenda, perioden)

    assert [p.naam for p in stand.perioden] == ["Q1 2025", "Q2 2025", "Q3 2025", "Q4 2025"]
    rijen = {str(rij.werkgroep): [cel.tekst for cel in rij.cellen] for rij in stand.rijen}
    assert list(rijen) == ["A Deels", "B Alles", "C Niets", "D Zonder acties"]
    assert rijen["A Deels"] == ["deels (3 van 5)", "niet", "niet", "niet"]
    assert rijen["B Alles"] == ["gerapporteerd", "gerapporteerd", "niet", "niet"]
    assert rijen["C Niets"] == ["niet"] * 4
    assert rijen["D Zonder acties"] == ["–"] * 4
    assert [c.soort for c in stand.rijen[0].cellen] == ["deels", "niet", "niet", "niet"]
    assert leeg.pk in {rij.werkgroep.pk for rij in stand.rijen}


def test_an_action_closed_before_the_period_and_a_period_outside_the_agenda_count_nothing():
    agenda = AgendaFactory.create(periode_start=D(2025, 4, 1), periode_eind=D(2027, 12, 31))
    werkgroep = WerkgroepFactory.create(agenda=agenda)
    gestopt, open_ = _acties(werkgroep, 2)
    _meld(gestopt, D(2025, 5, 1), "gestopt")
    _meld(open_, D(2025, 8, 1))

    stand = rapportagestand(agenda, perioden_van_jaar(agenda, 2025, op=D(2026, 1, 15)))

    # Q1 lies before the agenda began; from Q3 on only the open action counts.
    assert [cel.tekst for cel in stand.rijen[0].cellen] == [
        "–",
        "deels (1 van 2)",
        "gerapporteerd",
        "niet",
    ]


def test_actions_without_a_werkgroep_get_a_row_and_the_running_period_says_nog_niet(agenda):
    knoop = KnoopFactory.create(agenda=agenda)
    ActieFactory.create(agenda=agenda, knoop=knoop, werkgroep=None)

    stand = rapportagestand(agenda, laatste_perioden(agenda, op=D(2026, 5, 15)))

    assert stand.rijen[-1].werkgroep is None
    assert [c.tekst for c in stand.rijen[-1].cellen] == ["niet", "niet", "niet", "nog niet"]
    assert stand.loopt


def test_another_agendas_updates_and_werkgroepen_never_count(agenda):
    werkgroep = WerkgroepFactory.create(agenda=agenda, naam="Eigen")
    eigen = _acties(werkgroep, 2)
    _meld(eigen[0], D(2025, 2, 1))
    ander = AgendaFactory.create()
    vreemd = WerkgroepFactory.create(agenda=ander, naam="Vreemd")
    for actie in _acties(vreemd, 3):
        _meld(actie, D(2025, 2, 1))

    stand = rapportagestand(agenda, perioden_van_jaar(agenda, 2025, op=D(2026, 1, 15)))

    assert [str(rij.werkgroep) for rij in stand.rijen] == ["Eigen"]
    assert stand.rijen[0].cellen[0].tekst == "deels (1 van 2)"


def _werkgroepen_met_acties(agenda, aantal: int, start: int = 0) -> None:
    vorige = laatste_perioden(agenda)[-2]
    for n in range(start, start + aantal):
        werkgroep = WerkgroepFactory.create(agenda=agenda, naam=f"Werkgroep {n:02}", volgorde=n)
        for i, actie in enumerate(_acties(werkgroep, 3, timing_eind=D(2028, 12, 31))):
            if i != n % 3:
                _meld(actie, vorige.eind)


def _queries(functie, *args) -> int:
    with CaptureQueriesContext(connection) as vastgelegd:
        functie(*args)
    return len(vastgelegd)


def test_the_view_and_the_dashboard_cost_the_same_queries_for_3_and_12_werkgroepen(
    client, agenda, stuurgroeplid
):
    client.force_login(stuurgroeplid)
    url = reverse("agenda_dashboard", args=[agenda.slug])
    _werkgroepen_met_acties(agenda, 3)
    client.get(url)  # warm up session and caches
    weinig = _queries(rapportagestand, agenda), _queries(client.get, url)
    _werkgroepen_met_acties(agenda, 9, start=3)
    veel = _queries(rapportagestand, agenda), _queries(client.get, url)

    assert len(rapportagestand(agenda).rijen) == 12
    assert weinig[0] == veel[0] == 2
    assert weinig[1] == veel[1]


def test_the_dashboard_shows_the_reporting_table_with_a_link_per_werkgroep(
    client, agenda, stuurgroeplid
):
    vorige = laatste_perioden(agenda)[-2]
    werkgroep = WerkgroepFactory.create(agenda=agenda, naam="Werkgroep taal")
    acties = _acties(werkgroep, 5, timing_eind=D(2028, 12, 31))
    for actie in acties[:3]:
        _meld(actie, vorige.eind)
    client.force_login(stuurgroeplid)

    html = client.get(reverse("agenda_dashboard", args=[agenda.slug])).text

    tabel = html.split('id="kop-rapportage"')[1].split("</section>")[0]
    assert "<caption" in tabel
    assert f'<th scope="col" class="text-nowrap">{vorige.naam}</th>' in tabel
    link = reverse("werkgroep_detail", args=[agenda.slug, werkgroep.pk])
    assert f'<a href="{link}">Werkgroep taal</a>' in tabel
    assert "deels (3 van 5)" in tabel
    assert "nog niet" in tabel  # the running period, nothing reported yet
    assert client.get(link).status_code == 200


def _sectie(html: str, kop: str) -> str:
    return html.split(f'id="{kop}"')[1].split("</section>")[0]


def test_alle_tonen_leads_to_every_overdue_and_every_red_action(client, agenda, stuurgroeplid):
    knoop = KnoopFactory.create(agenda=agenda)
    vandaag = timezone.localdate()
    for n in range(21):
        ActieFactory.create(
            agenda=agenda, knoop=knoop, titel=f"Laat {n:02}", timing_eind=vandaag - D.resolution
        )
    for n in range(12):
        rood = ActieFactory.create(
            agenda=agenda, knoop=knoop, titel=f"Rood {n:02}", timing_eind=D(2028, 12, 31)
        )
        Actie.objects.filter(pk=rood.pk).update(rag_tijd=Rag.ROOD, voortgang_datum=vandaag)
    client.force_login(stuurgroeplid)
    dashboard = reverse("agenda_dashboard", args=[agenda.slug])

    html = client.get(dashboard).text

    te_laat = _sectie(html, "kop-te-laat")
    assert len(re.findall(r"Laat \d\d", te_laat)) == 10
    assert "De eerste 10 van 21" in te_laat
    gisteren = vandaag - D.resolution
    assert f"deadline {gisteren.day} {MAANDEN[gisteren.month - 1]} {gisteren.year}" in te_laat
    link = re.search(r'href="([^"]+)">Alle 21 te late acties tonen', te_laat)
    assert link, te_laat
    lijst = client.get(link.group(1).replace("&amp;", "&")).text
    assert "21 acties gevonden" in lijst
    assert len(set(re.findall(r"Laat \d\d", lijst))) == 21

    rood = _sectie(html, "kop-rood")
    assert len(re.findall(r"Rood \d\d", rood)) == 10
    assert "Alle 12 rode acties tonen" in rood
    geopend = _sectie(client.get(dashboard, {"alle": "rood"}).text, "kop-rood")
    assert len(re.findall(r"Rood \d\d", geopend)) == 12
    assert "Alleen de eerste 10 tonen" in geopend


def test_the_jaarverslag_holds_the_reporting_view_of_its_year(agenda):
    werkgroep = WerkgroepFactory.create(agenda=agenda, naam="Werkgroep lezen")
    acties = _acties(werkgroep, 5)
    for actie in acties[:3]:
        _meld(actie, D(2025, 3, 20))
    for actie in acties:
        _meld(actie, D(2025, 6, 20))

    lezer = PdfReader(io.BytesIO(jaarverslag_pdf(agenda, 2025)))
    tekst = " ".join(" ".join(p.extract_text() for p in lezer.pages).split())

    deel = tekst.split("Rapportage door de werkgroepen")[-1]
    assert "Q1 2025 Q2 2025 Q3 2025 Q4 2025" in deel
    assert re.search(r"Werkgroep lezen ◐ deels \(3 van 5\) ✓ gerapporteerd ✗ niet ✗ niet", deel)
