"""Fixtures of the werkgroepen tests."""

import pytest

from lea.models import Agenda
from tests.werkgroepen.rapportageproef import VANDAAG
from werkgroepen.services.rapportagelink import rapportagelink_voor


@pytest.fixture
def link(werkgroep, victor):
    """Victor's link for his werkgroep, for today's reporting period."""
    return rapportagelink_voor(werkgroep=werkgroep, gebruiker=victor, op=VANDAAG)


@pytest.fixture
def zonder_inloggen(bunnik):
    """Bunnik lets the link itself allow progress updates."""
    Agenda.objects.filter(pk=bunnik.pk).update(rapportagelink_zonder_inloggen=True)
