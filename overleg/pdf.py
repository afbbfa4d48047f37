"""The agenda and the minutes of a meeting: their HTML (cheap, no layout) and their PDF.

The HTML is what the PDF is laid out from, so its hash says whether a stored PDF is still the
meeting's current one (overleg.services.pdf); the layout itself runs in the worker only.
"""

from collections.abc import Callable

from django.db.models import QuerySet
from django.template.loader import render_to_string

from lea.pdf import pdf_uit_html
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


def agenda_html(vergadering: Vergadering) -> str:
    eerder = {
        "agendapunt__vergadering__orgaan": vergadering.orgaan,
        "agendapunt__vergadering__begin__lt": vergadering.begin,
    }
    return render_to_string(
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


def verslag_html(vergadering: Vergadering) -> str:
    aanwezigheid = vergadering.aanwezigheid.select_related("persoon")
    return render_to_string(
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


# The documents of a meeting by the name in their address: how each one's HTML is built.
HTML: dict[str, Callable[[Vergadering], str]] = {"agenda": agenda_html, "verslag": verslag_html}


def agenda_pdf(vergadering: Vergadering) -> bytes:
    return pdf_uit_html(agenda_html(vergadering))


def verslag_pdf(vergadering: Vergadering) -> bytes:
    return pdf_uit_html(verslag_html(vergadering))
