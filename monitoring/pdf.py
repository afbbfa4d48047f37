"""The three yearly reports as PDF: one renderer per report, from the selectors' data."""

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.utils import timezone

from lea.models import Agenda
from lea.pdf import pdf_van
from lea.weergave import naam_van
from monitoring import selectors
from monitoring.models import RapportSoort, VerantwoordingStatus
from monitoring.selectors.jaarrapporten import rapportage_van_jaar


def _basis(agenda: Agenda, jaar: int, door: Any) -> dict[str, Any]:
    return {
        "agenda": agenda,
        "jaar": jaar,
        "gemaakt": timezone.localtime(),
        "door": naam_van(door),
        "basis_url": settings.LEA_BASIS_URL,
    }


def jaarverslag_pdf(agenda: Agenda, jaar: int, door: Any = None) -> bytes:
    return pdf_van(
        "monitoring/pdf/jaarverslag.html",
        {
            **_basis(agenda, jaar, door),
            "hoofdstukken": selectors.hoofdstukken(agenda, jaar),
            "aandacht": selectors.acties_aandacht(agenda, jaar),
            "rapportage": rapportage_van_jaar(agenda, jaar),
            "begroting": selectors.begroting_van_jaar(agenda, jaar),
            "vergaderingen": selectors.vergaderingen_van_jaar(agenda, jaar),
        },
    )


def _status_tekst(gegevens: dict[str, Any]) -> str:
    status = gegevens["status"]
    if status is None or status.status == VerantwoordingStatus.CONCEPT:
        return "Concept"
    if status.status == VerantwoordingStatus.VASTGESTELD:
        return f"Vastgesteld door het college op {status.vastgesteld_op:%d-%m-%Y}"
    return (
        f"Vastgesteld op {status.vastgesteld_op:%d-%m-%Y}, verzonden aan de "
        f"Onderwijsinspectie op {status.verzonden_op:%d-%m-%Y}"
    )


def jaarverantwoording_pdf(agenda: Agenda, jaar: int, door: Any = None) -> bytes:
    gegevens = selectors.verantwoording_gegevens(agenda, jaar)
    return pdf_van(
        "monitoring/pdf/jaarverantwoording.html",
        {
            **_basis(agenda, jaar, door),
            **gegevens,
            "status_tekst": _status_tekst(gegevens),
        },
    )


def raadsinformatiebrief_pdf(agenda: Agenda, jaar: int, door: Any = None) -> bytes:
    return pdf_van(
        "monitoring/pdf/raadsinformatiebrief.html",
        {
            **_basis(agenda, jaar, door),
            "hoofdstukken": selectors.hoofdstukken(agenda, jaar),
            "vergaderingen": list(selectors.vergaderingen_van_jaar(agenda, jaar)),
            "plannen": selectors.plannen_volgend_jaar(agenda, jaar),
        },
    )


# The renderer of each kind of report (the service and the `rapport` command look it up here).
MAKERS: dict[str, Callable[..., bytes]] = {
    RapportSoort.JAARVERSLAG: jaarverslag_pdf,
    RapportSoort.JAARVERANTWOORDING: jaarverantwoording_pdf,
    RapportSoort.RAADSINFORMATIEBRIEF: raadsinformatiebrief_pdf,
}
