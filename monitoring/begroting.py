"""The budget overview as the agendas print it: lines per group, subtotals, totals, funding
and the yearly balance carried into the next year. Everything in Decimal, to the euro."""

from collections import OrderedDict
from dataclasses import dataclass, field
from decimal import Decimal

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


def _som(regels, jaren, attr="bedragen") -> dict[int, Decimal]:
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
    restant, middelen, saldo = {}, {}, {}
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


def _realisatie(regels, jaren) -> dict[int, Decimal | None]:
    """Spent per year; None while no line of that year has a realisation yet."""
    uit = {}
    for jaar in jaren:
        waarden = [r.realisatie.get(jaar) for r in regels if r.realisatie.get(jaar) is not None]
        uit[jaar] = sum(waarden, NUL) if waarden else None
    return uit


def euro(bedrag) -> str:
    """Dutch notation to the euro: € 3.567.500, € -39.740 (as the documents print it)."""
    if bedrag is None:
        return "–"
    afgerond = int(Decimal(bedrag).quantize(Decimal(1)))
    teken = "-" if afgerond < 0 else ""
    return f"€ {teken}{abs(afgerond):,}".replace(",", ".")
