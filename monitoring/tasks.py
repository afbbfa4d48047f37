"""Celery tasks of monitoring: making reports, and the yearly drafts and reminders."""

import logging

from celery import shared_task
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from lea.meldingen import melding_email_verstuur, melding_maak
from lea.models import Agenda
from lea.toegang import beheerders_van
from monitoring import rapporten
from monitoring.models import Rapport, RapportSoort, Verantwoording, VerantwoordingStatus

logger = logging.getLogger(__name__)


@shared_task(soft_time_limit=600, time_limit=660)
def rapport_maak(rapport_id: int) -> bool:
    return rapporten.rapport_maak(rapport_id=rapport_id)


@shared_task(soft_time_limit=1800, time_limit=1900)
def jaarrapporten_maken() -> int:
    """First week of January: draft jaarverslag and jaarverantwoording of the previous year."""
    jaar = timezone.localdate().year - 1
    gemaakt = 0
    for agenda in Agenda.objects.filter(
        periode_start__year__lte=jaar, periode_eind__year__gte=jaar
    ):
        for soort in (RapportSoort.JAARVERSLAG, RapportSoort.JAARVERANTWOORDING):
            rapport, nieuw = Rapport.objects.get_or_create(
                agenda=agenda, soort=soort, jaar=jaar, gemaakt_door=None
            )
            if nieuw or rapport.status != "klaar":
                rapporten.rapport_maak(rapport_id=rapport.pk)
                gemaakt += 1
        Verantwoording.objects.get_or_create(agenda=agenda, jaar=jaar)
        for gebruiker in beheerders_van(agenda):
            melding = melding_maak(
                gebruiker=gebruiker,
                agenda=agenda,
                sleutel=f"jaarrapporten:{jaar}",
                titel=f"Concept jaarverslag en jaarverantwoording {jaar} staan klaar",
                tekst=f"Laat de jaarverantwoording {jaar} vóór 1 april {jaar + 1} door het "
                "college vaststellen en verstuur haar aan de Onderwijsinspectie.",
                url=reverse("rapporten", args=[agenda.slug]),
            )
            melding_email_verstuur(melding=melding, basis_url=settings.LEA_BASIS_URL)
    logger.info("jaarrapporten %s: %s gemaakt", jaar, gemaakt)
    return gemaakt


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def verantwoording_herinneren() -> int:
    """Weekly before 1 April: remind the beheerder while last year's account is not adopted."""
    vandaag = timezone.localdate()
    if vandaag.month > 3:
        return 0
    jaar, week = vandaag.year - 1, vandaag.isocalendar().week
    herinnerd = 0
    for verantwoording in Verantwoording.objects.filter(
        jaar=jaar, status=VerantwoordingStatus.CONCEPT
    ).select_related("agenda"):
        agenda = verantwoording.agenda
        for gebruiker in beheerders_van(agenda):
            melding = melding_maak(
                gebruiker=gebruiker,
                agenda=agenda,
                sleutel=f"verantwoording:{jaar}:week{week}",
                titel=f"Jaarverantwoording {jaar} is nog niet vastgesteld",
                tekst=f"De jaarverantwoording LEA en VVE over {jaar} moet vóór 1 april "
                f"{jaar + 1} bij de Onderwijsinspectie zijn.",
                url=reverse("rapporten", args=[agenda.slug]),
            )
            herinnerd += melding_email_verstuur(melding=melding, basis_url=settings.LEA_BASIS_URL)
    return herinnerd
