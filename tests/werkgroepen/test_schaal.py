"""Mijn overzicht and the admin's action list at scale: the number of queries does not grow
with the agendas a user sees or the actions listed, and the figures shown stay right."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lea.models import Agenda, Rapportageperiode, Rol
from lea.perioden import rapportageperiode
from tests.factories import (
    ActieFactory,
    AgendaFactory,
    GebruikerFactory,
    KnoopFactory,
    PersoonFactory,
    WerkgroepFactory,
    lidmaatschap,
)
from werkgroepen.models import Actie

pytestmark = pytest.mark.django_db

SOORTEN = list(Rapportageperiode)


def _pagina(client, url):
    client.get(url)  # warm up session and caches
    with CaptureQueriesContext(connection) as vastgelegd:
        antwoord = client.get(url)
    assert antwoord.status_code == 200
    return antwoord.text, len(vastgelegd)


@pytest.fixture
def mira(db):
    """Mira, a regional adviser who is beheerder of many agendas and chairs a werkgroep in
    each."""
    return GebruikerFactory.create(username="mira")


def _voorzitter_in(agenda: Agenda, gebruiker) -> None:
    """A role for `gebruiker` in `agenda`, a werkgroep they chair, and three open actions of
    it: one never reported, one reported today, one reported the day before this quarter."""
    lidmaatschap(agenda, gebruiker, Rol.BEHEERDER)
    persoon = PersoonFactory.create(agenda=agenda, gebruiker=gebruiker, naam="Mira Jansen")
    werkgroep = WerkgroepFactory.create(agenda=agenda, voorzitter=persoon)
    knoop = KnoopFactory.create(agenda=agenda, code="S")
    vandaag = timezone.localdate()
    kwartaal_begin, _eind = rapportageperiode(Rapportageperiode.KWARTAAL, vandaag)
    for datum in (None, vandaag, kwartaal_begin - datetime.timedelta(days=1)):
        ActieFactory.create(agenda=agenda, knoop=knoop, werkgroep=werkgroep, voortgang_datum=datum)


def _nieuwe_agendas(gebruiker, aantal: int) -> None:
    for n in range(aantal):
        # Every kind of reporting period, so the agendas' periods begin on different dates.
        agenda = AgendaFactory.create(rapportageperiode=SOORTEN[n % len(SOORTEN)])
        _voorzitter_in(agenda, gebruiker)


def _te_rapporteren(gebruiker) -> int:
    """What the warning should count: open actions of the werkgroepen the user chairs whose
    last update lies before the start of their own agenda's current period."""
    vandaag = timezone.localdate()
    aantal = 0
    for actie in Actie.objects.open().filter(werkgroep__voorzitter__gebruiker=gebruiker):
        begin, _eind = rapportageperiode(actie.agenda.rapportageperiode, vandaag)
        aantal += actie.voortgang_datum is None or actie.voortgang_datum < begin
    return aantal


def _kaart(html: str, agenda: Agenda) -> str:
    """The agenda's card on Mijn overzicht: its title up to the end of the card."""
    link = reverse("agenda_dashboard", args=[agenda.slug])
    kaart = re.search(rf'href="{link}">.*?</div></div>', html, re.S)
    assert kaart, f"no card for {agenda}"
    return kaart.group(0)


def _cijfers(agenda: Agenda) -> tuple[int, int]:
    """What its card should count: its level-1 nodes and its active actions."""
    return (
        agenda.knopen.filter(niveau=1).count(),
        Actie.objects.actief().filter(agenda=agenda).count(),
    )


def _getoond(kaart: str) -> tuple[int, int]:
    cijfers = re.search(r'card-text mb-0">(\d+) [^,]+,\s+(\d+) ', kaart)
    assert cijfers, kaart
    return int(cijfers.group(1)), int(cijfers.group(2))


@pytest.mark.parametrize("wie", ["mira", "admin"])
def test_start_page_queries_do_not_grow_with_the_agendas_seen(client, mira, bunnik, wie):
    demo = list(Agenda.objects.all())
    for agenda in demo:
        _voorzitter_in(agenda, mira)
    gebruiker = mira if wie == "mira" else get_user_model().objects.get(username="admin")
    client.force_login(gebruiker)
    url = reverse("home")
    voor, weinig = _pagina(client, url)

    _nieuwe_agendas(mira, 9 * len(demo))
    assert Agenda.objects.count() == 10 * len(demo)
    na, veel = _pagina(client, url)

    assert veel == weinig, f"{weinig} queries for {len(demo)} agendas, {veel} for ten times"
    nieuw = Agenda.objects.order_by("pk").last()
    for html, agendas in ((voor, [bunnik]), (na, [bunnik, nieuw])):
        for agenda in agendas:
            assert _getoond(_kaart(html, agenda)) == _cijfers(agenda)
    if wie == "mira":
        # Three actions per agenda, some reported in one agenda's period and not in another's.
        assert f"Voortgang nog te rapporteren ({_te_rapporteren(mira)})" in na
        assert _te_rapporteren(mira) > 10 * len(demo)


# --- the admin's action list ------------------------------------------------------------------


def _meer_acties_en_werkgroepen(factor: int) -> None:
    """(factor - 1) times more actions, spread over every agenda's nodes, each carried by a
    new werkgroep of its agenda."""
    bestaand = list(Actie.objects.select_related("knoop"))
    nieuw = []
    for n in range((factor - 1) * len(bestaand)):
        voorbeeld = bestaand[n % len(bestaand)]
        werkgroep = None
        if n % 2 == 0:  # half without a werkgroep: the field is nullable
            werkgroep = WerkgroepFactory.create(
                agenda_id=voorbeeld.agenda_id, naam=f"Extra werkgroep {n}"
            )
        nieuw.append(
            Actie(
                agenda_id=voorbeeld.agenda_id,
                knoop=voorbeeld.knoop,
                werkgroep=werkgroep,
                titel=f"Extra actie {n}",
                volgorde=10_000 + n,
            )
        )
    Actie.objects.bulk_create(nieuw)


def test_admin_action_list_queries_do_not_grow_and_filters_stay_short(client, bunnik, hilversum):
    client.force_login(get_user_model().objects.get(username="admin"))
    url = reverse("admin:werkgroepen_actie_changelist")
    voor, weinig = _pagina(client, url)
    aantal = Actie.objects.count()
    assert f"{aantal} acties" in voor

    _meer_acties_en_werkgroepen(10)
    assert Actie.objects.count() == 10 * aantal
    na, veel = _pagina(client, url)

    assert veel == weinig, f"{weinig} queries for {aantal} actions, {veel} for ten times"
    assert f"{10 * aantal} acties" in na
    # Without a chosen agenda no werkgroep is listed in the sidebar.
    werkgroep_filter = f"?werkgroep__id__exact={hilversum.werkgroepen.first().pk}"
    assert werkgroep_filter not in na
    assert len(na) < len(voor) * 2, "the page grew with the number of werkgroepen"

    # With an agenda chosen, its own werkgroepen are offered, another agenda's are not.
    bij_bunnik, _ = _pagina(client, f"{url}?agenda__id__exact={bunnik.pk}")
    bunnik_werkgroep = bunnik.werkgroepen.first()
    assert f"werkgroep__id__exact={bunnik_werkgroep.pk}" in bij_bunnik
    assert f"werkgroep__id__exact={hilversum.werkgroepen.first().pk}" not in bij_bunnik
    assert f"{Actie.objects.filter(agenda=bunnik).count()} acties" in bij_bunnik
