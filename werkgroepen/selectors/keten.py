"""An action's chain across periods: where it was carried over from, and where it went on."""

from dataclasses import dataclass, field
from typing import Any

from lea.toegang import agendas_voor
from werkgroepen.models import Actie

# How many periods back the chain is read (in one query): far more than an agenda lives.
TERUG = 4


@dataclass(frozen=True)
class Keten:
    eerder: list[Actie] = field(default_factory=list)  # the nearest first
    later: list[Actie] = field(default_factory=list)  # the nearest first

    def __bool__(self) -> bool:
        return bool(self.eerder or self.later)


def actie_keten(actie: Actie, gebruiker: Any) -> Keten:
    """The actions this one continues and that continue it, in agendas the user may see.
    At most four queries, however long the chain: the predecessors (joined, up to TERUG
    periods back), the successors (two periods on) and the visible agendas."""
    terug = ["__".join(["voortgezet_uit"] * n + ["agenda"]) for n in range(1, TERUG + 1)]
    eerder: list[Actie] = []
    if actie.voortgezet_uit_id:
        stap = Actie.objects.select_related(*terug).get(pk=actie.pk).voortgezet_uit
        while stap is not None:
            eerder.append(stap)
            stap = stap.voortgezet_uit if len(eerder) < TERUG else None
    later = list(
        Actie.objects.filter(voortgezet_uit=actie)
        .select_related("agenda")
        .order_by("agenda__periode_start", "pk")
    )
    if later:
        later += (
            Actie.objects.filter(voortgezet_uit__voortgezet_uit=actie)
            .select_related("agenda")
            .order_by("agenda__periode_start", "pk")
        )
    if not (eerder or later):
        return Keten()
    zichtbaar = set(
        agendas_voor(gebruiker)
        .filter(pk__in={a.agenda_id for a in eerder + later})
        .values_list("pk", flat=True)
    )
    return Keten(
        eerder=[a for a in eerder if a.agenda_id in zichtbaar],
        later=[a for a in later if a.agenda_id in zichtbaar],
    )
