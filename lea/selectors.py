"""Reads of the core that are more than a QuerySet method."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Min

from lea.models import Agenda, Opdracht


@dataclass(frozen=True)
class Wachtrij:
    """What waits for the broker: how many, and since when."""

    wachtend: int
    oudste: datetime.datetime | None


def wachtrij(agenda: Agenda | None = None) -> Wachtrij:
    """The queue status of one agenda (or of the installation): one query."""
    qs = Opdracht.objects.filter(doorgegeven_op__isnull=True)
    if agenda is not None:
        qs = qs.filter(agenda=agenda)
    stand = qs.aggregate(n=Count("pk"), oudste=Min("aangemaakt"))
    return Wachtrij(stand["n"], stand["oudste"])
