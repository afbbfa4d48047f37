"""What a user is involved in, and per-agenda counts: the reads behind the start page; and
what a werkgroep's chair reports on (Mijn overzicht's blocks, the report page's actions)."""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from lea.models import Agenda, Persoon
from lea.perioden import periode_naam
from werkgroepen.models import Actie, ActieQuerySet, Werkgroep


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


# --- the chair's reporting: Mijn overzicht's blocks and the report page -----------------------


@dataclass
class Rapporteerblok:
    """A werkgroep the user chairs, on Mijn overzicht: its open actions and how many of them
    have no update yet in the agenda's current reporting period."""

    werkgroep: Werkgroep
    aantal_open: int
    nog_te_rapporteren: int
    periode: str


def rapporteerblokken(
    gebruiker: Any, agendas: Sequence[Agenda], te_rapporteren: Iterable[Actie]
) -> list[Rapporteerblok]:
    """One block per active werkgroep the user chairs in `agendas`, in the agendas' order;
    `te_rapporteren` are the chaired werkgroepen's actions without an update this period (as
    Mijn overzicht found them). One query, whatever the number of agendas or actions."""
    if not agendas:
        return []
    open_per_werkgroep = open_acties_per_werkgroep()
    werkgroepen = (
        Werkgroep.objects.actief()
        .filter(voorzitter__gebruiker=gebruiker, agenda__in=[a.pk for a in agendas])
        .select_related("agenda")
        .annotate(aantal_open=Coalesce(Subquery(open_per_werkgroep), 0))
    )
    nog = Counter(actie.werkgroep_id for actie in te_rapporteren)
    plek = {agenda.pk: n for n, agenda in enumerate(agendas)}
    vandaag = timezone.localdate()
    return [
        Rapporteerblok(
            werkgroep=werkgroep,
            aantal_open=werkgroep.aantal_open,
            nog_te_rapporteren=nog[werkgroep.pk],
            periode=periode_naam(werkgroep.agenda.rapportageperiode, vandaag),
        )
        for werkgroep in sorted(werkgroepen, key=lambda w: (plek[w.agenda_id], w.volgorde, w.naam))
    ]


@dataclass
class Werkgroepacties:
    """Mijn overzicht's actions of one werkgroep (None: actions the user leads without one)."""

    werkgroep: Werkgroep | None
    acties: list[Actie] = field(default_factory=list)


def per_werkgroep(acties: Iterable[Actie]) -> list[Werkgroepacties]:
    """The actions grouped by their werkgroep, each group where its first action stood."""
    groepen: dict[int | None, Werkgroepacties] = {}
    for actie in acties:
        groep = groepen.setdefault(actie.werkgroep_id, Werkgroepacties(actie.werkgroep))
        groep.acties.append(actie)
    return list(groepen.values())


def te_rapporteren_acties(werkgroep: Werkgroep) -> ActieQuerySet:
    """The actions a chair reports on: the werkgroep's open actions, in the agenda's order,
    with their node; none for an archived werkgroep."""
    if werkgroep.gearchiveerd:
        return Actie.objects.none()
    return (
        Actie.objects.open()
        .filter(werkgroep=werkgroep)
        .select_related("agenda", "knoop__ouder")
        .order_by("volgorde", "pk")
    )


def open_acties_per_werkgroep() -> QuerySet[Any]:
    """A subquery: the number of open actions of the werkgroep in the outer query."""
    return (
        Actie.objects.open()
        .filter(werkgroep=OuterRef("pk"))
        .order_by()
        .values("werkgroep")
        .annotate(aantal=Count("pk"))
        .values("aantal")
    )
