"""Reads for the governance pages: the agenda builder's proposals, the register, coverage."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils import timezone

from overleg.cyclus import onbesproken_onderwerpen
from overleg.models import (
    Actiepunt,
    ActiepuntStatus,
    Afspraak,
    Agendapunt,
    Besluit,
    PuntStatus,
    Soort,
    Vergadering,
    VergaderStatus,
    WettelijkOnderwerp,
)
from werkgroepen.models import Actie, Rag, Status


def voorstellen_uit_gegevens(vergadering: Vergadering) -> dict:
    """What the agenda builder proposes: red or overdue actions, pending proposals, statutory
    topics not yet on this year's agendas (stuurgroep), and open earlier action points."""
    agenda = vergadering.orgaan.agenda
    al_op_agenda = vergadering.punten.exclude(status=PuntStatus.AFGEWEZEN)
    vandaag = timezone.localdate()
    acties = (
        Actie.objects.actief()
        .filter(agenda=agenda)
        .filter(
            Q(rag_tijd=Rag.ROOD)
            | Q(rag_geld=Rag.ROOD)
            | Q(timing_eind__lt=vandaag) & ~Q(status__in=[Status.AFGEROND, Status.GESTOPT])
        )
        .exclude(pk__in=al_op_agenda.values("acties"))
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
        .exclude(pk__in=al_op_agenda.exclude(actiepunt=None).values("actiepunt"))
        .select_related("eigenaar", "agendapunt__vergadering")
    )
    return {
        "acties": list(acties[:30]),
        "voorgesteld": list(
            vergadering.punten.filter(status=PuntStatus.VOORGESTELD).select_related(
                "voorgesteld_door"
            )
        ),
        "onderwerpen": list(onderwerpen),
        "actiepunten": list(actiepunten),
    }


def besluiten_register(agenda, filters: dict):
    qs = Besluit.objects.filter(agendapunt__vergadering__orgaan__agenda=agenda).select_related(
        "agendapunt__vergadering__orgaan"
    )
    return _filter(qs, filters, "agendapunt__").order_by("-agendapunt__vergadering__begin", "-pk")


def actiepunten_register(agenda, filters: dict):
    qs = Actiepunt.objects.filter(agendapunt__vergadering__orgaan__agenda=agenda).select_related(
        "agendapunt__vergadering__orgaan", "eigenaar", "actie"
    )
    qs = _filter(qs, filters, "agendapunt__")
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("eigenaar"):
        qs = qs.filter(eigenaar=filters["eigenaar"])
    return qs.order_by("status", "deadline", "pk")


def _filter(qs, filters: dict, via: str):
    if filters.get("orgaan"):
        qs = qs.filter(**{f"{via}vergadering__orgaan": filters["orgaan"]})
    if filters.get("jaar"):
        qs = qs.filter(**{f"{via}vergadering__begin__year": filters["jaar"]})
    if filters.get("onderwerp"):
        qs = qs.filter(**{f"{via}onderwerpen": filters["onderwerp"]})
    return qs.distinct()


@dataclass
class Dekking:
    onderwerp: WettelijkOnderwerp
    punten: list = field(default_factory=list)  # accepted items on stuurgroep meetings
    afspraken: list = field(default_factory=list)

    @property
    def besproken(self) -> bool:
        return any(
            p.vergadering.status in (VergaderStatus.GEHOUDEN, VergaderStatus.VASTGESTELD)
            for p in self.punten
        )

    @property
    def gepland(self) -> bool:
        return bool(self.punten)


def dekking(agenda, jaar: int) -> list[Dekking]:
    """Per statutory topic: where it was (or will be) discussed in `jaar`, and the agreements."""
    punten = (
        Agendapunt.objects.filter(
            vergadering__orgaan__agenda=agenda,
            vergadering__orgaan__soort=Soort.STUURGROEP,
            vergadering__begin__year=jaar,
            status=PuntStatus.GEACCEPTEERD,
        )
        .exclude(vergadering__status=VergaderStatus.GEANNULEERD)
        .select_related("vergadering__orgaan")
        .prefetch_related("onderwerpen", Prefetch("besluiten", queryset=Besluit.objects.all()))
        .order_by("vergadering__begin")
    )
    begin, eind = datetime.date(jaar, 1, 1), datetime.date(jaar, 12, 31)
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


def voor_actie(actie) -> dict:
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
