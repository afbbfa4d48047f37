"""Making reports costs the worker seconds each: a user may ask for LEA_LIMIET_RAPPORTEN of them
per hour; one more is refused in Dutch and changes nothing. A download is in the audit log."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from lea.models import Auditregel, AuditSoort, Opdracht
from monitoring.models import Rapport, RapportStatus

pytestmark = pytest.mark.django_db

AANVRAAG = {"soort": "jaarverslag", "jaar": "2025"}


def _vraag(client, slug):
    return client.post(reverse("rapporten", args=[slug]), AANVRAAG, follow=True)


def test_a_reader_asking_for_too_many_reports_is_refused(client, settings, bunnik, sara, anne):
    settings.LEA_LIMIET_RAPPORTEN = 3
    client.force_login(sara)  # a reader of the agenda may ask for reports
    for _ in range(3):
        assert "wordt gemaakt" in _vraag(client, bunnik.slug).text
    assert Rapport.objects.filter(agenda=bunnik).count() == 3
    opdrachten = Opdracht.objects.count()

    antwoord = _vraag(client, bunnik.slug)
    assert "U heeft het afgelopen uur al 3 keer een rapport laten maken" in antwoord.text
    assert "Probeer het over 60 minuten opnieuw." in antwoord.text
    assert Rapport.objects.filter(agenda=bunnik).count() == 3
    assert Opdracht.objects.count() == opdrachten
    assert Auditregel.objects.filter(soort=AuditSoort.RAPPORT, gebruiker=sara).count() == 3

    # The limit is per user: the beheerder may still ask.
    client.force_login(anne)
    assert "wordt gemaakt" in _vraag(client, bunnik.slug).text
    assert Rapport.objects.filter(agenda=bunnik).count() == 4


def test_the_limit_frees_up_as_the_hour_passes(client, settings, bunnik, sara):
    settings.LEA_LIMIET_RAPPORTEN = 2
    client.force_login(sara)
    _vraag(client, bunnik.slug)
    _vraag(client, bunnik.slug)
    eerste = Auditregel.objects.filter(soort=AuditSoort.RAPPORT).earliest("pk")
    Auditregel.objects.filter(pk=eerste.pk).update(
        tijdstip=timezone.now() - datetime.timedelta(minutes=50)
    )
    antwoord = _vraag(client, bunnik.slug)
    assert "Probeer het over 10 minuten opnieuw." in antwoord.text
    Auditregel.objects.filter(pk=eerste.pk).update(
        tijdstip=timezone.now() - datetime.timedelta(minutes=61)
    )
    assert "wordt gemaakt" in _vraag(client, bunnik.slug).text
    assert Rapport.objects.filter(agenda=bunnik).count() == 3


def test_a_retry_counts_against_the_limit_too(client, settings, bunnik, sara):
    settings.LEA_LIMIET_RAPPORTEN = 1
    rapport = Rapport.objects.create(
        agenda=bunnik, soort="jaarverslag", jaar=2025, status=RapportStatus.MISLUKT
    )
    client.force_login(sara)
    assert "wordt gemaakt" in _vraag(client, bunnik.slug).text
    antwoord = client.post(reverse("rapport_opnieuw", args=[bunnik.slug, rapport.pk]), follow=True)
    assert "een rapport laten maken" in antwoord.text
    rapport.refresh_from_db()
    assert rapport.status == RapportStatus.MISLUKT


def test_a_report_download_is_in_the_audit_log(client, bunnik, sara):
    rapport = Rapport.objects.create(
        agenda=bunnik,
        soort="jaarverslag",
        jaar=2025,
        status=RapportStatus.KLAAR,
        bestand=ContentFile(b"%PDF-1.4 test", name="jaarverslag.pdf"),
    )
    client.force_login(sara)
    antwoord = client.get(
        reverse("rapport_download", args=[bunnik.slug, rapport.pk]), REMOTE_ADDR="203.0.113.77"
    )
    assert antwoord.status_code == 200
    regel = Auditregel.objects.get(soort=AuditSoort.DOWNLOAD)
    assert (regel.gebruiker, regel.agenda, regel.adres) == (sara, bunnik, "203.0.113.77")
    assert regel.omschrijving == rapport.bestandsnaam
