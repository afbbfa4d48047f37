"""Reads that join several models for one page."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from ambities.models import Knoop
from lea.models import Agenda
from werkgroepen.models import Actie


@dataclass
class Tak:
    """A node of the tree as a page shows it: its actions and its children."""

    knoop: Knoop
    acties: list[Actie] = field(default_factory=list)
    kinderen: list["Tak"] = field(default_factory=list)

    @property
    def aantal_acties(self) -> int:
        return len(self.acties) + sum(kind.aantal_acties for kind in self.kinderen)


def doelenboom(agenda: Agenda) -> list[Tak]:
    """The agenda's goal tree in document order, each node with its active actions.

    A fixed number of queries whatever the size of the agenda.
    """
    acties = Actie.objects.actief().select_related("werkgroep").prefetch_related("regie")
    knopen = (
        agenda.knopen.actief()
        .prefetch_related(
            "keuzes", "resultaten", "werkgroepen", Prefetch("acties", queryset=acties)
        )
        .order_by("volgorde", "pk")
    )
    takken = {knoop.pk: Tak(knoop, list(knoop.acties.all())) for knoop in knopen}
    wortels = []
    for tak in takken.values():
        ouder = takken.get(tak.knoop.ouder_id)
        (ouder.kinderen if ouder else wortels).append(tak)
    return wortels
