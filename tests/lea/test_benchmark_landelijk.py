"""`benchmark landelijk`: the national dataset, small. Its counts and shape, its accounts and
their roles, the long edit history, the cached state of each action, valid rows, pages that
render, and the refusal to run twice."""

import itertools
import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Count
from django.urls import reverse

from lea.config.benchmark import (
    BEHEERDER,
    BEWERKT_TITEL,
    GEMEENTE_PREFIX,
    STAD_SLUG,
    SUPERUSER,
    WACHTWOORD,
)
from lea.config.benchmark.landelijk import MODELLEN
from lea.models import Agenda, Lidmaatschap, Rol
from overleg.models import Overlegorgaan, Vergadering
from werkgroepen.models import Actie, Voortgang

KLEIN = ("--gemeenten", "3", "--stadacties", "40", "--updates", "3", "--stadupdates", "4")
BEWERKINGEN = 12
LANDELIJK = {"agenda__slug__startswith": GEMEENTE_PREFIX}


def _draai(*extra: str) -> str:
    uit = StringIO()
    call_command(
        "benchmark", "landelijk", *KLEIN, "--bewerkingen", str(BEWERKINGEN), *extra, stdout=uit
    )
    return uit.getvalue()


@pytest.fixture(scope="module")
def uitvoer(django_db_setup, django_db_blocker):
    """One run for the module, rolled back at its end (each test runs in a savepoint)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _draai()
        transaction.set_rollback(True)


@pytest.fixture
def acties(uitvoer, db):
    return Actie.objects.filter(**LANDELIJK)


@pytest.fixture
def beheerder(uitvoer, db, client):
    gebruiker = get_user_model().objects.get(username=BEHEERDER)
    assert client.login(username=BEHEERDER, password=WACHTWOORD)
    return gebruiker


def _telling(uitvoer: str, naam: str) -> int:
    gevonden = re.search(rf"^{naam}\s+(\d+)$", uitvoer, re.MULTILINE)
    assert gevonden, uitvoer
    return int(gevonden[1])


def test_the_municipalities_and_the_city_have_their_shape(uitvoer, acties):
    slugs = set(
        Agenda.objects.filter(slug__startswith=GEMEENTE_PREFIX).values_list("slug", flat=True)
    )
    assert slugs == {"landelijk-001", "landelijk-002", "landelijk-003", STAD_SLUG}
    stad = Agenda.objects.get(slug=STAD_SLUG)
    assert stad.acties.count() == 40 + 1  # and the action with the long history
    per_agenda = dict(acties.values_list("agenda__slug").annotate(n=Count("pk")))
    assert all(80 <= per_agenda[f"landelijk-00{n}"] <= 100 for n in (1, 2, 3))
    updates = Voortgang.objects.filter(actie__agenda__slug__startswith=GEMEENTE_PREFIX)
    per_actie = dict(updates.values_list("actie__agenda__slug").annotate(n=Count("pk")))
    assert per_actie[STAD_SLUG] == 41 * 4
    assert all(per_actie[slug] == per_agenda[slug] * 3 for slug in per_agenda if slug != STAD_SLUG)
    assert Overlegorgaan.objects.filter(**LANDELIJK).count() == 3 * 6 + 10
    vergaderingen = Vergadering.objects.filter(orgaan__agenda__slug__startswith=GEMEENTE_PREFIX)
    assert vergaderingen.count() == 3 * 6 * 5 + 10 * 8
    # Meetings behind and ahead, with decisions taken in the past ones.
    assert vergaderingen.filter(status="concept").exists()
    assert vergaderingen.filter(punten__besluiten__isnull=False).exists()
    # The summary tells the same numbers.
    assert _telling(uitvoer, "agenda's") == 4
    assert _telling(uitvoer, "acties") == acties.count()
    assert _telling(uitvoer, "voortgangsrapportages") == updates.count()
    assert _telling(uitvoer, "vergaderingen") == vergaderingen.count()


def test_every_action_follows_its_latest_update_and_some_are_overdue(acties):
    for actie in acties:
        laatste = actie.voortgang.laatste()
        assert laatste is not None
        stand = (actie.status, actie.percentage, actie.rag_tijd, actie.rag_geld)
        assert stand == (laatste.status, laatste.percentage, laatste.rag_tijd, laatste.rag_geld)
        assert actie.voortgang_datum == laatste.datum
    assert acties.te_laat().exists()
    assert acties.exclude(status="gepland").exists()
    # Every action has its "+" history row, with the state it was created with.
    begin = Actie.history.filter(history_type="+", **LANDELIJK)
    assert begin.count() == acties.count()
    assert set(begin.values_list("status", flat=True)) == {"gepland"}


def test_every_generated_row_is_valid(uitvoer, db):
    voorbeelden = [Agenda.objects.filter(slug__startswith=GEMEENTE_PREFIX).first()]
    for model, pad in MODELLEN:
        voorbeelden.append(
            model._default_manager.filter(**{f"{pad}__slug__startswith": GEMEENTE_PREFIX}).first()
        )
    gemaakt = [obj for obj in voorbeelden if obj is not None]
    assert len(gemaakt) >= 20  # all but the rows only a later measurement adds
    for obj in gemaakt:
        obj.full_clean()


def test_the_accounts_and_their_roles(uitvoer, beheerder, client):
    superuser = get_user_model().objects.get(username=SUPERUSER)
    assert superuser.is_superuser
    assert superuser.is_staff
    assert superuser.check_password(WACHTWOORD)
    rollen = Lidmaatschap.objects.filter(gebruiker=beheerder)
    assert [(r.agenda.slug, r.rol) for r in rollen] == [(STAD_SLUG, Rol.BEHEERDER)]
    start = client.get(reverse("home"))
    assert start.status_code == 200
    assert [a.slug for a in start.context["agendas"]] == [STAD_SLUG]
    ander = client.get(reverse("agenda_dashboard", kwargs={"slug": "landelijk-002"}))
    assert ander.status_code == 404


def test_the_city_pages_render_for_its_beheerder(beheerder, client):
    stad = Agenda.objects.get(slug=STAD_SLUG)
    werkgroep = stad.werkgroepen.first()
    assert werkgroep is not None
    paginas = ["agenda_dashboard", "actie_lijst", "agenda_overzicht", "overleg_lijst", "begroting"]
    for naam in paginas:
        antwoord = client.get(reverse(naam, kwargs={"slug": stad.slug}))
        assert antwoord.status_code == 200, naam
    pagina = client.get(reverse("werkgroep_detail", kwargs={"slug": stad.slug, "pk": werkgroep.pk}))
    assert pagina.status_code == 200
    assert werkgroep.naam in pagina.content.decode()


def test_the_city_is_published_with_some_public_progress(uitvoer, db, client):
    stad = Agenda.objects.get(slug=STAD_SLUG)
    assert stad.publicatie.openbaar
    assert (
        0 < stad.acties.filter(voortgang__openbaar=True).distinct().count() <= stad.acties.count()
    )
    assert Voortgang.objects.filter(actie__agenda=stad, openbaar=False).exists()
    assert client.get(f"/openbaar/{STAD_SLUG}/").status_code == 200


def test_one_city_action_has_a_long_history_by_several_people(beheerder, client):
    actie = Actie.objects.get(agenda__slug=STAD_SLUG, titel=BEWERKT_TITEL)
    historie = list(actie.history.order_by("history_id"))
    assert len(historie) >= BEWERKINGEN + 1
    assert all(rij.history_user_id for rij in historie)
    assert len({rij.history_user_id for rij in historie}) >= 3
    datums = [rij.history_date for rij in historie]
    assert datums == sorted(datums)
    assert len(set(datums)) == len(datums)
    assert historie[0].history_type == "+"
    assert actie.versie == BEWERKINGEN + 1
    pagina = client.get(reverse("actie_detail", kwargs={"slug": STAD_SLUG, "pk": actie.pk}))
    assert pagina.status_code == 200
    # The diff names the related objects: the werkgroepen of its latest move.
    verhuizing = [
        (oud.werkgroep, nieuw.werkgroep)
        for oud, nieuw in itertools.pairwise(historie)
        if oud.werkgroep_id != nieuw.werkgroep_id
    ][-1]
    tekst = pagina.content.decode()
    assert all(werkgroep.naam in tekst for werkgroep in verhuizing)


def test_a_second_run_is_refused_without_leeg(uitvoer, acties):
    oud = list(Agenda.objects.filter(slug__startswith=GEMEENTE_PREFIX).values_list("pk", flat=True))
    titels = list(acties.order_by("agenda__slug", "volgorde").values_list("titel", flat=True))
    with pytest.raises(CommandError, match="--leeg"):
        _draai()
    assert (
        list(acties.order_by("agenda__slug", "volgorde").values_list("titel", flat=True)) == titels
    )

    _draai("--leeg")

    # The same seed gives the same dataset again, and nothing twice.
    opnieuw = Actie.objects.filter(**LANDELIJK)
    assert (
        list(opnieuw.order_by("agenda__slug", "volgorde").values_list("titel", flat=True)) == titels
    )
    assert get_user_model().objects.filter(username=BEHEERDER).count() == 1
    assert Actie.history.filter(history_type="+", **LANDELIJK).count() == opnieuw.count()
    # The old dataset is gone, its history included.
    assert not Agenda.objects.filter(pk__in=oud).exists()
    assert not Actie.history.filter(agenda_id__in=oud).exists()
    assert not Voortgang.objects.filter(actie__agenda_id__in=oud).exists()
