"""Progress of the goal tree, by one rule used on every screen and in every report.

The progress of a node is the plain average of the percentage complete of every action in
its subtree (its own actions and those of its children), counting an action that is
`afgerond` as 100 %. Archived and stopped (`gestopt`) actions do not count. A node without
counting actions has no progress (None), which the screens show as "–".
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.utils import timezone

from lea.grafieken import Segment
from werkgroepen.models import Actie, Rag, Status


@dataclass
class Stand:
    """The state of a node's subtree: status counts, progress, overdue and red actions."""

    statussen: Counter = field(default_factory=Counter)
    som_percentage: int = 0
    tellend: int = 0
    te_laat: int = 0
    rood: int = 0

    @property
    def aantal(self) -> int:
        return sum(self.statussen.values())

    @property
    def voortgang(self) -> int | None:
        return round(self.som_percentage / self.tellend) if self.tellend else None

    def tel_op(self, ander: "Stand") -> None:
        self.statussen.update(ander.statussen)
        self.som_percentage += ander.som_percentage
        self.tellend += ander.tellend
        self.te_laat += ander.te_laat
        self.rood += ander.rood


def stand_per_knoop(agenda) -> dict[int, Stand]:
    """Per node id (both levels) the state of its subtree. Two queries, whatever the size."""
    vandaag = timezone.localdate()
    rijen = (
        Actie.objects.filter(agenda=agenda, gearchiveerd=False)
        .values("knoop_id", "status")
        .annotate(
            aantal=Count("pk"),
            som=Sum("percentage"),
            te_laat=Count(
                "pk",
                filter=Q(timing_eind__lt=vandaag)
                & ~Q(status__in=[Status.AFGEROND, Status.GESTOPT]),
            ),
            rood=Count("pk", filter=Q(rag_tijd=Rag.ROOD) | Q(rag_geld=Rag.ROOD)),
        )
    )
    eigen: dict[int, Stand] = defaultdict(Stand)
    for rij in rijen:
        stand = eigen[rij["knoop_id"]]
        stand.statussen[rij["status"]] += rij["aantal"]
        stand.te_laat += rij["te_laat"]
        stand.rood += rij["rood"]
        if rij["status"] == Status.AFGEROND:
            stand.som_percentage += 100 * rij["aantal"]
            stand.tellend += rij["aantal"]
        elif rij["status"] != Status.GESTOPT:
            stand.som_percentage += rij["som"] or 0
            stand.tellend += rij["aantal"]
    standen: dict[int, Stand] = {}
    knopen = list(agenda.knopen.actief().values_list("pk", "ouder_id"))
    for pk, _ouder in knopen:
        standen[pk] = Stand()
        standen[pk].tel_op(eigen.get(pk, Stand()))
    for pk, ouder in knopen:
        if ouder is not None and ouder in standen:
            standen[ouder].tel_op(eigen.get(pk, Stand()))
    return standen


# Status colours: distinct in hue and lightness, each with ≥ 3:1 contrast against white.
STATUS_KLEUREN = {
    Status.GEPLAND: "#6c757d",
    Status.LOPEND: "#0b6fb8",
    Status.AFGEROND: "#157347",
    Status.UITGESTELD: "#b35c00",
    Status.GESTOPT: "#343a40",
}


def status_segmenten(stand: Stand | None):
    statussen = stand.statussen if stand else Counter()
    return [Segment(s.label, statussen.get(s.value, 0), STATUS_KLEUREN[s]) for s in Status]
