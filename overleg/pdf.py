"""The agenda and the minutes of a meeting as PDF."""

from django.db.models import QuerySet

from lea.pdf import pdf_van
from overleg.models import (
    Actiepunt,
    ActiepuntStatus,
    Agendapunt,
    Besluit,
    PuntStatus,
    Vergadering,
)


def _punten(vergadering: Vergadering) -> QuerySet[Agendapunt]:
    return vergadering.punten.filter(status=PuntStatus.GEACCEPTEERD).prefetch_related(
        "onderwerpen", "acties", "besluiten", "actiepunten__eigenaar"
    )


def agenda_pdf(vergadering: Vergadering) -> bytes:
    eerder = {
        "agendapunt__vergadering__orgaan": vergadering.orgaan,
        "agendapunt__vergadering__begin__lt": vergadering.begin,
    }
    return pdf_van(
        "overleg/pdf/agenda.html",
        {
            "agenda": vergadering.orgaan.agenda,
            "vergadering": vergadering,
            "punten": _punten(vergadering),
            "stukken": vergadering.stukken.all(),
            "eerdere_besluiten": Besluit.objects.filter(**eerder)
            .select_related("agendapunt__vergadering")
            .order_by("-agendapunt__vergadering__begin", "-pk")[:20],
            "open_actiepunten": Actiepunt.objects.filter(
                **eerder, status=ActiepuntStatus.OPEN
            ).select_related("eigenaar"),
        },
    )


def verslag_pdf(vergadering: Vergadering) -> bytes:
    aanwezigheid = vergadering.aanwezigheid.select_related("persoon")
    return pdf_van(
        "overleg/pdf/verslag.html",
        {
            "agenda": vergadering.orgaan.agenda,
            "vergadering": vergadering,
            "punten": _punten(vergadering),
            "aanwezig": [a for a in aanwezigheid if a.aanwezig],
            "afgemeld": [a for a in aanwezigheid if a.afgemeld and not a.aanwezig],
            "besluiten": Besluit.objects.filter(agendapunt__vergadering=vergadering).select_related(
                "agendapunt__vergadering"
            ),
            "actiepunten": Actiepunt.objects.filter(
                agendapunt__vergadering=vergadering
            ).select_related("eigenaar"),
        },
    )
