"""Reads of the figures: indicators with their charts, schoolweging signals, the dashboard."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.safestring import SafeString

from lea.grafieken import lijngrafiek
from lea.models import Agenda
from monitoring.models import (
    Indicator,
    School,
    Signaalregel,
    VeCijfers,
    Verantwoording,
    VerantwoordingStatus,
)


@dataclass
class IndicatorMetGrafiek:
    """An indicator with the line chart of its municipality-wide measurements."""

    indicator: Indicator
    grafiek: SafeString


def indicator_grafiek(indicator: Indicator, *, tot_en_met: int | None = None) -> SafeString:
    """The chart of the municipality-wide measurements, or of the baseline while there are none;
    a report on a year draws the measurements up to and including that year only."""
    punten = [
        (str(m.jaar), float(m.waarde))
        for m in indicator.metingen.all()
        if m.school_id is None and (tot_en_met is None or m.jaar <= tot_en_met)
    ]
    if indicator.basiswaarde is not None and indicator.basisdatum and not punten:
        punten = [(str(indicator.basisdatum.year), float(indicator.basiswaarde))]
    return lijngrafiek(indicator.naam, punten, eenheid=indicator.eenheid)


def indicatoren_met_grafiek(
    agenda: Agenda, *, gearchiveerd: bool = False
) -> list[IndicatorMetGrafiek]:
    """The indicators page: the agenda's indicators (archived ones too on request) with their
    charts and measurements."""
    indicatoren = agenda.indicatoren.prefetch_related("knopen", "metingen__school")
    if not gearchiveerd:
        indicatoren = indicatoren.filter(gearchiveerd=False)
    return [
        IndicatorMetGrafiek(indicator, indicator_grafiek(indicator)) for indicator in indicatoren
    ]


def signalen_schoolweging(agenda: Agenda, jaar: int) -> list[tuple[School, list[object]]]:
    """Schools at or above the agreed threshold for the agreed number of years up to `jaar`."""
    regel = Signaalregel.objects.filter(agenda=agenda).first()
    return signalen_volgens(regel, _scholen(agenda) if regel else [], jaar)


def _scholen(agenda: Agenda) -> QuerySet[School]:
    return agenda.scholen.filter(gearchiveerd=False).prefetch_related("wegingen")


def signalen_volgens(
    regel: Signaalregel | None, scholen: Iterable[School], jaar: int
) -> list[tuple[School, list[object]]]:
    """The signals of `regel` over `scholen` (their `wegingen` prefetched), read already."""
    if regel is None:
        return []
    signalen: list[tuple[School, list[object]]] = []
    jaren = range(jaar - regel.aantal_jaren + 1, jaar + 1)
    for school in scholen:
        reeks = {w.jaar: w.waarde for w in school.wegingen.all()}
        if all(reeks.get(j) is not None and reeks[j] >= regel.drempel for j in jaren):
            signalen.append((school, [reeks[j] for j in jaren]))
    return signalen


@dataclass
class Cijferpagina:
    """The indicators page's schools and signal rule, each read once."""

    regel: Signaalregel | None
    scholen: list[School]
    signalen: list[tuple[School, list[object]]]


def cijferpagina(agenda: Agenda, jaar: int) -> Cijferpagina:
    regel = Signaalregel.objects.filter(agenda=agenda).first()
    scholen = list(_scholen(agenda))
    return Cijferpagina(regel, scholen, signalen_volgens(regel, scholen, jaar))


@dataclass
class Dashboard:
    """What the monitoring panel on the agenda dashboard shows."""

    signalen: list[tuple[School, list[object]]]
    regel: Signaalregel | None
    ve: VeCijfers | None
    verantwoording: Verantwoording | None  # last year's account, while still a concept

    @property
    def leeg(self) -> bool:
        return not (self.signalen or self.ve or self.verantwoording or self.regel)


def dashboard_gegevens(agenda: Agenda, vandaag: datetime.date) -> Dashboard:
    verantwoording = agenda.verantwoordingen.filter(
        jaar=vandaag.year - 1, status=VerantwoordingStatus.CONCEPT
    ).first()
    regel = Signaalregel.objects.filter(agenda=agenda).first()
    return Dashboard(
        signalen=signalen_volgens(regel, _scholen(agenda) if regel else [], vandaag.year),
        regel=regel,
        ve=agenda.ve_cijfers.order_by("-jaar").first(),
        verantwoording=verantwoording,
    )
