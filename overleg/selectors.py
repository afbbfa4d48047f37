"""Reads of the governance pages and the meeting cycle: the agenda builder's proposals, the
agendas that are due, the register, and the statutory-topic coverage."""

import datetime
from dataclasses import dataclass, field
from typing import Any, TypedDict, TypeVar

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from lea.models import Agenda
from lea.perioden import kalenderjaar
from overleg.models import (
    Actiepunt,
    ActiepuntStatus,
    Afspraak,
    Agendapunt,
    Besluit,
    Overlegorgaan,
    PuntStatus,
    Soort,
    Vergadering,
    VergaderStatus,
    WettelijkOnderwerp,
)
from werkgroepen.models import Actie

_M = TypeVar("_M", Besluit, Actiepunt)

# From 1 September the law's topics are due: what is not yet scheduled is signalled.
SIGNAAL_VANAF_MAAND = 9


def onbesproken_onderwerpen(agenda: Agenda, jaar: int) -> QuerySet[WettelijkOnderwerp]:
    """Statutory topics on no stuurgroep meeting's agenda (held or planned) in `jaar`."""
    besproken = (
        Agendapunt.objects.stuurgroep(agenda=agenda, jaar=jaar)
        # Items without a topic give NULL, and NOT IN (…, NULL) matches nothing: leave them out.
        .filter(onderwerpen__isnull=False)
        .values("onderwerpen")
    )
    return WettelijkOnderwerp.objects.exclude(pk__in=besproken)


def te_signaleren_onderwerpen(
    agenda: Agenda, *, vandaag: datetime.date
) -> QuerySet[WettelijkOnderwerp]:
    """From 1 September, in an agenda with a stuurgroep: this year's unscheduled topics."""
    heeft_stuurgroep = Overlegorgaan.objects.filter(
        agenda=agenda, soort=Soort.STUURGROEP, gearchiveerd=False
    )
    if vandaag.month < SIGNAAL_VANAF_MAAND or not heeft_stuurgroep.exists():
        return WettelijkOnderwerp.objects.none()
    return onbesproken_onderwerpen(agenda, vandaag.year)


def agendas_te_versturen(*, nu: datetime.datetime) -> list[int]:
    """The meetings whose agenda is due: with accepted items, not sent yet, and within the
    body's lead time or asked for by the secretary (a request whose task was lost)."""
    due = []
    for vergadering in (
        Vergadering.objects.actief()
        .filter(
            begin__gt=nu, agenda_verstuurd_op__isnull=True, punten__status=PuntStatus.GEACCEPTEERD
        )
        .select_related("orgaan")
        .distinct()
    ):
        vooraf = datetime.timedelta(days=vergadering.orgaan.dagen_agenda)
        if vergadering.agenda_gevraagd_op is not None or vergadering.begin - nu <= vooraf:
            due.append(vergadering.pk)
    return due


def organen_met_volgende(
    agenda: Agenda, *, nu: datetime.datetime, gearchiveerd: bool = False
) -> list[tuple[Overlegorgaan, Vergadering | None]]:
    """The agenda's bodies, each with its next meeting (or None); archived ones only with
    `gearchiveerd` (then after the others)."""
    volgende: dict[int, Vergadering] = {}
    for vergadering in (
        Vergadering.objects.actief().filter(orgaan__agenda=agenda, begin__gte=nu).order_by("begin")
    ):
        volgende.setdefault(vergadering.orgaan_id, vergadering)
    organen = Overlegorgaan.objects.filter(agenda=agenda).select_related("werkgroep")
    if gearchiveerd:
        organen = organen.order_by("gearchiveerd", "volgorde", "naam")
    else:
        organen = organen.filter(gearchiveerd=False)
    return [(orgaan, volgende.get(orgaan.pk)) for orgaan in organen]


def komende_vergaderingen(agenda: Agenda, *, nu: datetime.datetime) -> QuerySet[Vergadering]:
    """The agenda's meetings from now on, soonest first (cancelled ones left out)."""
    return (
        Vergadering.objects.actief()
        .filter(orgaan__agenda=agenda, begin__gte=nu)
        .select_related("orgaan")
        .order_by("begin")
    )


class Voorstellen(TypedDict):
    acties: list[Actie]
    voorgesteld: list[Agendapunt]
    onderwerpen: list[WettelijkOnderwerp]
    actiepunten: list[Actiepunt]


def voorstellen_uit_gegevens(
    vergadering: Vergadering, *, voorgesteld: list[Agendapunt] | None = None
) -> Voorstellen:
    """What the agenda builder proposes: red or overdue actions, pending proposals (or
    `voorgesteld`, when the page has them already), statutory topics not yet on this year's
    agendas (stuurgroep), and open earlier action points."""
    agenda = vergadering.orgaan.agenda
    al_op_agenda = vergadering.punten.exclude(status=PuntStatus.AFGEWEZEN)
    # An item without a linked action gives NULL, and NOT IN (…, NULL) matches nothing: the
    # subqueries below leave the NULLs out.
    acties = (
        Actie.objects.filter(agenda=agenda)
        .aandacht(op=timezone.localdate())
        .exclude(pk__in=al_op_agenda.filter(acties__isnull=False).values("acties"))
        .select_related("werkgroep")
        .order_by("timing_eind")
    )
    onderwerpen = WettelijkOnderwerp.objects.none()
    if vergadering.orgaan.soort == Soort.STUURGROEP:
        onderwerpen = onbesproken_onderwerpen(agenda, timezone.localtime(vergadering.begin).year)
    actiepunten = (
        Actiepunt.objects.filter(
            agendapunt__vergadering__orgaan=vergadering.orgaan,
            agendapunt__vergadering__begin__lt=vergadering.begin,
            status=ActiepuntStatus.OPEN,
        )
        .exclude(pk__in=al_op_agenda.filter(actiepunt__isnull=False).values("actiepunt"))
        .select_related("eigenaar", "agendapunt__vergadering")
    )
    if voorgesteld is None:
        voorgesteld = list(
            vergadering.punten.filter(status=PuntStatus.VOORGESTELD).select_related(
                "voorgesteld_door"
            )
        )
    return {
        "acties": list(acties[:30]),
        "voorgesteld": voorgesteld,
        "onderwerpen": list(onderwerpen),
        "actiepunten": list(actiepunten),
    }


def besluiten_register(agenda: Agenda, filters: dict[str, Any]) -> QuerySet[Besluit]:
    qs = Besluit.objects.filter(agendapunt__vergadering__orgaan__agenda=agenda).select_related(
        "agendapunt__vergadering__orgaan"
    )
    return _filter(qs, filters, "agendapunt__").order_by("-agendapunt__vergadering__begin", "-pk")


def actiepunten_register(agenda: Agenda, filters: dict[str, Any]) -> QuerySet[Actiepunt]:
    qs = Actiepunt.objects.filter(agendapunt__vergadering__orgaan__agenda=agenda).select_related(
        "agendapunt__vergadering__orgaan", "eigenaar", "actie"
    )
    qs = _filter(qs, filters, "agendapunt__")
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("eigenaar"):
        qs = qs.filter(eigenaar=filters["eigenaar"])
    return qs.order_by("status", "deadline", "pk")


def _filter(qs: QuerySet[_M], filters: dict[str, Any], via: str) -> QuerySet[_M]:
    if filters.get("orgaan"):
        qs = qs.filter(**{f"{via}vergadering__orgaan": filters["orgaan"]})
    if filters.get("jaar"):
        qs = qs.filter(**{f"{via}vergadering__begin__year": filters["jaar"]})
    if filters.get("onderwerp"):
        qs = qs.filter(**{f"{via}onderwerpen": filters["onderwerp"]})
    return qs.distinct()


@dataclass
class Dekking:
    """One statutory topic in one year: where it was (or will be) discussed, the agreements."""

    onderwerp: WettelijkOnderwerp
    punten: list[Agendapunt] = field(default_factory=list)  # accepted, stuurgroep meetings
    afspraken: list[Afspraak] = field(default_factory=list)

    @property
    def besproken(self) -> bool:
        return any(
            p.vergadering.status in (VergaderStatus.GEHOUDEN, VergaderStatus.VASTGESTELD)
            for p in self.punten
        )

    @property
    def gepland(self) -> bool:
        return bool(self.punten)


def dekking(agenda: Agenda, jaar: int) -> list[Dekking]:
    """Per statutory topic: where it was (or will be) discussed in `jaar`, and the agreements."""
    punten = (
        Agendapunt.objects.stuurgroep(agenda=agenda, jaar=jaar)
        .select_related("vergadering__orgaan")
        .prefetch_related("onderwerpen", Prefetch("besluiten", queryset=Besluit.objects.all()))
        .order_by("vergadering__begin")
    )
    begin, eind = kalenderjaar(jaar)
    afspraken = (
        Afspraak.objects.filter(agenda=agenda)
        .filter(
            Q(geldig_van__isnull=True) | Q(geldig_van__lte=eind),
            Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=begin),
        )
        .select_related("besluit__agendapunt__vergadering")
    )
    regels = {o.pk: Dekking(o) for o in WettelijkOnderwerp.objects.all()}
    for punt in punten:
        for onderwerp in punt.onderwerpen.all():
            regels[onderwerp.pk].punten.append(punt)
    for afspraak in afspraken:
        regels[afspraak.onderwerp_id].afspraken.append(afspraak)
    return list(regels.values())


class BijActie(TypedDict):
    besluiten: list[Besluit]
    actiepunten: list[Actiepunt]


def voor_actie(actie: Actie) -> BijActie:
    """The decisions and action points that concern an action: from decision to result."""
    punten = Agendapunt.objects.filter(acties=actie, status=PuntStatus.GEACCEPTEERD)
    return {
        "besluiten": list(
            Besluit.objects.filter(agendapunt__in=punten).select_related(
                "agendapunt__vergadering__orgaan"
            )
        ),
        "actiepunten": list(
            Actiepunt.objects.filter(Q(actie=actie) | Q(agendapunt__in=punten))
            .select_related("agendapunt__vergadering__orgaan", "eigenaar")
            .distinct()
        ),
    }


# The meeting page's sending state and the change history live in their own module; their
# names stay importable from here.
from overleg.selectors_geschiedenis import (  # noqa: E402
    orgaan_geschiedenis as orgaan_geschiedenis,
)
from overleg.selectors_geschiedenis import (  # noqa: E402
    vergadering_geschiedenis as vergadering_geschiedenis,
)
from overleg.selectors_geschiedenis import verzendstand as verzendstand  # noqa: E402
