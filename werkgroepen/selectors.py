"""Reads that are more than a QuerySet method: the state of the goal tree, and page reads.

The progress of a node is the plain average of the percentage complete of every action in
its subtree (its own actions and those of its children), counting an action that is
`afgerond` as 100 %. Archived and stopped (`gestopt`) actions do not count. A node without
counting actions has no progress (None), which the screens show as "–".
"""

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, Field, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from ambities.models import Knoop
from lea.grafieken import Segment
from lea.models import Agenda
from lea.perioden import periode_naam, rapportageperiode
from lea.toegang import agendas_voor
from lea.weergave import naam_van
from werkgroepen.models import (
    AFGESLOTEN,
    VOORTGANG_VOLGORDE,
    Actie,
    ActieQuerySet,
    Rag,
    Status,
    Voortgang,
    Werkgroep,
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
        """Count one action: afgerond as 100 %, gestopt not towards the progress."""
        self.statussen[stand.status] += 1
        if stand.status == Status.AFGEROND:
            self.som_percentage += 100
            self.tellend += 1
        elif stand.status != Status.GESTOPT:
            self.som_percentage += stand.percentage
            self.tellend += 1
        self.te_laat += stand.te_laat
        self.rood += stand.rood


def standen_per_knoop(
    agenda: Agenda, paren: Iterable[tuple[Actie, ActieStand]]
) -> dict[int, Stand]:
    """Per node id (both levels) the state of its subtree, from actions with their state."""
    eigen: dict[int, Stand] = defaultdict(Stand)
    for actie, stand in paren:
        eigen[actie.knoop_id].tel(stand)
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
    acties = Actie.objects.filter(agenda=agenda).actief().order_by()
    return standen_per_knoop(agenda, acties_met_stand(acties, op))


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


# --- the goal tree --------------------------------------------------------------------------


@dataclass
class Tak:
    """A node of the tree as a page shows it: its actions and its children."""

    knoop: Knoop
    acties: list[Actie] = field(default_factory=list)
    kinderen: list["Tak"] = field(default_factory=list)
    stand: Stand | None = None

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
    standen = stand_per_knoop(agenda)
    takken = {
        knoop.pk: Tak(knoop, list(knoop.acties.all()), stand=standen.get(knoop.pk))
        for knoop in knopen
    }
    wortels: list[Tak] = []
    for tak in takken.values():
        ouder = takken.get(tak.knoop.ouder_id)
        (ouder.kinderen if ouder else wortels).append(tak)
    return wortels


# --- dashboard ------------------------------------------------------------------------------


@dataclass
class KnoopStand:
    knoop: Knoop
    stand: Stand


def dashboard(agenda: Agenda) -> dict[str, Any]:
    """Everything the agenda dashboard shows; a fixed number of queries."""
    vandaag = timezone.localdate()
    standen = stand_per_knoop(agenda)
    niveau1 = [
        KnoopStand(knoop, standen.get(knoop.pk) or Stand())
        for knoop in agenda.knopen.actief().niveau1().order_by("volgorde")
    ]
    acties = Actie.objects.filter(agenda=agenda).select_related("knoop", "werkgroep")
    totaal = Stand()
    for ks in niveau1:
        totaal.tel_op(ks.stand)
    binnen_acht_weken = vandaag + datetime.timedelta(weeks=8)
    return {
        "niveau1": niveau1,
        "totaal": totaal,
        "te_laat": list(acties.te_laat(vandaag).order_by("timing_eind")[:10]),
        "rood": list(acties.rood().order_by("-voortgang_datum")[:10]),
        "deadlines": list(
            acties.open()
            .filter(timing_eind__gte=vandaag, timing_eind__lte=binnen_acht_weken)
            .order_by("timing_eind")[:10]
        ),
        "recent": list(
            Voortgang.objects.filter(actie__agenda=agenda)
            .select_related("actie", "door")
            .order_by("-aangemaakt")[:10]
        ),
    }


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


def werkgroep_pagina(werkgroep: Werkgroep) -> dict[str, Any]:
    """The werkgroep page: its members and actions, and which have not reported this period."""
    periode = rapportageperiode_van(werkgroep.agenda)
    acties = werkgroep.acties.actief().select_related("knoop").order_by("volgorde", "pk")
    achterstallig = set(
        acties.nog_niet_gerapporteerd(sinds=periode.begin).values_list("pk", flat=True)
    )
    return {
        "werkgroep": werkgroep,
        "leden": werkgroep.leden.select_related("organisatie"),
        "organisaties": werkgroep.organisaties.all(),
        "knopen": werkgroep.knopen.all(),
        "acties": acties,
        "achterstallig": achterstallig,
        "periode": (periode.begin, periode.eind, periode.naam),
    }


def startpagina(gebruiker: Any) -> dict[str, Any]:
    """Mijn overzicht: the user's agendas, the actions of them and their werkgroepen, and the
    actions of the werkgroepen they chair without an update in the current period."""
    actief_per_agenda = (
        Actie.objects.actief()
        .filter(agenda=OuterRef("pk"))
        .order_by()
        .values("agenda")
        .annotate(aantal=Count("pk"))
        .values("aantal")
    )
    agendas = list(
        agendas_voor(gebruiker).annotate(
            aantal_acties=Coalesce(Subquery(actief_per_agenda), 0),
            aantal_knopen=Count("knopen", filter=Q(knopen__niveau=1), distinct=True),
        )
    )
    mijn = (
        Actie.objects.actief()
        .filter(agenda__in=[a.pk for a in agendas])
        .filter(
            Q(regie_persoon__gebruiker=gebruiker)
            | Q(werkgroep__voorzitter__gebruiker=gebruiker)
            | Q(werkgroep__leden__gebruiker=gebruiker)
        )
        .select_related("agenda", "werkgroep", "knoop")
        .distinct()
        .order_by("agenda__gemeente", "volgorde")
    )
    te_rapporteren: list[Actie] = []
    for agenda in agendas:
        begin = rapportageperiode_van(agenda).begin
        te_rapporteren += mijn.filter(
            agenda=agenda, werkgroep__voorzitter__gebruiker=gebruiker
        ).nog_niet_gerapporteerd(sinds=begin)
    return {"agendas": agendas, "mijn_acties": mijn[:100], "te_rapporteren": te_rapporteren}


# --- history --------------------------------------------------------------------------------


@dataclass
class Historieregel:
    wanneer: datetime.datetime
    wie: str
    soort: str
    wijzigingen: list[tuple[str, str, str]]


def actie_historie(actie: Actie) -> list[Historieregel]:
    """The change history of an action, newest first, with what changed in each step."""
    records = list(actie.history.select_related("history_user").order_by("-history_date", "-pk"))
    regels = []
    for i, record in enumerate(records):
        vorige = records[i + 1] if i + 1 < len(records) else None
        wijzigingen = verschil(record, vorige) if vorige is not None else []
        if vorige is not None and not wijzigingen:
            continue
        soort = {"+": "aangemaakt", "~": "gewijzigd", "-": "verwijderd"}[record.history_type]
        regels.append(
            Historieregel(
                record.history_date, naam_van(record.history_user) or "systeem", soort, wijzigingen
            )
        )
    return regels


def verschil(nieuw: Any, oud: Any) -> list[tuple[str, str, str]]:
    """(field label, old, new) for every field that differs between two history records."""
    delta = nieuw.diff_against(oud, excluded_fields=["versie"])
    return [
        (str(_veld(c.field).verbose_name), _toon(c.field, c.old), _toon(c.field, c.new))
        for c in delta.changes
    ]


def _veld(naam: str) -> "Field[Any, Any]":
    veld = Actie._meta.get_field(naam)
    if not isinstance(veld, Field):  # the history holds the action's own fields only
        raise TypeError(f"{naam} is geen veld van een actie")
    return veld


def _toon(naam: str, waarde: Any) -> str:
    """A value from the history as a person reads it: names instead of ids, choice labels."""
    veld = _veld(naam)
    if waarde in (None, "", []):
        return "–"
    model = veld.related_model
    if veld.many_to_many and isinstance(model, type):
        sleutel = model._meta.model_name
        pks = [w[sleutel] if isinstance(w, dict) else w for w in waarde]
        return ", ".join(str(o) for o in model._default_manager.filter(pk__in=pks)) or "–"
    if veld.is_relation and isinstance(model, type):
        return str(model._default_manager.filter(pk=waarde).first() or "–")
    if veld.choices:
        return str(dict(veld.flatchoices).get(waarde, waarde))
    return str(waarde)
