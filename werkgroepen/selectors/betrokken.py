"""What a user is involved in, and per-agenda counts: the reads behind the start page."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from lea.models import Persoon
from werkgroepen.models import Werkgroep


@dataclass
class Betrokken:
    """The user's persons (one per agenda at most), the werkgroepen they chair or are a
    member of, and those they chair."""

    personen: set[int] = field(default_factory=set)
    werkgroepen: set[int] = field(default_factory=set)
    voorgezeten: set[int] = field(default_factory=set)


def betrokken_bij(gebruiker: Any) -> Betrokken:
    """What the user is involved in, in one query (a UNION of three index lookups)."""
    # Without the models' own ordering: a part of a UNION may not have one.
    personen = Persoon.objects.filter(gebruiker=gebruiker).order_by()
    voorzitter = Werkgroep.objects.filter(voorzitter__gebruiker=gebruiker).order_by()
    lid = Werkgroep.leden.through.objects.filter(persoon__gebruiker=gebruiker).order_by()
    rijen = personen.values_list(Value("persoon"), "pk").union(
        voorzitter.values_list(Value("voorzitter"), "pk"),
        lid.values_list(Value("lid"), "werkgroep_id"),
        all=True,
    )
    uit = Betrokken()
    for wat, pk in rijen:
        if wat == "persoon":
            uit.personen.add(pk)
        else:
            uit.werkgroepen.add(pk)
            if wat == "voorzitter":
                uit.voorgezeten.add(pk)
    return uit


def aantal_per_agenda(rijen: Any) -> Coalesce:
    """The number of `rijen` (rows with an `agenda` field) of each agenda, as an annotation."""
    aantal = (
        rijen.filter(agenda=OuterRef("pk"))
        .order_by()
        .values("agenda")
        .annotate(aantal=Count("pk"))
        .values("aantal")
    )
    return Coalesce(Subquery(aantal), 0)
