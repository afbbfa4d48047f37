"""What every logged-in page pays before its own content: the agenda and the user's role in
one query, the top bar's unread count and "Nieuwe agenda" in one query, and neither grows with
the user's notifications, groups or roles."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lea.models import Lidmaatschap, Melding, Rol
from lea.toegang import is_functioneel_beheerder, rol_in, toegang_tot
from tests.factories import AgendaFactory, GebruikerFactory, lidmaatschap

pytestmark = pytest.mark.django_db

NIEUWE_AGENDA = "Nieuwe agenda</a>"


@pytest.fixture
def fien(db):
    """Fien, functioneel beheerder of the installation through the group (not a superuser)."""
    user = GebruikerFactory.create(username="fien")
    user.groups.add(Group.objects.get(name="Functioneel beheerders"))
    return user


def _nieuw(gebruiker):
    """The login as a request would load it: no answers remembered from earlier calls."""
    return type(gebruiker).objects.get(pk=gebruiker.pk)


@pytest.mark.parametrize(
    ("wie", "rol"),
    [
        ("anne", Rol.BEHEERDER),
        ("victor", Rol.WERKGROEPVOORZITTER),
        ("lotte", Rol.LID),
        ("sara", Rol.LEZER),
        ("admin", Rol.BEHEERDER),
    ],
)
def test_agenda_and_role_come_in_one_query(request, bunnik, wie, rol, django_assert_num_queries):
    gebruiker = _nieuw(
        request.getfixturevalue(wie) if wie != "admin" else GebruikerFactory(username="admin")
    )
    with django_assert_num_queries(1):
        toegang = toegang_tot(gebruiker, bunnik.slug)
    assert toegang.agenda == bunnik
    assert toegang.rol == rol == rol_in(gebruiker, bunnik)
    assert toegang.mag.beheer is (rol == Rol.BEHEERDER)


def test_no_role_is_no_agenda_in_one_query(bunnik, henk, anne, django_assert_num_queries):
    with django_assert_num_queries(1), pytest.raises(Http404):
        toegang_tot(henk, bunnik.slug)
    with django_assert_num_queries(1), pytest.raises(Http404):
        toegang_tot(anne, "bestaat-niet")
    # A withdrawn role is no role: the agenda is gone for her, as on every agenda page.
    Lidmaatschap.objects.filter(agenda=bunnik, gebruiker=anne).update(ingetrokken_op=timezone.now())
    with pytest.raises(Http404):
        toegang_tot(_nieuw(anne), bunnik.slug)
    assert rol_in(anne, bunnik) is None


def test_a_withdrawn_member_who_chairs_keeps_the_chairs_role(bunnik, victor):
    Lidmaatschap.objects.filter(agenda=bunnik, gebruiker=victor).update(
        ingetrokken_op=timezone.now()
    )
    assert toegang_tot(_nieuw(victor), bunnik.slug).rol == Rol.WERKGROEPVOORZITTER


def test_functioneel_beheerder_is_one_query_asked_once(fien, anne, django_assert_num_queries):
    fien, anne = _nieuw(fien), _nieuw(anne)
    with django_assert_num_queries(1):
        assert is_functioneel_beheerder(fien)
        assert is_functioneel_beheerder(fien)
    with django_assert_num_queries(1):
        assert not is_functioneel_beheerder(anne)
        assert not is_functioneel_beheerder(anne)
    # The permission given to the login itself counts as well as through the group.
    recht = Permission.objects.get(content_type__app_label="lea", codename="add_agenda")
    anne.user_permissions.add(recht)
    assert is_functioneel_beheerder(_nieuw(anne))
    assert _nieuw(anne).has_perm("lea.add_agenda")
    # An inactive login has no rights, superuser or not, as Django's own check says.
    fien.is_active = False
    assert not is_functioneel_beheerder(fien)
    baas = GebruikerFactory(username="baas", is_superuser=True)
    with django_assert_num_queries(0):
        assert is_functioneel_beheerder(baas)
    baas.is_active = False
    assert not is_functioneel_beheerder(baas)
    assert not baas.has_perm("lea.add_agenda")


def _meldingen(gebruiker, aantal: int) -> None:
    start = Melding.objects.filter(gebruiker=gebruiker).count()
    Melding.objects.bulk_create(
        Melding(gebruiker=gebruiker, sleutel=f"test-{start + n}", titel=f"Melding {start + n}")
        for n in range(aantal)
    )


def _pagina(client, url: str) -> tuple[str, int]:
    client.get(url)  # warm up the session
    with CaptureQueriesContext(connection) as vastgelegd:
        antwoord = client.get(url)
    assert antwoord.status_code == 200
    return antwoord.text, len(vastgelegd)


@pytest.mark.parametrize("wie", ["fien", "anne"])
def test_top_bar_costs_the_same_whatever_the_user_has(client, request, bunnik, wie):
    gebruiker = request.getfixturevalue(wie)
    client.force_login(gebruiker)
    url = reverse("tweede_factor")  # a page with little of its own beyond the top bar
    _meldingen(gebruiker, 3)
    voor, weinig = _pagina(client, url)

    _meldingen(gebruiker, 27)
    groepen = [Group.objects.create(name=f"Groep {n}") for n in range(10)]
    gebruiker.groups.add(*groepen)
    for _n in range(9):
        lidmaatschap(AgendaFactory.create(), gebruiker, Rol.LEZER)
    na, veel = _pagina(client, url)

    assert veel == weinig, f"{weinig} queries with 3 notifications, {veel} with 30"
    assert '<span class="badge text-bg-warning">3<' in voor
    assert '<span class="badge text-bg-warning">30<' in na
    # "Nieuwe agenda" and the security log for the functioneel beheerder only.
    for html in (voor, na):
        assert (NIEUWE_AGENDA in html) is (wie == "fien")
        assert ("Beveiligingslogboek</a>" in html) is (wie == "fien")
    Melding.objects.filter(gebruiker=gebruiker).update(gelezen_op=timezone.now())
    gelezen, _ = _pagina(client, url)
    assert "ongelezen</span>" not in gelezen


def _zoals_het_orm(gebruiker):
    """What the login's backend should give: the annotations the ORM reads for `pk`."""

    from lea.inloggen import _per_verzoek

    rij = get_user_model().objects.annotate(**_per_verzoek()).get(pk=gebruiker.pk)
    return {n: getattr(rij, n) for n in _per_verzoek()} | {"username": rij.username}


@pytest.fixture(params=[True, False], ids=["voorbereid", "django"])
def voorbereid(request, settings):
    """Both ways the login is read: as a prepared statement (PostgreSQL's default) and as
    Django reads a query (another database, or LEA_VOORBEREIDE_QUERIES=0)."""
    settings.LEA_VOORBEREIDE_QUERIES = request.param
    return request.param


def test_the_session_loads_the_login_with_its_answers_in_one_query(
    fien, anne, victor, django_assert_num_queries, voorbereid
):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from lea.inloggen import _FUNCTIONEEL, HEEFT_APP, IS_BEHEERDER, ONGELEZEN
    from lea.inloggen import InlogBlokkadeBackend as Backend

    TOTPDevice.objects.create(user=victor, name="app", confirmed=True)
    _meldingen(anne, 4)
    verwacht = {
        fien.pk: {HEEFT_APP: False, IS_BEHEERDER: False, ONGELEZEN: 0, _FUNCTIONEEL: True},
        anne.pk: {HEEFT_APP: False, IS_BEHEERDER: True, ONGELEZEN: 4, _FUNCTIONEEL: False},
        victor.pk: {HEEFT_APP: True, IS_BEHEERDER: False, ONGELEZEN: 0, _FUNCTIONEEL: False},
    }
    # Each login in turn, twice: the query is kept, its key is each time this login's.
    for _ronde in range(2):
        for gebruiker in (fien, anne, victor):
            with django_assert_num_queries(1):
                geladen = Backend().get_user(str(gebruiker.pk))  # a session keeps a string
            assert geladen.pk == gebruiker.pk
            antwoorden = {n: getattr(geladen, n) for n in verwacht[gebruiker.pk]}
            assert antwoorden == verwacht[gebruiker.pk]
            assert antwoorden | {"username": geladen.username} == _zoals_het_orm(gebruiker)
            assert is_functioneel_beheerder(geladen) is (gebruiker == fien)
            # Every field as the ORM reads it.
            velden = [veld.attname for veld in get_user_model()._meta.concrete_fields]
            zelfde = get_user_model().objects.get(pk=gebruiker.pk)
            assert [getattr(geladen, v) for v in velden] == [getattr(zelfde, v) for v in velden]
    if connection.vendor == "postgresql" and voorbereid:  # kept planned by the connection
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s",
                ["%lea_functioneel%"],
            )
            assert cursor.fetchone()[0] >= 1
    # No login for an unknown, a malformed or an inactive key.
    assert Backend().get_user(10**9) is None
    assert Backend().get_user("geen-getal") is None
    anne.is_active = False
    anne.save(update_fields=["is_active"])
    assert Backend().get_user(anne.pk) is None
