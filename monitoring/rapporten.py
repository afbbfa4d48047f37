"""Making the reports: one function per report from the data, and the kept Rapport records."""

import io
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from lea.pdf import pdf_van
from lea.weergave import naam_van
from monitoring import inhoud
from monitoring.models import Rapport, RapportSoort, RapportStatus, VerantwoordingStatus

logger = logging.getLogger(__name__)


def _basis(agenda, jaar: int, door) -> dict:
    return {
        "agenda": agenda,
        "jaar": jaar,
        "gemaakt": timezone.localtime(),
        "door": naam_van(door),
        "basis_url": settings.LEA_BASIS_URL,
    }


def jaarverslag_pdf(agenda, jaar: int, door=None) -> bytes:
    return pdf_van(
        "monitoring/pdf/jaarverslag.html",
        {
            **_basis(agenda, jaar, door),
            "hoofdstukken": inhoud.hoofdstukken(agenda, jaar),
            "aandacht": inhoud.aandacht(agenda, jaar),
            "begroting": inhoud.begroting(agenda, jaar),
            "vergaderingen": inhoud.vergaderingen(agenda, jaar),
        },
    )


def jaarverantwoording_pdf(agenda, jaar: int, door=None) -> bytes:
    gegevens = inhoud.verantwoording(agenda, jaar)
    status = gegevens["status"]
    if status is None or status.status == VerantwoordingStatus.CONCEPT:
        status_tekst = "Concept"
    elif status.status == VerantwoordingStatus.VASTGESTELD:
        status_tekst = f"Vastgesteld door het college op {status.vastgesteld_op:%d-%m-%Y}"
    else:
        status_tekst = (
            f"Vastgesteld op {status.vastgesteld_op:%d-%m-%Y}, verzonden aan de "
            f"Onderwijsinspectie op {status.verzonden_op:%d-%m-%Y}"
        )
    return pdf_van(
        "monitoring/pdf/jaarverantwoording.html",
        {
            **_basis(agenda, jaar, door),
            **gegevens,
            "status_tekst": status_tekst,
        },
    )


def raadsinformatiebrief_pdf(agenda, jaar: int, door=None) -> bytes:
    return pdf_van(
        "monitoring/pdf/raadsinformatiebrief.html",
        {
            **_basis(agenda, jaar, door),
            "hoofdstukken": inhoud.hoofdstukken(agenda, jaar),
            "vergaderingen": list(inhoud.vergaderingen(agenda, jaar)),
            "plannen": inhoud.plannen_volgend_jaar(agenda, jaar),
        },
    )


MAKERS = {
    RapportSoort.JAARVERSLAG: jaarverslag_pdf,
    RapportSoort.JAARVERANTWOORDING: jaarverantwoording_pdf,
    RapportSoort.RAADSINFORMATIEBRIEF: raadsinformatiebrief_pdf,
}


def rapport_vraag_aan(*, agenda, soort: str, jaar: int, door) -> Rapport:
    """Record the request and queue the work after commit; the page polls its status."""
    from monitoring.tasks import rapport_maak

    rapport = Rapport.objects.create(agenda=agenda, soort=soort, jaar=jaar, gemaakt_door=door)
    transaction.on_commit(lambda: rapport_maak.delay(rapport.pk))
    return rapport


def rapport_maak(*, rapport_id: int) -> bool:
    """Make the PDF of a requested report. Claimed first, so a duplicate delivery does nothing.

    A failure is recorded with a Dutch message (the page offers "Opnieuw proberen").
    """
    geclaimd = Rapport.objects.filter(
        pk=rapport_id, status__in=[RapportStatus.WACHT, RapportStatus.MISLUKT]
    ).update(status=RapportStatus.BEZIG, fout="")
    if geclaimd != 1:
        return False
    rapport = Rapport.objects.select_related("agenda", "gemaakt_door").get(pk=rapport_id)
    try:
        pdf = MAKERS[rapport.soort](rapport.agenda, rapport.jaar, rapport.gemaakt_door)
    except Exception as fout:
        logger.exception("rapport %s mislukt", rapport_id)
        Rapport.objects.filter(pk=rapport_id).update(
            status=RapportStatus.MISLUKT,
            fout=f"Het rapport kon niet worden gemaakt ({type(fout).__name__}). Probeer het "
            "opnieuw; blijft het mislukken, neem dan contact op met de beheerder.",
        )
        return False
    from pypdf import PdfReader

    rapport.bestand.save(rapport.bestandsnaam, ContentFile(pdf), save=False)
    rapport.paginas = len(PdfReader(io.BytesIO(pdf)).pages)
    rapport.status, rapport.klaar_op = RapportStatus.KLAAR, timezone.now()
    rapport.save(update_fields=["bestand", "paginas", "status", "klaar_op"])
    logger.info("rapport %s klaar: %s pagina's", rapport_id, rapport.paginas)
    return True
