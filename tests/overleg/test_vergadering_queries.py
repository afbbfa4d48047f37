"""The meeting page issues the same number of queries however full the meeting and its agenda
are: ten times the items, decisions, action points, papers, attendance and actions."""

from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ambities.models import Knoop
from lea.models import Persoon
from overleg.models import Actiepunt, PuntSoort, Stuk, WettelijkOnderwerp
from overleg.services import (
    aanwezigheid_vastleg,
    actiepunt_vastleg,
    agendapunt_stel_voor,
    agendapunt_voeg_toe,
    besluit_vastleg,
)
from tests.factories import ActieFactory, PersoonFactory

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


def _vul(vergadering, anne, sara, aantal, *, vanaf=0):
    """`aantal` of everything the page shows: items with a topic, actions, a decision and two
    action points (one still without an action), proposals, papers, people present."""
    agenda = vergadering.orgaan.agenda
    onderwerpen = list(WettelijkOnderwerp.objects.all()[:3])
    knoop = Knoop.objects.filter(agenda=agenda).order_by("pk").first()
    for n in range(vanaf, vanaf + aantal):
        acties = [ActieFactory.create(agenda=agenda, knoop=knoop) for _ in range(3)]
        persoon = PersoonFactory.create(agenda=agenda)
        punt = agendapunt_voeg_toe(
            vergadering=vergadering,
            door=anne,
            velden={"titel": f"Punt {n}", "soort": PuntSoort.BESPREKING},
            onderwerpen=onderwerpen[: 1 + n % 3],
            acties=acties[:2],
        )
        besluit_vastleg(punt=punt, tekst=f"Besluit {n}")
        actiepunt = actiepunt_vastleg(punt=punt, omschrijving=f"Uitzoeken {n}", eigenaar=persoon)
        Actiepunt.objects.filter(pk=actiepunt.pk).update(actie=acties[2])
        actiepunt_vastleg(punt=punt, omschrijving=f"Navragen {n}", eigenaar_tekst="secretaris")
        agendapunt_stel_voor(
            vergadering=vergadering,
            door=sara,
            velden={"titel": f"Voorstel {n}", "soort": PuntSoort.BESPREKING},
            acties=acties[2:],
        )
        Stuk.objects.create(vergadering=vergadering, titel=f"Stuk {n}", bestand=f"stukken/{n}.pdf")
    aanwezig = Persoon.objects.filter(agenda=agenda).order_by("pk")[: 3 * (vanaf + aantal)]
    aanwezigheid_vastleg(vergadering=vergadering, aanwezig=aanwezig, afgemeld=[], door=anne)


def _meet(client, url):
    client.get(url)  # warm up the session
    with CaptureQueriesContext(connection) as vastgelegd:
        antwoord = client.get(url)
    assert antwoord.status_code == 200
    return len(vastgelegd), antwoord.content.decode()


@pytest.mark.parametrize("wie", ["anne", "sara"])
def test_meeting_page_queries_do_not_grow_with_its_content(client, anne, sara, vergadering, wie):
    client.force_login({"anne": anne, "sara": sara}[wie])
    url = reverse("vergadering_detail", args=["bunnik-2025", vergadering.pk])
    _vul(vergadering, anne, sara, 2)
    weinig, pagina = _meet(client, url)
    for tekst in ("Punt 1", "Besluit 1", "Navragen 1"):
        assert tekst in pagina
    _vul(vergadering, anne, sara, 18, vanaf=2)
    veel, pagina = _meet(client, url)
    for tekst in ("Punt 19", "Uitzoeken 19", "Stuk 19", "Voorstel 19"):
        assert tekst in pagina
    assert veel == weinig, f"{weinig} queries for 2 items, {veel} for 20"
    assert veel <= 20


def test_the_builders_proposals_ask_the_same_queries_for_ten_times_the_content(
    client, anne, sara, vergadering
):
    client.force_login(anne)
    url = reverse("vergadering_bouwer", args=["bunnik-2025", vergadering.pk])
    _vul(vergadering, anne, sara, 2)
    with CaptureQueriesContext(connection) as weinig:
        assert client.get(url, headers={"HX-Request": "true"}).status_code == 200
    _vul(vergadering, anne, sara, 18, vanaf=2)
    with CaptureQueriesContext(connection) as veel:
        antwoord = client.get(url, headers={"HX-Request": "true"})
    assert "Voorstel 19" in antwoord.content.decode()
    assert len(veel) == len(weinig) <= 20


def test_the_secretary_sees_every_option_once_read(client, anne, sara, vergadering):
    """The shared option lists still offer the agenda's actions and the owners per item."""
    _vul(vergadering, anne, sara, 2)
    agenda = vergadering.orgaan.agenda
    knoop = Knoop.objects.filter(agenda=agenda).order_by("pk").first()
    actie = ActieFactory.create(agenda=agenda, knoop=knoop, titel="Nieuwe actie")
    client.force_login(anne)
    pagina = client.get(reverse("vergadering_detail", args=["bunnik-2025", vergadering.pk]))
    html = pagina.content.decode()
    assert html.count(f'<option value="{actie.pk}">{actie}</option>') == 2  # proposal + own item
    persoon = Persoon.objects.filter(agenda=vergadering.orgaan.agenda).order_by("pk").last()
    # One owner select per accepted item.
    assert html.count(f'<option value="{persoon.pk}">{persoon}</option>') == 2
