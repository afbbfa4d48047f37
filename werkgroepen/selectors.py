"""Reads that are more than a QuerySet method: the state of the goal tree, and page reads.

The progress of a node is the plain average of the percentage complete of every action in
its subtree (its own actions and those of its children), counting an action that is
`afgerond` as 100 %. Archived and stopped (`gestopt`) actions do not count. A node without
counting actions has no progress (None), which the screens show as "–".
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Field, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from ambities.models import Knoop
from lea.grafieken import Segment
from lea.models import Agenda
from lea.perioden import periode_naam, rapportageperiode
from lea.toegang import agendas_voor
from lea.weergave import naam_van
from werkgroepen.models import Actie, ActieQuerySet, Status, Voortgang, Werkgroep

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


def _per_knoop(acties: ActieQuerySet) -> dict[int, int]:
    """The number of these actions per node id."""
    rijen = acties.order_by().values_list("knoop_id").annotate(aantal=Count("pk"))
    return dict(rijen)


def stand_per_knoop(agenda: Agenda) -> dict[int, Stand]:
    """Per node id (both levels) the state of its subtree. Four queries, whatever the size."""
    acties = Actie.objects.filter(agenda=agenda)
    rijen = (
        acties.actief()
        .order_by()
        .values("knoop_id", "status")
        .annotate(aantal=Count("pk"), som=Sum("percentage"))
    )
    te_laat = _per_knoop(acties.te_laat(timezone.localdate()))
    rood = _per_knoop(acties.rood())
    eigen: dict[int, Stand] = defaultdict(Stand)
    for knoop_id in te_laat.keys() | rood.keys():
        eigen[knoop_id].te_laat = te_laat.get(knoop_id, 0)
        eigen[knoop_id].rood = rood.get(knoop_id, 0)
    for rij in rijen:
        stand = eigen[rij["knoop_id"]]
        stand.statussen[rij["status"]] += rij["aantal"]
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
