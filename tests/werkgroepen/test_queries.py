"""Query-count guards: pages issue the same number of queries for 10 and for 300 actions."""

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lea.models import Lidmaatschap, Rol
from tests.factories import (
    ActieFactory,
    AgendaFactory,
    GebruikerFactory,
    KnoopFactory,
    OrganisatieFactory,
    PersoonFactory,
    WerkgroepFactory,
)
from werkgroepen.models import Actie, Voortgang
from werkgroepen.selectors.paginas import ALLES_TONEN_TOT

pytestmark = pytest.mark.django_db


@pytest.fixture
def groot(db):
    """An agenda with two ambities, a speerpunt each, a werkgroep and a chair."""
    agenda = AgendaFactory.create()
    voorzitter = GebruikerFactory.create(username="wg-voorzitter")
    persoon = PersoonFactory.create(agenda=agenda, gebruiker=voorzitter)
    werkgroep = WerkgroepFactory.create(agenda=agenda, voorzitter=persoon)
    werkgroep.leden.add(persoon)
    ambities = [KnoopFactory.create(agenda=agenda) for _ in range(2)]
    speerpunten = [KnoopFactory.create(agenda=agenda, niveau=2, ouder=a) for a in ambities]
    organisaties = [OrganisatieFactory.create(agenda=agenda) for _ in range(3)]
    beheerder = GebruikerFactory.create(username="beheerder-groot")
    Lidmaatschap.objects.create(agenda=agenda, gebruiker=beheerder, rol=Rol.BEHEERDER)
    return {
        "agenda": agenda,
        "werkgroep": werkgroep,
        "knopen": speerpunten + ambities,
        "organisaties": organisaties,
        "beheerder": beheerder,
        "voorzitter": voorzitter,
    }


def _voeg_acties_toe(groot: dict[str, Any], aantal: int) -> None:
    agenda, knopen = groot["agenda"], groot["knopen"]
    start = Actie.objects.filter(agenda=agenda).count()
    for n in range(start, start + aantal):
        actie = ActieFactory.create(
            agenda=agenda,
            knoop=knopen[n % len(knopen)],
            werkgroep=groot["werkgroep"],
            timing_eind=datetime.date(2025 + n % 4, 12, 31),
        )
        actie.regie.set(groot["organisaties"][: 1 + n % 3])
        Voortgang.objects.create(
            actie=actie,
            datum=datetime.date(2025, 1, 1) + datetime.timedelta(days=n),
            status="lopend",
            rag_tijd="rood" if n % 5 == 0 else "groen",
            rag_geld="groen",
            percentage=n % 100,
            toelichting=f"Update {n}",
        )


def _queries(client: Client, url: str) -> int:
    client.get(url)  # warm up session and caches
    with CaptureQueriesContext(connection) as vastgelegd:
        antwoord = client.get(url)
    assert antwoord.status_code == 200
    return len(vastgelegd)


@pytest.mark.parametrize(
    "pagina",
    [
        "actie_lijst",
        "agenda_dashboard",
        "werkgroep_detail",
        "werkgroep_rapporteren",
        "agenda_overzicht",
    ],
)
def test_same_number_of_queries_for_10_and_300_actions(client, groot, pagina):
    kwargs = {"slug": groot["agenda"].slug}
    if pagina in ("werkgroep_detail", "werkgroep_rapporteren"):
        kwargs["pk"] = groot["werkgroep"].pk
    url = reverse(pagina, kwargs=kwargs)
    voorzitter = pagina in ("werkgroep_detail", "werkgroep_rapporteren")
    client.force_login(groot["voorzitter"] if voorzitter else groot["beheerder"])
    # The goal tree of a large agenda (over ALLES_TONEN_TOT actions) is collapsed per node:
    # compare it from there.
    begin = ALLES_TONEN_TOT + 10 if pagina == "agenda_overzicht" else 10
    _voeg_acties_toe(groot, begin)
    weinig = _queries(client, url)
    _voeg_acties_toe(groot, 300 - begin)
    assert Actie.objects.filter(agenda=groot["agenda"]).count() == 300
    veel = _queries(client, url)
    assert veel == weinig, f"{pagina}: {weinig} queries for {begin} actions, {veel} for 300"
    assert veel <= 20, f"{pagina}: {veel} queries, more than the 20 a page may ask"


def test_home_query_count_does_not_grow_with_my_actions(client, groot):
    client.force_login(groot["voorzitter"])
    _voeg_acties_toe(groot, 10)
    weinig = _queries(client, reverse("home"))
    _voeg_acties_toe(groot, 290)
    assert _queries(client, reverse("home")) == weinig
