"""The second factor is required here, as in production (the rest of the suite runs with
LEA_TWEEDE_FACTOR_VERPLICHT off: tests/conftest.py); and the editors it is required of."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from tests.factories import GebruikerFactory


@pytest.fixture(autouse=True)
def verplicht(settings):
    settings.LEA_TWEEDE_FACTOR_VERPLICHT = True


@pytest.fixture
def fien():
    """Fien, functioneel beheerder of the installation (no role in any agenda)."""
    user = GebruikerFactory(username="fien")
    user.groups.add(Group.objects.get(name="Functioneel beheerders"))
    return user


@pytest.fixture
def admin():
    """The demo superuser."""
    return get_user_model().objects.get(username="admin")


@pytest.fixture(params=["superuser", "functioneel beheerder", "beheerder"])
def redacteur(request):
    """Each editor role in turn: the superuser, Fien, and Anne (beheerder of Bunnik)."""
    naam = {"superuser": "admin", "functioneel beheerder": "fien", "beheerder": "anne"}
    return request.getfixturevalue(naam[request.param])
