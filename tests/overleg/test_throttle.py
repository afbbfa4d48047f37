"""Sending an agenda mails every member: a user may do it LEA_LIMIET_VERZENDINGEN times per
hour; one more is refused in Dutch and queues nothing."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from lea.models import Auditregel, AuditSoort, Opdracht, Persoon
from overleg.models import Orgaanlid, Soort, Vergadering
from overleg.services import agendapunt_voeg_toe

pytestmark = pytest.mark.django_db


@pytest.fixture
def vergaderingen(bunnik, anne):
    """Three coming Bunnik stuurgroep meetings, each with an item; one member with an address."""
    orgaan = bunnik.overlegorganen.get(soort=Soort.STUURGROEP)
    orgaan.leden.all().delete()
    persoon = Persoon.objects.create(agenda=bunnik, naam="Lid", email="lid@lea.example")
    Orgaanlid.objects.create(orgaan=orgaan, persoon=persoon)
    lijst = []
    for dagen in (5, 12, 19):
        begin = timezone.now().replace(microsecond=0) + datetime.timedelta(days=dagen)
        vergadering = Vergadering.objects.create(
            orgaan=orgaan, begin=begin, eind=begin + datetime.timedelta(hours=2)
        )
        agendapunt_voeg_toe(
            vergadering=vergadering, door=anne, velden={"titel": "Punt", "soort": "bespreking"}
        )
        lijst.append(vergadering)
    return lijst


def _url(naam, vergadering):
    return reverse(naam, args=["bunnik-2025", vergadering.pk])


def test_sending_agendas_is_limited_per_user(
    client, settings, anne, vergaderingen, django_capture_on_commit_callbacks
):
    settings.LEA_LIMIET_VERZENDINGEN = 2
    client.force_login(anne)
    eerste, tweede, derde = vergaderingen
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("agenda_versturen", eerste))
        client.post(_url("agenda_versturen", tweede))
    assert len(mail.outbox) == 2
    opdrachten = Opdracht.objects.count()

    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(_url("agenda_versturen", derde), follow=True)
    assert "U heeft het afgelopen uur al 2 keer een agenda verstuurd" in antwoord.text
    derde.refresh_from_db()
    assert derde.agenda_gevraagd_op is None
    assert Opdracht.objects.count() == opdrachten
    assert len(mail.outbox) == 2

    # A deliberate resend is a mailing too.
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(
            _url("agenda_opnieuw_versturen", eerste), {"reden": "Nieuw punt"}, follow=True
        )
    assert "Niet verstuurd: U heeft het afgelopen uur al 2 keer" in antwoord.text
    eerste.refresh_from_db()
    assert eerste.agenda_versie == 1
    regels = Auditregel.objects.filter(soort=AuditSoort.VERZENDING, gebruiker=anne)
    assert regels.count() == 2
    assert all(r.agenda_id == eerste.orgaan.agenda_id for r in regels)


def test_the_daily_run_is_not_limited(settings, vergaderingen):
    from overleg.services.verzending import agenda_verstuur_vraag

    settings.LEA_LIMIET_VERZENDINGEN = 1
    for vergadering in vergaderingen:
        agenda_verstuur_vraag(vergadering=vergadering)
    assert not Auditregel.objects.filter(soort=AuditSoort.VERZENDING).exists()
