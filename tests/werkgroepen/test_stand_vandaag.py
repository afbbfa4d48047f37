"""Today's state of the goal tree comes from one grouped count, and it is the state the
progress history gives for today."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lea.models import Agenda
from werkgroepen.models import Actie, Status
from werkgroepen.selectors.stand import acties_met_stand, stand_per_knoop, standen_per_knoop
from werkgroepen.services import voortgang_registreer

pytestmark = pytest.mark.django_db
VANDAAG = timezone.localdate()


def _uit_de_historie(agenda: Agenda):
    acties = Actie.objects.filter(agenda=agenda).actief().order_by()
    return standen_per_knoop(agenda, acties_met_stand(acties, VANDAAG))


def _geef_voortgang(agenda: Agenda, door) -> None:
    """Updates of every kind: done, stopped, red, at a percentage, some actions overdue."""
    soorten = [
        (Status.AFGEROND, "groen", "groen", 100),
        (Status.GESTOPT, "groen", "rood", 10),
        (Status.LOPEND, "rood", "groen", 35),
        (Status.LOPEND, "oranje", "oranje", 60),
        (Status.UITGESTELD, "groen", "oranje", 5),
    ]
    for i, actie in enumerate(Actie.objects.filter(agenda=agenda).order_by("pk")[:25]):
        status, tijd, geld, procent = soorten[i % len(soorten)]
        voortgang_registreer(
            actie=actie,
            door=door,
            datum=VANDAAG - datetime.timedelta(days=i),
            status=status,
            rag_tijd=tijd,
            rag_geld=geld,
            percentage=procent,
            toelichting=f"Stand {i}",
        )
        if i % 3 == 0:
            Actie.objects.filter(pk=actie.pk).update(timing_eind=VANDAAG - datetime.timedelta(1))


def test_todays_tree_state_equals_the_state_the_history_gives(bunnik, hilversum, anne):
    _geef_voortgang(bunnik, anne)
    for agenda in (bunnik, hilversum):
        verwacht = _uit_de_historie(agenda)
        standen = stand_per_knoop(agenda)
        assert standen == verwacht
    totaal = sum(s.aantal for k, s in stand_per_knoop(bunnik).items() if k in _wortels(bunnik))
    assert totaal == Actie.objects.filter(agenda=bunnik).actief().count()
    assert any(s.rood for s in stand_per_knoop(bunnik).values())
    assert any(s.te_laat for s in stand_per_knoop(bunnik).values())


def _wortels(agenda: Agenda) -> set[int]:
    return set(agenda.knopen.actief().filter(ouder=None).values_list("pk", flat=True))


def test_todays_tree_state_is_counted_in_the_database_without_loading_actions(bunnik):
    with CaptureQueriesContext(connection) as queries:
        stand_per_knoop(bunnik)
    assert len(queries) == 2  # the grouped count and the nodes
    assert all("werkgroepen_voortgang" not in q["sql"] for q in queries)
