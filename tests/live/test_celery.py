"""Notifications through the real broker (Redis in CI) and a real Celery worker."""

import datetime
import time
from unittest import mock

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from django.urls import reverse

from lea.celery import app
from lea.models import Melding, Persoon
from werkgroepen.models import Actie


@pytest.fixture
def worker(demo):
    app.conf.task_always_eager = False
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30) as w:
        yield w


def _wacht_op(voorwaarde, seconden: float = 30) -> bool:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if voorwaarde():
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def actie_met_leider(demo, django_user_model):
    actie = Actie.objects.filter(
        agenda__slug="bunnik-2025", werkgroep__voorzitter__gebruiker__username="voorzitter-bunnik"
    ).first()
    leider = django_user_model.objects.create_user("leider", "leider@lea.example", "x")
    persoon = Persoon.objects.create(agenda=actie.agenda, naam="Leider", gebruiker=leider)
    Actie.objects.filter(pk=actie.pk).update(regie_persoon=persoon)
    return actie


def _status_naar(client, actie, status: str):
    client.force_login(actie.agenda.lidmaatschappen.get(rol="beheerder").gebruiker)
    return client.post(
        reverse("actie_voortgang", args=[actie.agenda.slug, actie.pk]),
        {
            "datum": datetime.date.today().isoformat(),
            "status": status,
            "rag_tijd": "groen",
            "rag_geld": "groen",
            "percentage": "50",
            "toelichting": "Via de worker.",
        },
    )


def test_status_change_is_mailed_by_the_worker(client, worker, actie_met_leider):
    assert _status_naar(client, actie_met_leider, "uitgesteld").status_code == 302
    assert _wacht_op(lambda: len(mail.outbox) == 2), [m.to for m in mail.outbox]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "leider@lea.example",
        "voorzitter-bunnik@lea.example",
    ]
    assert Melding.objects.filter(email_verzonden_op__isnull=False).count() == 2


def test_a_failed_send_is_retried_and_sent_once(client, worker, actie_met_leider):
    echte = mail.get_connection().__class__.send_messages
    pogingen = []

    def eerste_keer_mis(self, berichten):
        pogingen.append([b.to for b in berichten])
        if len(pogingen) == 1:
            raise ConnectionRefusedError("mailserver tijdelijk onbereikbaar")
        return echte(self, berichten)

    with mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages", eerste_keer_mis):
        assert _status_naar(client, actie_met_leider, "afgerond").status_code == 302
        assert _wacht_op(lambda: len(mail.outbox) == 2, seconden=45), pogingen
        time.sleep(2)  # give a wrong second delivery the chance to show up
    assert len(pogingen) == 3  # one failure, then each recipient once
    assert sorted(m.to[0] for m in mail.outbox) == [
        "leider@lea.example",
        "voorzitter-bunnik@lea.example",
    ]
