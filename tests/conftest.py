"""Shared fixtures: the five demo agendas loaded once, and personas named like people."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from lea.models import Agenda, Lidmaatschap, Rol

WACHTWOORD = "geheim-wachtwoord-123"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the five demo agendas, as `make run` does."""
    with django_db_blocker.unblock():
        call_command("demo", verbosity=0)


def _gebruiker(username: str, agenda: Agenda | None = None, rol: str | None = None):
    user = get_user_model().objects.create_user(username=username, password=WACHTWOORD)
    if agenda is not None:
        Lidmaatschap.objects.create(agenda=agenda, gebruiker=user, rol=rol)
    return user


@pytest.fixture
def bunnik(db) -> Agenda:
    return Agenda.objects.get(slug="bunnik-2025")


@pytest.fixture
def hilversum(db) -> Agenda:
    return Agenda.objects.get(slug="hilversum-2024")


@pytest.fixture
def anne(bunnik):
    """Anne, beleidsadviseur onderwijs in Bunnik: beheerder of the Bunnik agenda."""
    return _gebruiker("anne", bunnik, Rol.BEHEERDER)


@pytest.fixture
def sara(bunnik):
    """Sara, member of the Bunnik stuurgroep: reads the agenda."""
    return _gebruiker("sara", bunnik, Rol.LEZER)


@pytest.fixture
def henk(hilversum):
    """Henk, beleidsadviseur in Hilversum: has no role in Bunnik."""
    return _gebruiker("henk", hilversum, Rol.BEHEERDER)
