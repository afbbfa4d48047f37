"""Fixtures shared by the governance tests."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from overleg.models import Soort, Vergadering

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def vergadering(bunnik):
    """A stuurgroep meeting of Bunnik on 15 December 2026 (a module may define its own)."""
    orgaan = bunnik.overlegorganen.get(soort=Soort.STUURGROEP)
    begin = datetime.datetime(2026, 12, 15, 15, tzinfo=AMS)
    return Vergadering.objects.create(
        orgaan=orgaan, begin=begin, eind=begin + datetime.timedelta(hours=2)
    )
