"""The budget overview as the agendas print it: lines per group, subtotals, totals, funding
and the yearly balance carried into the next year. Everything in Decimal, to the euro."""

import datetime
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone

from lea.models import Agenda
from monitoring.models import (
    Begroting,
    Begrotingsbedrag,
    Begrotingspost,
    Financiering,
    Geldregel,
    Realisatie,
)
from werkgroepen.models import Actie, Rag

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


def begrotingsposten(begroting: Begroting, jaar: int | None = None) -> list[Begrotingspost]:
    """The budget's lines (archived ones left out: no longer part of the budget) with their
    node, action and amounts joined, and with `jaar` the quarters of that year: read once for
    the overview and the realisations both."""
    posten = (
        begroting.posten.filter(gearchiveerd=False)
        .select_related("knoop__ouder", "knoop__agenda", "actie")
        .prefetch_related("bedragen")
    )
    if jaar is not None:
        kwartalen = Realisatie.objects.filter(begrotingsbedrag__jaar=jaar)
        posten = posten.prefetch_related(Prefetch("bedragen__kwartalen", queryset=kwartalen))
    return list(posten)


def begrotingsfinanciering(begroting: Begroting) -> list[Financiering]:
    """The budget's funding sources (archived ones left out) with their amounts."""
    return list(begroting.financiering.filter(gearchiveerd=False).prefetch_related("bedragen"))


def begrotingsoverzicht(
    begroting: Begroting,
    *,
    posten: Sequence[Begrotingspost] | None = None,
    financiering: Sequence[Financiering] | None = None,
) -> Overzicht:
    """The overview; `posten` and `financiering` as `begrotingsposten` and
    `begrotingsfinanciering` give them, when the page has read them already."""
    jaren = begroting.jaren
    if posten is None:
        posten = begrotingsposten(begroting)
    ouders = {p.ouder_id for p in posten if p.ouder_id}
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
    if financiering is None:
        financiering = begrotingsfinanciering(begroting)
    bronnen = [Regel(f.naam, {b.jaar: b.bedrag for b in f.bedragen.all()}) for f in financiering]
    restant: dict[int, Decimal] = {}
    middelen: dict[int, Decimal] = {}
    saldo: dict[int, Decimal] = {}
    vorig = begroting.beginsaldo
    for jaar in jaren:
        restant[jaar] = vorig
        middelen[jaar] = sum((f.bedragen.get(jaar) or NUL for f in bronnen), NUL) + vorig
        saldo[jaar] = middelen[jaar] - totaal[jaar]
        vorig = saldo[jaar]
    return Overzicht(
        jaren,
        volgorde,
        totaal,
        bronnen,
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


# --- begroot against gerealiseerd, per line and quarter -----------------------------------------


@dataclass
class Realisatieregel:
    """One budget line in one year: budgeted, the recorded quarters, realised."""

    post: Begrotingspost
    groep: str
    begroot: Decimal
    kwartalen: dict[int, Realisatie]
    gerealiseerd: Decimal | None  # the quarters' sum, or the yearly figure; None: nothing yet
    kop: bool = False  # the sum of its parts: shown, not counted

    @property
    def verschil(self) -> Decimal | None:
        return None if self.gerealiseerd is None else self.gerealiseerd - self.begroot


@dataclass
class Realisatieoverzicht:
    jaar: int
    regels: list[Realisatieregel]
    begroot: Decimal
    gerealiseerd: Decimal | None
    per_kwartaal: dict[int, Decimal]

    @property
    def verschil(self) -> Decimal | None:
        return None if self.gerealiseerd is None else self.gerealiseerd - self.begroot


KWARTALEN = (1, 2, 3, 4)


def realisatie_overzicht(
    begroting: Begroting, jaar: int, *, posten: Sequence[Begrotingspost] | None = None
) -> Realisatieoverzicht:
    """The budget page: every line of the budget (archived ones left out) in `jaar`, budgeted
    against realised, with its quarters; totals count the lines without parts only. `posten`:
    as `begrotingsposten(begroting, jaar)` gives them, when the page has read them already."""
    if posten is None:
        posten = begrotingsposten(begroting, jaar)
    ouders = {p.ouder_id for p in posten if p.ouder_id}
    regels = []
    for post in posten:
        bedrag = next((b for b in post.bedragen.all() if b.jaar == jaar), None)
        kwartalen = {r.kwartaal: r for r in bedrag.kwartalen.all()} if bedrag else {}
        regels.append(
            Realisatieregel(
                post=post,
                groep=str(post.knoop) if post.knoop else (post.groep_naam or "Overig"),
                begroot=bedrag.bedrag if bedrag else NUL,
                kwartalen=kwartalen,
                gerealiseerd=bedrag.realisatie if bedrag else None,
                kop=post.pk in ouders,
            )
        )
    tellend = [r for r in regels if not r.kop]
    gerealiseerd = [r.gerealiseerd for r in tellend if r.gerealiseerd is not None]
    return Realisatieoverzicht(
        jaar=jaar,
        regels=regels,
        begroot=sum((r.begroot for r in tellend), NUL),
        gerealiseerd=sum(gerealiseerd, NUL) if gerealiseerd else None,
        per_kwartaal={
            k: sum((r.kwartalen[k].bedrag for r in tellend if k in r.kwartalen), NUL)
            for k in KWARTALEN
        },
    )


# --- the money RAG proposed from the realisations -------------------------------------------


def geldregel_van(agenda_id: int) -> Geldregel:
    """The agenda's thresholds, or the defaults (oranje from 10 %, rood from 25 % overspend)."""
    return Geldregel.objects.filter(agenda_id=agenda_id).first() or Geldregel(agenda_id=agenda_id)


def rag_voor_besteding(gerealiseerd: Decimal, verwacht: Decimal, regel: Geldregel) -> Rag:
    """Rood from `rood_vanaf_pct` % over the expected spending, oranje from `oranje_vanaf_pct`
    %, else groen; anything spent where nothing was expected is rood."""
    if verwacht <= 0:
        return Rag.ROOD if gerealiseerd > 0 else Rag.GROEN
    overschrijding = (gerealiseerd - verwacht) / verwacht * 100
    if overschrijding >= regel.rood_vanaf_pct:
        return Rag.ROOD
    if overschrijding >= regel.oranje_vanaf_pct:
        return Rag.ORANJE
    return Rag.GROEN


def geldvoorstel_actie(actie: Actie, op: datetime.date | None = None) -> Rag | None:
    """The money RAG proposed for an action's next progress update (`geldvoorstellen_acties`)."""
    return geldvoorstellen_acties([actie], op)[actie.pk]


def geldvoorstellen_acties(
    acties: Sequence[Actie], op: datetime.date | None = None
) -> dict[int, Rag | None]:
    """The money RAG proposed for each action's next progress update, from its budget lines;
    in three queries for any number of actions, and one more per agenda with a proposal.

    The rule: in the current year, each line of the action that has a realisation counts with
    the part of its budget that should be spent by the last quarter recorded (pro rata: a
    quarter is a quarter of the year's budget; a yearly realisation without quarters counts
    against the whole year's budget). The action's realised total against that expected total
    gives the RAG by the agenda's thresholds. No lines or no realisation yet: no proposal.
    """
    jaar = (op or timezone.localdate()).year
    uit: dict[int, Rag | None] = dict.fromkeys((a.pk for a in acties), None)
    per_actie: dict[int | None, list[Begrotingsbedrag]] = {}
    for bedrag in (
        Begrotingsbedrag.objects.filter(
            post__actie__in=list(uit), post__gearchiveerd=False, jaar=jaar
        )
        .select_related("post")
        .prefetch_related("kwartalen")
    ):
        per_actie.setdefault(bedrag.post.actie_id, []).append(bedrag)
    regels: dict[int, Geldregel] = {}
    for actie in acties:
        verwacht = gerealiseerd = NUL
        gemeten = False
        for bedrag in per_actie.get(actie.pk, []):
            kwartalen = list(bedrag.kwartalen.all())
            if kwartalen:
                laatste = max(r.kwartaal for r in kwartalen)
                verwacht += bedrag.bedrag * laatste / 4
                gerealiseerd += sum((r.bedrag for r in kwartalen), NUL)
            elif bedrag.realisatie is not None:
                verwacht += bedrag.bedrag
                gerealiseerd += bedrag.realisatie
            else:
                continue
            gemeten = True
        if gemeten:
            if actie.agenda_id not in regels:
                regels[actie.agenda_id] = geldregel_van(actie.agenda_id)
            uit[actie.pk] = rag_voor_besteding(gerealiseerd, verwacht, regels[actie.agenda_id])
    return uit
