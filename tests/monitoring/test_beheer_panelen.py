"""Monitoring registers its kinds on the agenda's "Beheer" page and an "Aan de slag" step."""

import pytest

from lea import panelen
from monitoring.models import Indicator
from tests.factories import AgendaFactory

pytestmark = pytest.mark.django_db


def test_monitoring_registers_its_onderdelen_and_its_step(bunnik):
    onderdelen = {o.titel: o for o in panelen.beheeronderdelen()}
    assert [
        (onderdelen[t].url_naam, onderdelen[t].volgorde)
        for t in ("Indicatoren", "Scholen", "VE-cijfers", "Begroting")
    ] == [
        ("indicatoren", 50),
        ("school_lijst", 51),
        ("ve_lijst", 52),
        ("begroting", 53),
    ]
    assert onderdelen["Indicatoren"].aantal(bunnik) == bunnik.indicatoren.count()
    stap = next(s for s in panelen.startstappen() if s.titel == "Leg indicatoren vast")
    assert (stap.url_naam, stap.volgorde) == ("indicator_nieuw", 50)
    nieuw = AgendaFactory()
    assert not stap.gedaan(nieuw)
    Indicator.objects.create(agenda=nieuw, naam="Eerste indicator")
    assert stap.gedaan(nieuw)
