"""The goal tree on the agenda's "Beheer" page, and "Leg de doelenboom vast" as the first step
of a new agenda's checklist."""

import pytest
from django.urls import reverse

from ambities.services import knoop_archiveer
from lea.panelen import beheeronderdelen, startstappen
from tests.factories import AgendaFactory, KnoopFactory

pytestmark = pytest.mark.django_db


def test_the_goal_tree_is_registered_with_its_count_and_step(anne):
    agenda = AgendaFactory.create()
    doelenboom = next(o for o in beheeronderdelen() if o.titel == "Doelenboom")
    stap = next(s for s in startstappen() if s.titel == "Leg de doelenboom vast")
    assert (doelenboom.volgorde, doelenboom.url_naam) == (20, "agenda_overzicht")
    assert stap.volgorde == 20
    reverse(doelenboom.url_naam, args=[agenda.slug])
    reverse(stap.url_naam, args=[agenda.slug])

    assert doelenboom.aantal(agenda) == 0
    assert not stap.gedaan(agenda)
    ambitie = KnoopFactory.create(agenda=agenda)
    KnoopFactory.create(agenda=agenda, niveau=2, ouder=ambitie)
    assert doelenboom.aantal(agenda) == 2
    assert stap.gedaan(agenda)
    # Another agenda's tree does not count.
    assert doelenboom.aantal(AgendaFactory.create()) == 0

    kind = ambitie.kinderen.get()
    knoop_archiveer(knoop=kind, door=anne)
    knoop_archiveer(knoop=ambitie, door=anne)
    assert doelenboom.aantal(agenda) == 0
    assert not stap.gedaan(agenda)
