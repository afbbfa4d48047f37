"""What the Acties and Voortgang sheets share: the labels of a status and a RAG, the actions
they list, and finding a row's action by its ID."""

from __future__ import annotations

from collections.abc import Mapping

from django.db.models import QuerySet

from lea import werkboek
from lea.models import Agenda
from lea.werkboek import GEHEEL, Kolom, Rij
from werkgroepen.models import Actie, Rag, Status, Werkgroep

ACTIES, VOORTGANG = "Acties", "Voortgang"
STATUS_LABEL: dict[str, str] = dict(Status.choices)
STATUS_WAARDE = {label: waarde for waarde, label in STATUS_LABEL.items()}
# Short labels in the drop-down: the choices' long labels do not fit a cell.
RAG_LABEL = {Rag.GROEN.value: "Groen", Rag.ORANJE.value: "Oranje", Rag.ROOD.value: "Rood"}
RAG_WAARDE = {label: waarde for waarde, label in RAG_LABEL.items()}

ID = Kolom("id", "ID", 8, GEHEEL, uitleg="Nummer in LEA. Laat leeg voor een nieuwe actie.")


def actieve_acties(agenda: Agenda) -> QuerySet[Actie]:
    """The actions both sheets list: the agenda's active ones, in the document's order."""
    return (
        Actie.objects.filter(agenda=agenda)
        .actief()
        .select_related("knoop", "werkgroep")
        .order_by("volgorde", "pk")
    )


def werkgroepnaam(werkgroep: Werkgroep | None) -> str:
    return " ".join(werkgroep.naam.split()) if werkgroep else ""


def zoek_actie(rij: Rij, actief: Mapping[int, Actie], agenda: Agenda) -> Actie | None:
    """The active action the row's ID names, or None (with an error when the ID is not one of
    this agenda's active actions; never saying more about an ID of another agenda)."""
    return werkboek.zoek(
        rij,
        ID,
        actief,
        Actie.objects.filter(agenda=agenda),
        onbekend=lambda pk: f"ID {pk} is geen actie van deze agenda.",
        gearchiveerd=lambda actie: (
            f"‘{actie}’ is gearchiveerd. Zet de actie eerst in LEA terug (knop ‘Terugzetten’ "
            "op de pagina van de actie) en lees het bestand dan opnieuw in."
        ),
    )
