"""Notifications through the real broker (Redis in CI) and a real Celery worker."""

import datetime
import time
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from lea.models import Melding, Persoon
from werkgroepen.models import Actie


def _wacht_op(voorwaarde, seconden: float = 30) -> bool:
    einde = time.monotonic() + seconden
    while time.monotonic() < einde:
        if voorwaarde():
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def actie_met_leider(demo, django_user_model):
    # An open action (the demo's progress finished some): each test changes its status.
    actie = (
        Actie.objects.open()
        .filter(
            agenda__slug="bunnik-2025",
            werkgroep__voorzitter__gebruiker__username="voorzitter-bunnik",
            status="lopend",
        )
        .first()
    )
    leider = django_user_model.objects.create_user("leider", "leider@lea.example", "x")
    persoon = Persoon.objects.create(agenda=actie.agenda, naam="Leider", gebruiker=leider)
    Actie.objects.filter(pk=actie.pk).update(regie_persoon=persoon)
    return actie


def _status_naar(client, actie, status: str):
    client.force_login(actie.agenda.lidmaatschappen.get(rol="beheerder").gebruiker)
    return client.post(
        reverse("actie_voortgang", args=[actie.agenda.slug, actie.pk]),
        {
            "datum": timezone.localdate().isoformat(),
            "status": status,
            "rag_tijd": "groen",
            "rag_geld": "groen",
            "percentage": "100" if status == "afgerond" else "50",  # afgerond means 100 %
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


# --- the meeting cycle through the real broker and worker ----------------------------------


def _stuurgroep():
    from overleg.models import Overlegorgaan

    orgaan = Overlegorgaan.objects.get(agenda__slug="bunnik-2025", soort="stuurgroep")
    orgaan.vergaderingen.filter(plannummer__isnull=False).delete()
    return orgaan


def _tel(orgaan) -> list:
    return list(orgaan.vergaderingen.order_by("begin").values_list("pk", "begin", "status"))


def test_planning_task_twice_gives_the_same_meetings(worker):
    from overleg.tasks import vergaderingen_plannen_taak

    orgaan = _stuurgroep()
    vergaderingen_plannen_taak.delay()
    assert _wacht_op(lambda: orgaan.vergaderingen.filter(plannummer__isnull=False).count() == 3)
    eerst = _tel(orgaan)
    vergaderingen_plannen_taak.delay()
    time.sleep(3)
    assert _tel(orgaan) == eerst


def test_a_moved_meeting_survives_replanning_by_the_worker(worker):
    from overleg.tasks import vergaderingen_plannen_taak

    orgaan = _stuurgroep()
    vergaderingen_plannen_taak.delay()
    assert _wacht_op(lambda: orgaan.vergaderingen.filter(plannummer__isnull=False).count() == 3)
    geplande = orgaan.vergaderingen.filter(plannummer__isnull=False).order_by("begin").first()
    nieuw_begin = geplande.begin + datetime.timedelta(days=9, hours=3)
    geplande.begin, geplande.eind = nieuw_begin, nieuw_begin + datetime.timedelta(hours=2)
    geplande.save()
    vergaderingen_plannen_taak.delay()
    time.sleep(3)
    geplande.refresh_from_db()
    assert geplande.begin == nieuw_begin
    assert orgaan.vergaderingen.filter(plannummer__isnull=False).count() == 3


def test_agenda_mail_retried_after_a_failure_reaches_each_member_once(worker):
    from django.utils import timezone

    from lea.models import Persoon
    from overleg.models import Orgaanlid, Vergadering
    from overleg.services import agendapunt_voeg_toe
    from overleg.tasks import agenda_verstuur_taak

    orgaan = _stuurgroep()
    orgaan.leden.all().delete()
    for n in range(3):
        persoon = Persoon.objects.create(
            agenda=orgaan.agenda, naam=f"Lid {n}", email=f"lid{n}@lea.example"
        )
        Orgaanlid.objects.create(orgaan=orgaan, persoon=persoon)
    begin = timezone.now() + datetime.timedelta(days=5)
    vergadering = Vergadering.objects.create(
        orgaan=orgaan, begin=begin, eind=begin + datetime.timedelta(hours=2)
    )
    agendapunt_voeg_toe(
        vergadering=vergadering, door=None, velden={"titel": "Voortgang", "soort": "bespreking"}
    )
    echte = mail.get_connection().__class__.send_messages
    pogingen = []

    def tweede_mis(self, berichten):
        pogingen.append(berichten[0].to[0])
        if len(pogingen) == 2:
            raise ConnectionResetError("mailserver viel weg")
        return echte(self, berichten)

    with mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages", tweede_mis):
        agenda_verstuur_taak.delay(vergadering.pk)
        assert _wacht_op(lambda: len(mail.outbox) == 3, seconden=45), pogingen
        time.sleep(2)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "lid0@lea.example",
        "lid1@lea.example",
        "lid2@lea.example",
    ]
    assert len(pogingen) == 4  # one failed attempt, then each member exactly once
