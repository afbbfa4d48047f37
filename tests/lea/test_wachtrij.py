"""The durable outbox: queued work survives an unreachable broker and is handed over later."""

import pytest
from celery import shared_task
from django.db import transaction
from django.urls import reverse
from kombu.exceptions import OperationalError

from lea.models import Formuliertoken, Opdracht
from lea.services import (
    opdracht_plaats,
    opdrachten_geef_door,
    token_gebruik,
    wacht_op_wachtrij,
)

pytestmark = pytest.mark.django_db
UITGEVOERD: list[int] = []


@shared_task(name="tests.lea.proef_taak")
def proef_taak(waarde: int) -> int:
    UITGEVOERD.append(waarde)
    return waarde


@pytest.fixture
def broker_weg(monkeypatch):
    """The broker refuses every message, as when Redis is down."""

    def weiger(*args, **kwargs):
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(proef_taak, "apply_async", weiger)


def test_queued_work_runs_after_the_commit_and_not_before(
    bunnik, django_capture_on_commit_callbacks
):
    UITGEVOERD.clear()
    with django_capture_on_commit_callbacks(execute=True):
        opdracht = opdracht_plaats(taak=proef_taak, argumenten=[7], agenda=bunnik)
        assert UITGEVOERD == []  # nothing leaves before the change is committed
    assert UITGEVOERD == [7]
    assert not wacht_op_wachtrij(opdracht)


def test_work_of_a_rolled_back_change_never_runs(bunnik, django_capture_on_commit_callbacks):
    UITGEVOERD.clear()

    def mislukte_wijziging() -> None:
        with transaction.atomic():
            opdracht_plaats(taak=proef_taak, argumenten=[8], agenda=bunnik)
            raise RuntimeError("de wijziging mislukt")

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        mislukte_wijziging()
    assert UITGEVOERD == []
    assert not Opdracht.objects.exists()


def test_an_unreachable_broker_leaves_the_work_waiting_until_beat_hands_it_over(
    bunnik, broker_weg, monkeypatch, django_capture_on_commit_callbacks
):
    UITGEVOERD.clear()
    with django_capture_on_commit_callbacks(execute=True):
        opdracht = opdracht_plaats(
            taak="tests.lea.proef_taak", argumenten=[9], agenda=bunnik, omschrijving="Proef"
        )
    assert wacht_op_wachtrij(opdracht)  # no exception reached the caller
    opdracht.refresh_from_db()
    assert opdracht.pogingen == 1
    assert "Connection refused" in opdracht.laatste_fout

    monkeypatch.undo()  # the broker is back
    import datetime

    from django.utils import timezone

    later = timezone.now() + datetime.timedelta(minutes=1)
    assert opdrachten_geef_door(nu=later) == 1
    assert UITGEVOERD == [9]
    assert not wacht_op_wachtrij(opdracht)
    assert opdrachten_geef_door(nu=later) == 0  # handed over once


def test_the_beheerder_sees_the_waiting_work_on_the_dashboard(
    client, bunnik, anne, sara, broker_weg, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        opdracht_plaats(taak=proef_taak, argumenten=[1], agenda=bunnik, omschrijving="Proef")
    client.force_login(anne)
    pagina = client.get(reverse("agenda_dashboard", args=[bunnik.slug])).content.decode()
    assert "1 opdracht wacht op verzending" in pagina
    client.force_login(sara)
    pagina = client.get(reverse("agenda_dashboard", args=[bunnik.slug])).content.decode()
    assert "Wachtrij" not in pagina


def test_a_form_token_is_used_once(anne):
    import uuid

    from django.core.exceptions import ValidationError

    token = uuid.uuid4()
    token_gebruik(token=token, door=anne)
    with pytest.raises(ValidationError, match="al verstuurd"):
        token_gebruik(token=token, door=anne)
    assert Formuliertoken.objects.filter(token=token).count() == 1
    token_gebruik(token=None, door=anne)  # a form without a token is not protected, not refused
