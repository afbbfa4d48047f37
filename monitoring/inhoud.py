"""What goes into each report: the data of one agenda over one calendar year."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from lea.grafieken import lijngrafiek
from monitoring.begroting import begrotingsoverzicht
from monitoring.models import Begroting, Indicator, Signaalregel, Verantwoording
from overleg.models import (
    Afspraak,
    Agendapunt,
    PuntStatus,
    Soort,
    Vergadering,
    VergaderStatus,
    WettelijkOnderwerp,
)
from werkgroepen.models import Actie, Rag, Status, Voortgang
from werkgroepen.voortgang import stand_per_knoop


@dataclass
class Hoofdstuk:
    knoop: object
    stand: object
    acties: list = field(default_factory=list)
    kinderen: list = field(default_factory=list)
    indicatoren: list = field(default_factory=list)


def _periode(jaar: int):
    return datetime.date(jaar, 1, 1), datetime.date(jaar, 12, 31)


def _acties_met_laatste_update(agenda, eind: datetime.date) -> dict[int, list]:
    """Active actions per node, each with its latest update up to the end of the year."""
    updates = Voortgang.objects.filter(datum__lte=eind).order_by("-datum", "-aangemaakt")
    acties = (
        Actie.objects.actief()
        .filter(agenda=agenda)
        .select_related("werkgroep")
        .prefetch_related(Prefetch("voortgang", queryset=updates, to_attr="tot_einde"))
        .order_by("volgorde", "pk")
    )
    per_knoop: dict[int, list] = {}
    for actie in acties:
        actie.laatste = actie.tot_einde[0] if actie.tot_einde else None
        per_knoop.setdefault(actie.knoop_id, []).append(actie)
    return per_knoop


def indicator_grafiek(indicator: Indicator):
    punten = [
        (str(m.jaar), float(m.waarde)) for m in indicator.metingen.all() if m.school_id is None
    ]
    if indicator.basiswaarde is not None and indicator.basisdatum and not punten:
        punten = [(str(indicator.basisdatum.year), float(indicator.basiswaarde))]
    return lijngrafiek(indicator.naam, punten, eenheid=indicator.eenheid)


def hoofdstukken(agenda, jaar: int) -> list[Hoofdstuk]:
    _begin, eind = _periode(jaar)
    standen = stand_per_knoop(agenda)
    per_knoop = _acties_met_laatste_update(agenda, eind)
    indicatoren: dict[int, list] = {}
    for indicator in agenda.indicatoren.prefetch_related("knopen", "metingen", "resultaten"):
        indicator.grafiek = indicator_grafiek(indicator)
        for knoop in indicator.knopen.all():
            indicatoren.setdefault(knoop.pk, []).append(indicator)
    knopen = list(agenda.knopen.actief().prefetch_related("resultaten").order_by("volgorde", "pk"))
    uit = {}
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


def aandacht(agenda, jaar: int) -> list:
    """Actions overdue at the end of the year, or red on time or money."""
    _begin, eind = _periode(jaar)
    return list(
        Actie.objects.actief()
        .filter(agenda=agenda)
        .filter(
            Q(rag_tijd=Rag.ROOD)
            | Q(rag_geld=Rag.ROOD)
            | Q(timing_eind__lt=eind) & ~Q(status__in=[Status.AFGEROND, Status.GESTOPT])
        )
        .select_related("werkgroep", "knoop")
        .order_by("timing_eind")
    )


def vergaderingen(agenda, jaar: int):
    return (
        Vergadering.objects.filter(orgaan__agenda=agenda, begin__year=jaar)
        .exclude(status=VergaderStatus.GEANNULEERD)
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


def begroting(agenda, jaar: int):
    begroting = Begroting.objects.filter(agenda=agenda).first()
    if begroting is None or jaar not in begroting.jaren:
        return None
    overzicht = begrotingsoverzicht(begroting)
    overzicht.jaar = jaar
    return overzicht


def signalen_schoolweging(agenda, jaar: int) -> list:
    """Schools at or above the agreed threshold for the agreed number of years up to `jaar`."""
    regel = Signaalregel.objects.filter(agenda=agenda).first()
    if regel is None:
        return []
    signalen = []
    for school in agenda.scholen.prefetch_related("wegingen"):
        reeks = {w.jaar: w.waarde for w in school.wegingen.all()}
        jaren = range(jaar - regel.aantal_jaren + 1, jaar + 1)
        if all(reeks.get(j) is not None and reeks[j] >= regel.drempel for j in jaren):
            signalen.append((school, [reeks[j] for j in jaren]))
    return signalen


@dataclass
class Verantwoordingsregel:
    onderwerp: WettelijkOnderwerp
    punten: list
    besluiten: list
    afspraken: list

    @property
    def plaatsgevonden(self) -> bool:
        return bool(self.punten)


def verantwoording(agenda, jaar: int) -> dict:
    """Per statutory topic: the stuurgroep meetings (held) and decisions, and the agreements."""
    begin, eind = _periode(jaar)
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


def plannen_volgend_jaar(agenda, jaar: int) -> list:
    """Actions whose timing touches the next year: the plan the council is told about."""
    volgend = jaar + 1
    return list(
        Actie.objects.actief()
        .filter(agenda=agenda)
        .filter(Q(timing_start__year__lte=volgend) | Q(timing_start__isnull=True))
        .filter(Q(timing_eind__year__gte=volgend) | Q(timing_eind__isnull=True))
        .exclude(status__in=[Status.AFGEROND, Status.GESTOPT])
        .select_related("knoop__ouder", "werkgroep")
        .order_by("volgorde")
    )
