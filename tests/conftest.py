"""Shared fixtures: the five demo agendas loaded once, and personas named like people."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings

from lea.config.celery import app as celery_app
from lea.models import Agenda, Lidmaatschap, Persoon, Rol

WACHTWOORD = "lea-demo"


@pytest.fixture(scope="session", autouse=True)
def snelle_wachtwoorden():
    """Passwords hashed in a cheap way in the tests: the production hasher costs more than half
    a second per account and per login, by design. Hashes made the production way still verify."""
    with override_settings(
        PASSWORD_HASHERS=[
            "django.contrib.auth.hashers.MD5PasswordHasher",
            "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        ]
    ):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the five demo agendas and accounts, as `make run` does.

    The tests run with DEBUG off, where only a demonstration installation loads the demo.
    """
    with django_db_blocker.unblock(), override_settings(LEA_DEMONSTRATIE=True):
        call_command("demo", verbosity=0)


@pytest.fixture(autouse=True)
def tweede_factor_niet_verplicht(settings):
    """Editors log in with their password alone here, as the demo accounts do under `make run`;
    tests/lea/test_tweede_factor.py and tests/live/test_tweede_factor.py switch the production
    default (required) back on."""
    settings.LEA_TWEEDE_FACTOR_VERPLICHT = False


@pytest.fixture(autouse=True)
def paginacache(settings):
    """Pages are made anew on every request here: a test's changes never commit (its
    transaction is rolled back), so the version a cached part is kept under would not be raised
    by them. tests/lea/test_paginacache.py and tests/live/ (which commit) keep the cache on."""
    settings.LEA_PAGINACACHE_SECONDEN = 0


@pytest.fixture(autouse=True)
def lege_cache():
    """Every test starts with an empty cache: what one test made (public pages, counters of the
    rate limit) never answers in another, whose rows may carry the same ids."""
    cache.clear()


@pytest.fixture(autouse=True)
def celery_eager():
    """Tasks run in-process here; tests/live/ runs them in a real worker."""
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = False


def _demo(username: str):
    return get_user_model().objects.get(username=username)


@pytest.fixture
def bunnik(db) -> Agenda:
    return Agenda.objects.get(slug="bunnik-2025")


@pytest.fixture
def hilversum(db) -> Agenda:
    return Agenda.objects.get(slug="hilversum-2024")


@pytest.fixture
def anne(bunnik):
    """Anne, beleidsadviseur onderwijs in Bunnik: beheerder of the Bunnik agenda."""
    return _demo("beleid-bunnik")


@pytest.fixture
def victor(bunnik):
    """Victor chairs Bunnik's first werkgroep (ondersteuning)."""
    return _demo("voorzitter-bunnik")


@pytest.fixture
def werkgroep(bunnik, victor):
    """The werkgroep Victor chairs."""
    return bunnik.werkgroepen.get(voorzitter__gebruiker=victor)


@pytest.fixture
def lotte(bunnik, werkgroep):
    """Lotte is a member (lid) of Victor's werkgroep."""
    user = get_user_model().objects.create_user("lotte", "lotte@lea.example", WACHTWOORD)
    Lidmaatschap.objects.create(agenda=bunnik, gebruiker=user, rol=Rol.LID)
    persoon = Persoon.objects.create(agenda=bunnik, naam="Lotte de Vries", gebruiker=user)
    werkgroep.leden.add(persoon)
    return user


@pytest.fixture
def sara(bunnik):
    """Sara, member of the Bunnik stuurgroep: reads the agenda."""
    return _demo("stuurgroep-bunnik")


@pytest.fixture
def henk(hilversum):
    """Henk, beleidsadviseur in Hilversum: has no role in Bunnik."""
    return _demo("beleid-hilversum")


@pytest.fixture
def actie_van_victor(werkgroep):
    """An action carried by Victor's werkgroep."""
    return werkgroep.acties.order_by("volgorde").first()


@pytest.fixture
def andere_actie(bunnik, werkgroep):
    """An action of another Bunnik werkgroep."""
    return bunnik.acties.exclude(werkgroep=werkgroep).exclude(werkgroep=None).first()
