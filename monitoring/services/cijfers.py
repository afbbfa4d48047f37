"""Writes of the figures the beheerder maintains: indicators with their nodes, and archiving.

Measurements, schools, schoolweging and VE figures have no rule beyond their model's, so their
pages save them with `lea.services.bewaar` directly.
"""

from collections.abc import Iterable
from typing import Any, Protocol

from django.db import transaction

from ambities.models import Knoop
from lea.models import zelfde_agenda
from lea.services import bewaar
from monitoring.models import Indicator


class Archiveerbaar(Protocol):
    gearchiveerd: bool

    def save(self, *args: Any, **kwargs: Any) -> None: ...


@transaction.atomic
def indicator_bewaar(*, indicator: Indicator, knopen: Iterable[Knoop], door: Any) -> Indicator:
    """Save an indicator and the nodes it measures (only nodes of its own agenda)."""
    knopen = list(knopen)
    zelfde_agenda(indicator.agenda_id, knopen=knopen)
    bewaar(indicator, door=door)
    indicator.knopen.set(knopen)
    return indicator


@transaction.atomic
def archiveer(*, obj: Archiveerbaar, gearchiveerd: bool, door: Any) -> None:
    """Archive (or bring back) an object: nothing is deleted, the history records who did it."""
    if obj.gearchiveerd == gearchiveerd:
        return
    obj.gearchiveerd = gearchiveerd
    obj._history_user = door  # type: ignore[attr-defined]  # read by django-simple-history
    obj.save(update_fields=["gearchiveerd"])
