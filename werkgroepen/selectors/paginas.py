"""Reads behind the werkgroepen pages: the goal tree, the dashboard, the werkgroep page and the
start page."""

import datetime
import operator
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import reduce
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import (
    Case,
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from ambities.models import Knoop
from ambities.selectors import knooppad
from lea.models import Agenda
from lea.perioden import periode_naam, rapportageperiode
from lea.toegang import agendas_voor
from werkgroepen.models import AFGESLOTEN, Actie, ActieQuerySet, Werkgroep
from werkgroepen.selectors.betrokken import (
    aantal_per_agenda,
    betrokken_bij,
    open_acties_per_werkgroep,
)
from werkgroepen.selectors.stand import (
    Stand,
    eigen_standen_vandaag,
    status_segmenten,
)

# --- the goal tree --------------------------------------------------------------------------

# An agenda with at most this many active actions lists every action under its node, as the
# printed agenda does (the demo agendas). A larger one shows each node's counts and opens one
# node's actions at a time, PER_PAGINA at a time (the werkgroep page pages by it too).
ALLES_TONEN_TOT = 60
PER_PAGINA = 50


@dataclass
class Tak:
    """A node of the tree as a page shows it: its counts, the actions shown and its children.

    `aantal` counts its own active actions; `acties` are those shown: all of them in a small
    agenda, a page of them (`pagina`) when the node is opened, none while it is `ingeklapt`.
    """

    knoop: Knoop
    acties: list[Actie] = field(default_factory=list)
    kinderen: list["Tak"] = field(default_factory=list)
    stand: Stand | None = None
    aantal: int = 0
    ingeklapt: bool = False
    pagina: Page[Actie] | None = None

    @property
    def aantal_acties(self) -> int:
        """Its own active actions and those of its children."""
        return self.aantal + sum(kind.aantal_acties for kind in self.kinderen)

    @property
    def kop(self) -> int:
        """The heading level of its list of actions: under its own heading (h2 or h3)."""
        return self.knoop.niveau + 2

    @property
    def statussen(self) -> list[tuple[str, int]]:
        """The statuses of its subtree's actions that occur, with their number."""
        return [(s.label.lower(), int(s.waarde)) for s in status_segmenten(self.stand) if s.waarde]


def _zoals_in_de_boom(acties: ActieQuerySet) -> ActieQuerySet:
    """The active ones of these actions as the tree lists them."""
    return (
        acties.actief()
        .select_related("werkgroep")
        .prefetch_related("regie")
        .order_by("volgorde", "pk")
    )


def _pagina(acties: ActieQuerySet, aantal: int, nummer: Any) -> Page[Actie]:
    """Page `nummer` (the last for one too high, the first for nonsense) of PER_PAGINA actions;
    `aantal` is already known from the counts, so the paginator asks no COUNT of its own."""
    paginator = Paginator(acties, PER_PAGINA)
    paginator.count = aantal  # a cached_property, filled in advance
    return paginator.get_page(nummer)


def doelenboom(agenda: Agenda, *, open_knoop: int | None = None, pagina: Any = 1) -> list[Tak]:
    """The agenda's goal tree in document order, each node with its counts and state today.

    A small agenda (ALLES_TONEN_TOT) shows every node's actions; a larger one only those of
    `open_knoop`, page `pagina`. A fixed number of queries whatever the size of the agenda.
    """
    knopen = (
        agenda.knopen.actief().prefetch_related("keuzes", "resultaten").order_by("volgorde", "pk")
    )
    standen = eigen_standen_vandaag(agenda)
    takken: dict[int, Tak] = {}
    for knoop in knopen:
        stand = Stand()
        stand.tel_op(standen.get(knoop.pk, Stand()))
        takken[knoop.pk] = Tak(knoop, stand=stand, aantal=stand.aantal)
    wortels: list[Tak] = []
    for tak in takken.values():
        ouder = takken.get(tak.knoop.ouder_id or 0)
        (ouder.kinderen if ouder else wortels).append(tak)
        if ouder and ouder.stand and tak.stand:
            ouder.stand.tel_op(tak.stand)
    if sum(tak.aantal for tak in takken.values()) <= ALLES_TONEN_TOT:
        for actie in _zoals_in_de_boom(Actie.objects.filter(agenda=agenda)):
            if actie.knoop_id in takken:
                takken[actie.knoop_id].acties.append(actie)
        return wortels
    for tak in takken.values():
        tak.ingeklapt = True
    if (geopend := takken.get(open_knoop or 0)) is not None:
        tak_open(geopend, pagina)
    return wortels


def tak_van(boom: list[Tak], pk: int) -> Tak | None:
    """The node `pk` of the tree, at either level; None when it is not in it."""
    for tak in boom:
        for gevonden in (tak, *tak.kinderen):
            if gevonden.knoop.pk == pk:
                return gevonden
    return None


def tak_open(tak: Tak, pagina: Any = 1) -> Tak:
    """Open a node of a large tree: page `pagina` of its own active actions."""
    acties = _zoals_in_de_boom(Actie.objects.filter(knoop=tak.knoop))
    tak.pagina = _pagina(acties, tak.aantal, pagina)
    tak.acties = list(tak.pagina.object_list)
    tak.ingeklapt = False
    return tak


def knoop_tak(knoop: Knoop, *, pagina: Any = 1, geopend: bool = True) -> Tak:
    """One node on its own, for the tree's htmx fragment: its number of active actions and,
    when `geopend`, a page of them."""
    tak = Tak(knoop, aantal=Actie.objects.filter(knoop=knoop).actief().count(), ingeklapt=True)
    return tak_open(tak, pagina) if geopend else tak


# --- werkgroep and start page ---------------------------------------------------------------


@dataclass
class Rapportageperiode:
    """The reporting period an agenda is in today."""

    begin: datetime.date
    eind: datetime.date
    naam: str


def rapportageperiode_van(agenda: Agenda, op: datetime.date | None = None) -> Rapportageperiode:
    vandaag = op or timezone.localdate()
    begin, eind = rapportageperiode(agenda.rapportageperiode, vandaag)
    return Rapportageperiode(begin, eind, periode_naam(agenda.rapportageperiode, vandaag))


# The goal tree's order of an action's node (as ambities.selectors lists the nodes): a level-1
# node, then its children, each level by its own order.
_BOOMVOLGORDE = (
    Coalesce("knoop__ouder__volgorde", "knoop__volgorde"),
    Coalesce("knoop__ouder_id", "knoop_id"),
    "knoop__niveau",
    "knoop__volgorde",
    "knoop_id",
)
_OPEN_EERST = Case(When(status__in=AFGESLOTEN, then=Value(1)), default=Value(0))


@dataclass
class Knoopgroep:
    """The actions of a werkgroep page under one node, with the node's counts (over all pages);
    `vervolg` when the group began on the page before."""

    knoop: Knoop
    acties: list[Actie]
    aantal: int
    open: int
    achterstallig: int
    vervolg: bool = False

    @property
    def label(self) -> str:
        return f"{knooppad(self.knoop)} {self.knoop.titel}".strip()


def werkgroep_pagina(werkgroep: Werkgroep, pagina: Any = 1) -> dict[str, Any]:
    """The werkgroep page: its members, and its actions grouped per node in the tree's order
    (open ones first within a node), PER_PAGINA at a time, with which have not reported this
    period. A fixed number of queries whatever the number of actions."""
    periode = rapportageperiode_van(werkgroep.agenda)
    acties = werkgroep.acties.actief()
    achterstallig = acties.nog_niet_gerapporteerd(sinds=periode.begin)
    per_knoop = {  # node id -> its aantal, open and achterstallig
        rij["knoop_id"]: rij
        for rij in acties.order_by()
        .values("knoop_id")
        .annotate(
            aantal=Count("pk"),
            open=Count("pk", filter=Q(pk__in=acties.open().values("pk"))),
            achterstallig=Count("pk", filter=Q(pk__in=achterstallig.values("pk"))),
        )
    }
    geordend = (
        acties.select_related("knoop__ouder")
        .annotate(te_rapporteren=Exists(achterstallig.filter(pk=OuterRef("pk"))))
        .order_by(*_BOOMVOLGORDE, _OPEN_EERST, "volgorde", "pk")
    )
    blad = _pagina(geordend, sum(rij["aantal"] for rij in per_knoop.values()), pagina)
    # One action before the page too: does its first group go on from the page before?
    begin = blad.start_index() - 1
    rijen = list(geordend[max(begin - 1, 0) : blad.end_index()])
    vorige = rijen.pop(0).knoop_id if begin > 0 and rijen else None
    groepen: list[Knoopgroep] = []
    for actie in rijen:
        if not groepen or groepen[-1].knoop.pk != actie.knoop_id:
            tel = per_knoop[actie.knoop_id]
            vervolg = not groepen and actie.knoop_id == vorige
            groepen.append(
                Knoopgroep(
                    actie.knoop, [], tel["aantal"], tel["open"], tel["achterstallig"], vervolg
                )
            )
        groepen[-1].acties.append(actie)
    return {
        "werkgroep": werkgroep,
        "leden": werkgroep.leden.select_related("organisatie"),
        "organisaties": werkgroep.organisaties.all(),
        "knopen": werkgroep.knopen.all(),
        "pagina": blad,
        "groepen": groepen,
        "aantal_acties": blad.paginator.count,
        "aantal_achterstallig": sum(rij["achterstallig"] for rij in per_knoop.values()),
        "achterstallig": {actie.pk for actie in rijen if actie.te_rapporteren},
        "periode": (periode.begin, periode.eind, periode.naam),
    }


def werkgroepen_lijst(agenda: Agenda, *, gearchiveerd: bool = False) -> list[Werkgroep]:
    """The agenda's werkgroepen for their list page, each with `aantal_open` (its open actions);
    archived ones only when asked. A fixed number of queries whatever their number."""
    werkgroepen = Werkgroep.objects.filter(agenda=agenda)
    if not gearchiveerd:
        werkgroepen = werkgroepen.actief()
    open_per_werkgroep = open_acties_per_werkgroep()
    return list(
        werkgroepen.select_related("voorzitter", "eindverantwoordelijke")
        .prefetch_related(Prefetch("knopen", queryset=Knoop.objects.order_by("volgorde", "pk")))
        .annotate(aantal_open=Coalesce(Subquery(open_per_werkgroep), 0))
        .order_by("gearchiveerd", "volgorde", "naam")
    )


def startpagina(gebruiker: Any) -> dict[str, Any]:
    """Mijn overzicht: the user's agendas, the actions of them and their werkgroepen, and the
    actions of the werkgroepen they chair without an update in the current period.

    At most four queries whatever the number of agendas, and each follows an index: the
    agendas with their counts, what the user is involved in, then (only when involved) their
    actions and those to report on."""
    # Both counts as correlated subqueries, not a join with GROUP BY: the join made the
    # database evaluate the action count once per node row instead of once per agenda.
    agendas = list(
        agendas_voor(gebruiker).annotate(
            aantal_acties=aantal_per_agenda(Actie.objects.actief()),
            aantal_knopen=aantal_per_agenda(Knoop.objects.filter(niveau=1)),
        )
    )
    betrokken = betrokken_bij(gebruiker)
    if not (betrokken.personen or betrokken.werkgroepen):
        return {"agendas": agendas, "mijn_acties": [], "te_rapporteren": []}
    # Conditions on the action's own columns only (no OR over joins, no DISTINCT).
    mijn = (
        Actie.objects.actief()
        .filter(agenda__in=[a.pk for a in agendas])
        .filter(Q(regie_persoon__in=betrokken.personen) | Q(werkgroep__in=betrokken.werkgroepen))
        .select_related("agenda", "werkgroep", "knoop")
        .order_by("agenda__gemeente", "volgorde")
    )
    voorgezeten = mijn.filter(werkgroep__in=betrokken.voorgezeten)
    return {
        "agendas": agendas,
        "mijn_acties": mijn[:100],
        "te_rapporteren": _te_rapporteren(voorgezeten, agendas) if betrokken.voorgezeten else [],
    }


def _te_rapporteren(voorgezeten: Any, agendas: Sequence[Agenda]) -> list[Actie]:
    """The actions of the werkgroepen the user chairs (`voorgezeten`) without an update in
    their agenda's current period, agenda by agenda.

    One query whatever the number of agendas: the agendas are grouped by the start of their
    period (at most one group per kind of period) and the groups' conditions joined by OR, so
    a user who sees hundreds of agendas does not wait for a query per agenda.
    """
    per_begin: dict[datetime.date, list[int]] = {}
    for agenda in agendas:
        per_begin.setdefault(rapportageperiode_van(agenda).begin, []).append(agenda.pk)
    if not per_begin:
        return []
    gevonden = reduce(
        operator.or_,
        (
            voorgezeten.filter(agenda__in=agenda_pks).nog_niet_gerapporteerd(sinds=begin)
            for begin, agenda_pks in per_begin.items()
        ),
    )
    plek = {agenda.pk: n for n, agenda in enumerate(agendas)}
    # A stable sort keeps each agenda's own order (its actions by volgorde).
    return sorted(gevonden, key=lambda actie: plek[actie.agenda_id])
