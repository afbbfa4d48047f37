"""The budget overview as the agendas print it: lines per group, subtotals, totals, funding
and the yearly balance carried into the next year. Everything in Decimal, to the euro."""

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from lea.models import Agenda
from monitoring.models import Begroting

NUL = Decimal(0)


@dataclass
class Regel:
    naam: str
    bedragen: dict[int, Decimal]
    wijziging: str = ""
    realisatie: dict[int, Decimal | None] = field(default_factory=dict)
    kop: bool = False  # the sum of the lines under it: shown, not counted again
    onderdeel: bool = False  # one of those lines


@dataclass
class Groep:
    """An ambitie (with its speerpunten as subgroups) or "Overig"."""

    naam: str
    subgroepen: "OrderedDict[str, list[Regel]]" = field(default_factory=OrderedDict)
    subtotaal: dict[int, Decimal] = field(default_factory=dict)
    realisatie: dict[int, Decimal | None] = field(default_factory=dict)


@dataclass
class Overzicht:
    jaren: list[int]
    groepen: list[Groep]
    totaal: dict[int, Decimal]
    financiering: list[Regel]
    restant: dict[int, Decimal]  # carried over from the previous year
    middelen: dict[int, Decimal]  # funding + carry-over
    saldo: dict[int, Decimal]
    realisatie: dict[int, Decimal | None]
    jaar: int | None = None  # the year a report is about, when it is for one


def _som(
    regels: Iterable[object], jaren: Sequence[int], attr: str = "bedragen"
) -> dict[int, Decimal]:
    return {j: sum((getattr(r, attr).get(j) or NUL for r in regels), NUL) for j in jaren}


def begrotingsoverzicht(begroting: Begroting) -> Overzicht:
    jaren = begroting.jaren
    posten = begroting.posten.select_related("knoop__ouder").prefetch_related("bedragen")
    ouders = set(begroting.posten.exclude(ouder=None).values_list("ouder_id", flat=True))
    groepen: OrderedDict[str, Groep] = OrderedDict()
    for post in posten:
        bedragen = {b.jaar: b.bedrag for b in post.bedragen.all()}
        regel = Regel(
            post.naam,
            {j: bedragen.get(j, NUL) for j in jaren},
            post.wijziging,
            {b.jaar: b.realisatie for b in post.bedragen.all()},
            kop=post.pk in ouders,
            onderdeel=post.ouder_id is not None,
        )
        if post.knoop is None:
            groep_naam, sub = post.groep_naam or "Overig", ""
        elif post.knoop.ouder is not None:
            groep_naam = f"{post.knoop.agenda.niveau1_naam} {post.knoop.ouder}"
            sub = f"{post.knoop.code}. {post.knoop.titel}" if post.knoop.code else post.knoop.titel
        else:
            groep_naam, sub = f"{post.knoop.agenda.niveau1_naam} {post.knoop}", ""
        groep = groepen.setdefault(groep_naam, Groep(groep_naam))
        groep.subgroepen.setdefault(sub, []).append(regel)
    for groep in groepen.values():
        regels = [r for rs in groep.subgroepen.values() for r in rs if not r.kop]
        groep.subtotaal = _som(regels, jaren)
        groep.realisatie = _realisatie(regels, jaren)
    # "Overig" (lines without a node) comes after the ambities, as the documents print it.
    volgorde = sorted(groepen.values(), key=lambda g: g.naam == "Overig")
    totaal = _som(volgorde, jaren, "subtotaal")
    financiering = [
        Regel(f.naam, {b.jaar: b.bedrag for b in f.bedragen.all()})
        for f in begroting.financiering.prefetch_related("bedragen")
    ]
    restant: dict[int, Decimal] = {}
    middelen: dict[int, Decimal] = {}
    saldo: dict[int, Decimal] = {}
    vorig = begroting.beginsaldo
    for jaar in jaren:
        restant[jaar] = vorig
        middelen[jaar] = sum((f.bedragen.get(jaar) or NUL for f in financiering), NUL) + vorig
        saldo[jaar] = middelen[jaar] - totaal[jaar]
        vorig = saldo[jaar]
    return Overzicht(
        jaren,
        volgorde,
        totaal,
        financiering,
        restant,
        middelen,
        saldo,
        _realisatie([r for g in volgorde for rs in g.subgroepen.values() for r in rs], jaren),
    )


def _realisatie(regels: Sequence[Regel], jaren: Sequence[int]) -> dict[int, Decimal | None]:
    """Spent per year; None while no line of that year has a realisation yet."""
    uit: dict[int, Decimal | None] = {}
    for jaar in jaren:
        waarden = [r.realisatie.get(jaar) for r in regels if r.realisatie.get(jaar) is not None]
        uit[jaar] = sum((w for w in waarden if w is not None), NUL) if waarden else None
    return uit


def begroting_overzicht(agenda: Agenda) -> Overzicht | None:
    """The budget page: the agenda's budget overview, or None without a budget."""
    begroting = Begroting.objects.filter(agenda=agenda).first()
    return begrotingsoverzicht(begroting) if begroting else None


def begroting_van_jaar(agenda: Agenda, jaar: int) -> Overzicht | None:
    """The budget overview for a report on `jaar`, or None when the budget does not cover it."""
    begroting = Begroting.objects.filter(agenda=agenda).first()
    if begroting is None or jaar not in begroting.jaren:
        return None
    overzicht = begrotingsoverzicht(begroting)
    overzicht.jaar = jaar
    return overzicht
