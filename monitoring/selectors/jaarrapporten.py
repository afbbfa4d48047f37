"""What goes into each yearly report: the data of one agenda over one calendar year."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from ambities.models import Knoop
from lea.models import Agenda
from lea.perioden import kalenderjaar
from monitoring.models import Verantwoording
from monitoring.models.rapporten import stand_per_van
from monitoring.selectors.cijfers import IndicatorMetGrafiek, indicator_grafiek
from overleg.models import (
    Afspraak,
    Agendapunt,
    PuntStatus,
    Soort,
    Vergadering,
    VergaderStatus,
    WettelijkOnderwerp,
)
from werkgroepen.models import Actie, Voortgang
from werkgroepen.selectors import ActieStand, Stand, acties_met_stand, standen_per_knoop
from werkgroepen.selectors.rapportage import Rapportagestand, perioden_van_jaar, rapportagestand


@dataclass
class ActieMetUpdate:
    """An action with its state at the end of the report's year (status, RAG, %, and the
    latest progress update up to then), read from the progress history."""

    actie: Actie
    stand: ActieStand

    @property
    def laatste(self) -> Voortgang | None:
        return self.stand.laatste


@dataclass
class Hoofdstuk:
    """A node of the goal tree in a report: its standing, actions, children and indicators."""

    knoop: Knoop
    stand: Stand | None
    acties: list[ActieMetUpdate] = field(default_factory=list)
    kinderen: list["Hoofdstuk"] = field(default_factory=list)
    indicatoren: list[IndicatorMetGrafiek] = field(default_factory=list)


def _acties_op(agenda: Agenda, op: datetime.date) -> list[ActieMetUpdate]:
    """The active actions in document order, each with its state on `op`."""
    acties = (
        Actie.objects.actief()
        .filter(agenda=agenda)
        .select_related("werkgroep", "knoop")
        .order_by("volgorde", "pk")
    )
    return [ActieMetUpdate(actie, stand) for actie, stand in acties_met_stand(acties, op)]


def hoofdstukken(agenda: Agenda, jaar: int) -> list[Hoofdstuk]:
    """The chapters of a report: each level-1 node with its level-2 nodes under it, their
    standing and actions as they stood at the end of the year (today while it runs)."""
    regels = _acties_op(agenda, stand_per_van(jaar))
    standen = standen_per_knoop(agenda, ((r.actie, r.stand) for r in regels))
    per_knoop: dict[int, list[ActieMetUpdate]] = {}
    for regel in regels:
        per_knoop.setdefault(regel.actie.knoop_id, []).append(regel)
    indicatoren: dict[int, list[IndicatorMetGrafiek]] = {}
    for indicator in agenda.indicatoren.filter(gearchiveerd=False).prefetch_related(
        "knopen", "metingen", "resultaten"
    ):
        met_grafiek = IndicatorMetGrafiek(indicator, indicator_grafiek(indicator, tot_en_met=jaar))
        for knoop in indicator.knopen.all():
            indicatoren.setdefault(knoop.pk, []).append(met_grafiek)
    knopen = list(agenda.knopen.actief().prefetch_related("resultaten").order_by("volgorde", "pk"))
    uit: dict[int, Hoofdstuk] = {}
    for knoop in knopen:
        h = Hoofdstuk(
            knoop,
            standen.get(knoop.pk),
            per_knoop.get(knoop.pk, []),
            [],
            indicatoren.get(knoop.pk, []),
        )
        if knoop.ouder_id and knoop.ouder_id in uit:
            uit[knoop.ouder_id].kinderen.append(h)
        else:
            uit[knoop.pk] = h
    return [h for h in uit.values() if h.knoop.niveau == 1]


def acties_aandacht(agenda: Agenda, jaar: int) -> list[ActieMetUpdate]:
    """Actions overdue or red on time or money at the end of the year (today while it runs),
    as they stood then; by deadline, those without one last."""
    op = stand_per_van(jaar)
    regels = [r for r in _acties_op(agenda, op) if r.stand.aandacht]
    return sorted(regels, key=lambda r: (r.actie.timing_eind is None, r.actie.timing_eind or op))


def rapportage_van_jaar(agenda: Agenda, jaar: int) -> Rapportagestand:
    """Per werkgroep, whether it reported in each reporting period of the year: all periods
    of a past year (four quarters, three tertials or two halves), those begun so far while it
    runs."""
    return rapportagestand(agenda, perioden_van_jaar(agenda, jaar))


def vergaderingen_van_jaar(agenda: Agenda, jaar: int) -> QuerySet[Vergadering]:
    """The meetings held in the year, with their accepted items and decisions."""
    return (
        Vergadering.objects.filter(orgaan__agenda=agenda, begin__year=jaar)
        .filter(status__in=[VergaderStatus.GEHOUDEN, VergaderStatus.VASTGESTELD])
        .select_related("orgaan")
        .prefetch_related(
            Prefetch(
                "punten",
                queryset=Agendapunt.objects.filter(status=PuntStatus.GEACCEPTEERD).prefetch_related(
                    "besluiten", "onderwerpen"
                ),
            )
        )
        .order_by("begin")
    )


@dataclass
class Verantwoordingsregel:
    """A statutory topic in the jaarverantwoording, with the evidence it was discussed."""

    onderwerp: WettelijkOnderwerp
    punten: list[Agendapunt]
    besluiten: list[Any]
    afspraken: list[Afspraak]

    @property
    def plaatsgevonden(self) -> bool:
        return bool(self.punten)


def verantwoording_gegevens(agenda: Agenda, jaar: int) -> dict[str, Any]:
    """Per statutory topic: the stuurgroep meetings (held) and decisions, and the agreements."""
    begin, eind = kalenderjaar(jaar)
    punten = (
        Agendapunt.objects.filter(
            vergadering__orgaan__agenda=agenda,
            vergadering__begin__year=jaar,
            status=PuntStatus.GEACCEPTEERD,
            vergadering__status__in=[VergaderStatus.GEHOUDEN, VergaderStatus.VASTGESTELD],
        )
        .filter(
            Q(vergadering__orgaan__soort=Soort.STUURGROEP)
            | Q(vergadering__orgaan__soort=Soort.REGIEGROEP, onderwerpen__groep="vve")
        )
        .select_related("vergadering__orgaan")
        .prefetch_related("onderwerpen", "besluiten")
        .distinct()
        .order_by("vergadering__begin")
    )
    afspraken = (
        Afspraak.objects.filter(agenda=agenda)
        .filter(
            Q(geldig_van__isnull=True) | Q(geldig_van__lte=eind),
            Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=begin),
        )
        .select_related("besluit__agendapunt__vergadering__orgaan")
    )
    regels = []
    for onderwerp in WettelijkOnderwerp.objects.all():
        eigen = [p for p in punten if onderwerp in p.onderwerpen.all()]
        regels.append(
            Verantwoordingsregel(
                onderwerp,
                eigen,
                [b for p in eigen for b in p.besluiten.all()],
                [a for a in afspraken if a.onderwerp_id == onderwerp.pk],
            )
        )
    status = Verantwoording.objects.filter(agenda=agenda, jaar=jaar).first()
    return {
        "ve": agenda.ve_cijfers.filter(jaar=jaar).first(),
        "ve_reeks": list(agenda.ve_cijfers.filter(jaar__lte=jaar).order_by("jaar")),
        "per_groep": {
            groep: [r for r in regels if r.onderwerp.groep == groep]
            for groep in ("vve", "lea", "nieuwkomers")
        },
        "status": status,
    }


def plannen_volgend_jaar(agenda: Agenda, jaar: int) -> list[ActieMetUpdate]:
    """Actions open at the end of the year whose timing touches the next year: the plan the
    council is told about, with their status at the end of the year (today while it runs)."""
    volgend = jaar + 1
    acties = (
        Actie.objects.actief()
        .filter(agenda=agenda)
        .filter(Q(timing_start__year__lte=volgend) | Q(timing_start__isnull=True))
        .filter(Q(timing_eind__year__gte=volgend) | Q(timing_eind__isnull=True))
        .select_related("knoop__ouder", "werkgroep")
        .order_by("volgorde", "pk")
    )
    paren = acties_met_stand(acties, stand_per_van(jaar))
    return [ActieMetUpdate(actie, stand) for actie, stand in paren if stand.open]
