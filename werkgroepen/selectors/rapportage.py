"""The stuurgroep's view of reporting: per werkgroep and reporting period, whether the actions
it carries got their progress update in that period.

A werkgroep has reported over a period when every action of it that was open in that period
got an update dated in that period. "Open in a period" is read from the progress history: the
action is not archived and its status at the period's start (the state of `acties_met_stand`
on the day before) was neither afgerond nor gestopt; so an action finished during the period
still counts, with the update that finished it.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Exists, F, OuterRef, Subquery, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from lea.models import Agenda
from lea.perioden import periode_naam, rapportageperiode
from werkgroepen.models import AFGESLOTEN, VOORTGANG_VOLGORDE, Actie, Voortgang, Werkgroep

# The dashboard shows the last four reporting periods, the current one included.
AANTAL_PERIODEN = 4


@dataclass(frozen=True)
class Periode:
    """A reporting period as a column: its dates, its name ("Q1 2026") and whether it still
    runs (its end lies after the day the view is read)."""

    begin: datetime.date
    eind: datetime.date
    naam: str
    loopt: bool = False


@dataclass(frozen=True)
class Cel:
    """One werkgroep in one period: its open actions and how many of them got an update."""

    open: int
    gerapporteerd: int
    loopt: bool = False

    @property
    def soort(self) -> str:
        """'geen' (nothing open), 'gerapporteerd', 'deels' or 'niet'."""
        if not self.open:
            return "geen"
        if self.gerapporteerd >= self.open:
            return "gerapporteerd"
        return "deels" if self.gerapporteerd else "niet"

    @property
    def tekst(self) -> str:
        soort = self.soort
        if soort == "geen":
            return "–"
        if soort == "deels":
            return f"deels ({self.gerapporteerd} van {self.open})"
        if soort == "niet" and self.loopt:
            return "nog niet"
        return soort


@dataclass
class Rij:
    """A werkgroep (None: the actions without a werkgroep) with a cell per period."""

    werkgroep: Werkgroep | None
    cellen: list[Cel] = field(default_factory=list)


@dataclass
class Rapportagestand:
    perioden: list[Periode]
    rijen: list[Rij]

    @property
    def loopt(self) -> bool:
        """Whether its last period still runs."""
        return bool(self.perioden) and self.perioden[-1].loopt

    @property
    def met_acties(self) -> bool:
        """Whether any row had an open action in any of the periods."""
        return any(cel.open for rij in self.rijen for cel in rij.cellen)


def _periode(soort: str, datum: datetime.date, vandaag: datetime.date) -> Periode:
    begin, eind = rapportageperiode(soort, datum)
    return Periode(begin, eind, periode_naam(soort, datum), loopt=eind >= vandaag)


def laatste_perioden(
    agenda: Agenda, aantal: int = AANTAL_PERIODEN, op: datetime.date | None = None
) -> list[Periode]:
    """The `aantal` reporting periods of the agenda up to and including the one holding `op`
    (today by default), oldest first."""
    vandaag = op or timezone.localdate()
    perioden = [_periode(agenda.rapportageperiode, vandaag, vandaag)]
    while len(perioden) < aantal:
        vorige = perioden[0].begin - datetime.timedelta(days=1)
        perioden.insert(0, _periode(agenda.rapportageperiode, vorige, vandaag))
    return perioden


def perioden_van_jaar(agenda: Agenda, jaar: int, op: datetime.date | None = None) -> list[Periode]:
    """Every reporting period of the calendar year `jaar` that has begun by `op` (today by
    default): four quarters, three tertials or two halves for a past year."""
    vandaag = op or timezone.localdate()
    perioden: list[Periode] = []
    datum = datetime.date(jaar, 1, 1)
    while datum.year == jaar and datum <= vandaag:
        perioden.append(_periode(agenda.rapportageperiode, datum, vandaag))
        datum = perioden[-1].eind + datetime.timedelta(days=1)
    return perioden


def rapportagestand(agenda: Agenda, perioden: list[Periode] | None = None) -> Rapportagestand:
    """Per active werkgroep of the agenda (and, when it has open actions, a row for the
    actions without a werkgroep), per period: its open actions and how many reported.

    Two queries whatever the number of werkgroepen, actions and periods: the werkgroepen, and
    one over the agenda's actions that reads, per action and period, its status at the
    period's start and whether it has an update dated in the period; counted per werkgroep.
    A period outside the agenda's own run has nothing open.
    """
    perioden = laatste_perioden(agenda) if perioden is None else perioden
    werkgroepen = list(
        Werkgroep.objects.filter(agenda=agenda).actief().order_by("volgorde", "naam", "pk")
    )
    tellingen = _tellingen(agenda, perioden)
    rijen = [Rij(w) for w in werkgroepen]
    zonder = Rij(None)
    for rij in [*rijen, zonder]:
        pk = rij.werkgroep.pk if rij.werkgroep else None
        for i, periode in enumerate(perioden):
            binnen = periode.eind >= agenda.periode_start and periode.begin <= agenda.periode_eind
            open_, gemeld = tellingen.get(pk, {}).get(i, (0, 0)) if binnen else (0, 0)
            rij.cellen.append(Cel(open_, min(gemeld, open_), loopt=periode.loopt))
    if any(cel.open for cel in zonder.cellen):
        rijen.append(zonder)
    return Rapportagestand(perioden, rijen)


def _tellingen(
    agenda: Agenda, perioden: list[Periode]
) -> dict[int | None, dict[int, tuple[int, int]]]:
    """Per werkgroep id (None for no werkgroep), per period index: (open, reported)."""
    if not perioden:
        return {}
    updates = Voortgang.objects.filter(actie=OuterRef("pk"))
    # The state before any update dated on or before a day, as `acties_met_stand` reads it:
    # the state it was created with when it has updates, its own fields when it has none.
    aangemaakt = (
        Actie.history.filter(id=OuterRef("pk"), history_type="+")
        .order_by("history_date")
        .values("status")[:1]
    )
    begin = Case(When(Exists(updates), then=Subquery(aangemaakt)), default=F("status"))
    standen: dict[str, Any] = {}
    for i, periode in enumerate(perioden):
        ervoor = updates.filter(datum__lt=periode.begin).order_by(*VOORTGANG_VOLGORDE)
        standen[f"status_{i}"] = Coalesce(Subquery(ervoor.values("status")[:1]), begin)
        standen[f"gemeld_{i}"] = Exists(
            updates.filter(datum__gte=periode.begin, datum__lte=periode.eind)
        )
    # One row per action, each subquery evaluated once for it; counted here rather than by
    # GROUP BY, where every count would repeat the subqueries of its condition.
    tellingen: dict[int | None, dict[int, tuple[int, int]]] = {}
    for rij in (
        Actie.objects.filter(agenda=agenda)
        .actief()
        .order_by()
        .annotate(**standen)
        .values("werkgroep_id", *standen)
    ):
        per_periode = tellingen.setdefault(rij["werkgroep_id"], {})
        for i in range(len(perioden)):
            if rij[f"status_{i}"] in AFGESLOTEN:
                continue
            open_, gemeld = per_periode.get(i, (0, 0))
            per_periode[i] = (open_ + 1, gemeld + bool(rij[f"gemeld_{i}"]))
    return tellingen
