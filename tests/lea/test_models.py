"""Invariants the database itself enforces, and the demo command's idempotence."""

import datetime

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import IntegrityError, transaction

from ambities.models import Knoop
from lea.models import Agenda, Organisatie
from werkgroepen.models import Actie

pytestmark = pytest.mark.django_db


def _weigert(maak) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        maak()


def test_period_must_start_before_it_ends():
    _weigert(
        lambda: Agenda.objects.create(
            slug="x",
            gemeente="X",
            titel="X",
            periode_start=datetime.date(2026, 1, 1),
            periode_eind=datetime.date(2025, 1, 1),
        )
    )


def test_age_range_minimum_at_most_maximum(bunnik):
    knoop = Knoop.objects.filter(agenda=bunnik).first()
    _weigert(
        lambda: Actie.objects.create(
            agenda=bunnik, knoop=knoop, titel="X", leeftijd_min=12, leeftijd_max=4
        )
    )


def test_timing_start_before_end(bunnik):
    knoop = Knoop.objects.filter(agenda=bunnik).first()
    _weigert(
        lambda: Actie.objects.create(
            agenda=bunnik,
            knoop=knoop,
            titel="X",
            timing_start=datetime.date(2026, 1, 1),
            timing_eind=datetime.date(2025, 1, 1),
        )
    )


def test_level_two_node_needs_a_parent_and_level_one_has_none(bunnik):
    _weigert(lambda: Knoop.objects.create(agenda=bunnik, niveau=2, titel="Zwevend"))
    ouder = Knoop.objects.filter(agenda=bunnik, niveau=1).first()
    _weigert(lambda: Knoop.objects.create(agenda=bunnik, niveau=1, ouder=ouder, titel="X"))


def test_organisation_names_are_unique_within_an_agenda_only(bunnik, hilversum):
    naam = bunnik.organisaties.first().naam
    _weigert(lambda: Organisatie.objects.create(agenda=bunnik, naam=naam))
    Organisatie.objects.create(agenda=hilversum, naam=naam)


def test_demo_twice_duplicates_nothing():
    modellen = [
        m
        for a in ("lea", "ambities", "werkgroepen", "overleg", "monitoring")
        for m in apps.get_app_config(a).get_models()
    ]
    voor = {m: m.objects.count() for m in modellen}
    call_command("demo", verbosity=0)
    assert {m: m.objects.count() for m in modellen} == voor
    assert get_user_model().objects.get(username="admin").check_password("lea-demo")


def test_deleting_an_agenda_removes_everything_under_it(hilversum):
    hilversum.delete()
    assert not Knoop.objects.filter(agenda_id=hilversum.pk).exists()
    assert not Actie.objects.filter(agenda_id=hilversum.pk).exists()
