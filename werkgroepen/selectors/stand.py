"""The state of actions and of the goal tree on a date, read from the progress history;
and the proposed RAG for money that a later app may register."""

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from ambities.models import Knoop
from lea.grafieken import Segment
from lea.models import Agenda
from werkgroepen.models import (
    AFGESLOTEN,
    VOORTGANG_VOLGORDE,
    Actie,
    ActieQuerySet,
    Rag,
    Status,
    Voortgang,
)

# --- the state of an action on a date ---------------------------------------------------------


@dataclass(frozen=True)
class ActieStand:
    """The state of an action on a date, as its progress history tells it.

    Status, RAG and percentage are those of the latest update dated on or before that date
    (by `VOORTGANG_VOLGORDE`, the order `Voortgang.objects.laatste()` uses); before its
    first update, the state the action was created with (gepland, 0 %, no RAG for an
    action made in LEA; an imported agenda may bring a status along).
    """

    status: str
    rag_tijd: str
    rag_geld: str
    percentage: int
    laatste: Voortgang | None
    te_laat: bool

    @property
    def rood(self) -> bool:
        """Red on time or on money (`ActieQuerySet.rood` for today's cached fields)."""
        return Rag.ROOD in (self.rag_tijd, self.rag_geld)

    @property
    def aandacht(self) -> bool:
        """Red, or overdue: what needs the stuurgroep's attention (`ActieQuerySet.aandacht`)."""
        return self.rood or self.te_laat

    @property
    def open(self) -> bool:
        return self.status not in AFGESLOTEN

    @property
    def datum(self) -> datetime.date | None:
        """The date of the update this state comes from."""
        return self.laatste.datum if self.laatste else None

    def get_status_display(self) -> str:
        return str(Status(self.status).label)

    def get_rag_tijd_display(self) -> str:
        return str(Rag(self.rag_tijd).label) if self.rag_tijd else ""

    def get_rag_geld_display(self) -> str:
        return str(Rag(self.rag_geld).label) if self.rag_geld else ""


_BEGIN = {"status": Status.GEPLAND, "rag_tijd": "", "rag_geld": "", "percentage": 0}
_VELDEN = tuple(_BEGIN)


def acties_met_stand(
    acties: ActieQuerySet, op: datetime.date | None = None
) -> list[tuple[Actie, ActieStand]]:
    """Every action of the queryset (in its order) with its state on `op` (today by default).

    Set-based: three queries at most, whatever the number of actions.
    """
    dag = op or timezone.localdate()
    tot_dag = Voortgang.objects.filter(actie=OuterRef("pk"), datum__lte=dag)
    geannoteerd = acties.annotate(
        stand_voortgang_id=Subquery(tot_dag.order_by(*VOORTGANG_VOLGORDE).values("pk")[:1]),
        heeft_voortgang=Exists(Voortgang.objects.filter(actie=OuterRef("pk"))),
    )
    lijst = list(geannoteerd)
    updates = Voortgang.objects.filter(
        pk__in=geannoteerd.order_by().values("stand_voortgang_id")
    ).select_related("door")
    per_pk = {v.pk: v for v in updates} if any(a.stand_voortgang_id for a in lijst) else {}
    # Updates exist, but all after `op`: the state the action was created with, from its
    # history (an action without any update still holds that state in its own fields).
    begin: dict[int, dict[str, Any]] = {}
    if any(a.heeft_voortgang and not a.stand_voortgang_id for a in lijst):
        zonder = geannoteerd.order_by().filter(
            heeft_voortgang=True, stand_voortgang_id__isnull=True
        )
        for rij in (
            Actie.history.filter(id__in=zonder.values("pk"), history_type="+")
            .order_by("history_date")
            .values("id", *_VELDEN)
        ):
            begin.setdefault(rij["id"], rij)
    uit: list[tuple[Actie, ActieStand]] = []
    for actie in lijst:
        laatste = per_pk.get(actie.stand_voortgang_id)
        if laatste is not None:
            waarden = {veld: getattr(laatste, veld) for veld in _VELDEN}
        elif actie.heeft_voortgang:
            waarden = {veld: begin.get(actie.pk, _BEGIN)[veld] for veld in _VELDEN}
        else:
            waarden = {veld: getattr(actie, veld) for veld in _VELDEN}
        te_laat = (
            actie.timing_eind is not None
            and actie.timing_eind < dag
            and waarden["status"] not in AFGESLOTEN
        )
        uit.append((actie, ActieStand(**waarden, laatste=laatste, te_laat=te_laat)))
    return uit


def standen_op(acties: ActieQuerySet, op: datetime.date | None = None) -> dict[int, ActieStand]:
    """Per action id, its state on `op` (today by default); see `acties_met_stand`."""
    return {actie.pk: stand for actie, stand in acties_met_stand(acties.order_by(), op)}


# --- a proposed RAG for money -----------------------------------------------------------------

# A later app (monitoring: the budget) proposes an action's RAG for money; the progress forms
# take the first proposal as their initial value, still overridable. Registered from its
# AppConfig.ready, so this floor names no later one. A function answers for many actions at
# once (a page of progress forms asks in a fixed number of queries).
Geldvoorstel = Callable[[Sequence[Actie]], "dict[int, Rag | None]"]
_GELDVOORSTELLEN: list[Geldvoorstel] = []


def registreer_geldvoorstel(functie: Geldvoorstel) -> None:
    """`functie(acties) -> {actie.pk: Rag | None}` proposes the RAG for money of the next
    update of each of these actions."""
    if functie not in _GELDVOORSTELLEN:
        _GELDVOORSTELLEN.append(functie)


def geldvoorstellen(acties: Sequence[Actie]) -> dict[int, Rag | None]:
    """Per action the first proposal a registered function makes for its RAG for money."""
    uit: dict[int, Rag | None] = dict.fromkeys((a.pk for a in acties), None)
    for functie in _GELDVOORSTELLEN:
        open_ = [a for a in acties if uit[a.pk] is None]
        if not open_:
            break
        for pk, voorstel in functie(open_).items():
            if voorstel is not None and uit.get(pk, False) is None:
                uit[pk] = Rag(voorstel)
    return uit


def geldvoorstel(actie: Actie) -> Rag | None:
    """The first proposal a registered function makes for this action's RAG for money."""
    return geldvoorstellen([actie])[actie.pk]


# --- the state of the goal tree -------------------------------------------------------------


@dataclass
class Stand:
    """The state of a node's subtree: status counts, progress, overdue and red actions."""

    statussen: Counter[str] = field(default_factory=Counter)
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

    def tel(self, stand: ActieStand) -> None:
        """Count one action."""
        self.tel_groep(stand.status, 1, stand.percentage, int(stand.te_laat), int(stand.rood))

    def tel_groep(
        self, status: str, aantal: int, percentages: int, te_laat: int, rood: int
    ) -> None:
        """Count `aantal` actions of one status (`percentages` their sum): afgerond as 100 %,
        gestopt not towards the progress."""
        self.statussen[status] += aantal
        if status == Status.AFGEROND:
            self.som_percentage += 100 * aantal
            self.tellend += aantal
        elif status != Status.GESTOPT:
            self.som_percentage += percentages
            self.tellend += aantal
        self.te_laat += te_laat
        self.rood += rood


def standen_per_knoop(
    agenda: Agenda, paren: Iterable[tuple[Actie, ActieStand]]
) -> dict[int, Stand]:
    """Per node id (both levels) the state of its subtree, from actions with their state."""
    eigen: dict[int, Stand] = defaultdict(Stand)
    for actie, stand in paren:
        eigen[actie.knoop_id].tel(stand)
    return _per_subboom(agenda, eigen)


def _per_subboom(agenda: Agenda, eigen: dict[int, Stand]) -> dict[int, Stand]:
    """From each node's own actions to the state of its subtree (two levels)."""
    standen: dict[int, Stand] = {}
    knopen = list(agenda.knopen.actief().values_list("pk", "ouder_id"))
    for pk, _ouder in knopen:
        standen[pk] = Stand()
        standen[pk].tel_op(eigen.get(pk, Stand()))
    for pk, ouder in knopen:
        if ouder is not None and ouder in standen:
            standen[ouder].tel_op(eigen.get(pk, Stand()))
    return standen


def stand_per_knoop(agenda: Agenda, op: datetime.date | None = None) -> dict[int, Stand]:
    """Per node id (both levels) the state of its subtree on `op` (today by default), from the
    progress history. Four queries at most, whatever the size."""
    if op is not None and op != timezone.localdate():
        acties = Actie.objects.filter(agenda=agenda).actief().order_by()
        return standen_per_knoop(agenda, acties_met_stand(acties, op))
    return _per_subboom(agenda, eigen_standen_vandaag(agenda))


def eigen_standen_vandaag(agenda: Agenda) -> dict[int, Stand]:
    """Per node id the state today of its own active actions, from one grouped count.

    Today's state is that of the latest updates, which every action keeps in its own fields
    (no update is dated in the future): so the database counts it without loading actions."""
    vandaag = timezone.localdate()
    eigen: dict[int, Stand] = defaultdict(Stand)
    te_laat = Q(timing_eind__lt=vandaag) & ~Q(status__in=AFGESLOTEN)
    acties = Actie.objects.filter(agenda=agenda).actief().order_by()
    for rij in acties.values("knoop_id", "status").annotate(
        aantal=Count("pk"),
        percentages=Coalesce(Sum("percentage"), 0),
        te_laat=Count("pk", filter=te_laat),
        rood=Count("pk", filter=Q(rag_tijd=Rag.ROOD) | Q(rag_geld=Rag.ROOD)),
    ):
        eigen[rij["knoop_id"]].tel_groep(
            rij["status"], rij["aantal"], rij["percentages"], rij["te_laat"], rij["rood"]
        )
    return eigen


# Status colours: distinct in hue and lightness, each with ≥ 3:1 contrast against white.
STATUS_KLEUREN = {
    Status.GEPLAND: "#6c757d",
    Status.LOPEND: "#0b6fb8",
    Status.AFGEROND: "#157347",
    Status.UITGESTELD: "#b35c00",
    Status.GESTOPT: "#343a40",
}


def status_segmenten(stand: Stand | None) -> list[Segment]:
    """The status counts of a subtree as the segments of a stacked bar."""
    statussen: Counter[str] = stand.statussen if stand else Counter()
    return [Segment(s.label, statussen.get(s.value, 0), STATUS_KLEUREN[s]) for s in Status]


def acties_onder_knoop(knoop: Knoop) -> str:
    """Why a node cannot be archived yet: active actions hang under it ("" when none do).

    Registered with ambities.services.knoop_archiveer in WerkgroepenConfig.ready.
    """
    if Actie.objects.filter(knoop=knoop).actief().exists():
        return "Archiveer eerst de acties onder deze knoop of verplaats ze."
    return ""
