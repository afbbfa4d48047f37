"""Reads behind the werkgroepen pages: the goal tree, the dashboard, the werkgroep page and the
start page."""

import datetime
import operator
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import reduce
from typing import Any

from django.db.models import (
    Count,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from ambities.models import Knoop
from lea.models import Agenda
from lea.perioden import periode_naam, rapportageperiode
from lea.toegang import agendas_voor
from werkgroepen.models import (
    Actie,
    Voortgang,
    Werkgroep,
)
from werkgroepen.selectors.stand import Stand, stand_per_knoop

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


def werkgroepen_lijst(agenda: Agenda, *, gearchiveerd: bool = False) -> list[Werkgroep]:
    """The agenda's werkgroepen for their list page, each with `aantal_open` (its open actions);
    archived ones only when asked. A fixed number of queries whatever their number."""
    werkgroepen = Werkgroep.objects.filter(agenda=agenda)
    if not gearchiveerd:
        werkgroepen = werkgroepen.actief()
    open_per_werkgroep = (
        Actie.objects.open()
        .filter(werkgroep=OuterRef("pk"))
        .order_by()
        .values("werkgroep")
        .annotate(aantal=Count("pk"))
        .values("aantal")
    )
    return list(
        werkgroepen.select_related("voorzitter", "eindverantwoordelijke")
        .prefetch_related(Prefetch("knopen", queryset=Knoop.objects.order_by("volgorde", "pk")))
        .annotate(aantal_open=Coalesce(Subquery(open_per_werkgroep), 0))
        .order_by("gearchiveerd", "volgorde", "naam")
    )


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
    return {
        "agendas": agendas,
        "mijn_acties": mijn[:100],
        "te_rapporteren": _te_rapporteren(mijn, agendas, gebruiker),
    }


def _te_rapporteren(mijn: Any, agendas: Sequence[Agenda], gebruiker: Any) -> list[Actie]:
    """The actions of the werkgroepen the user chairs without an update in their agenda's
    current period, agenda by agenda.

    One query whatever the number of agendas: the agendas are grouped by the start of their
    period (at most one group per kind of period) and the groups' conditions joined by OR, so
    a user who sees hundreds of agendas does not wait for a query per agenda.
    """
    per_begin: dict[datetime.date, list[int]] = {}
    for agenda in agendas:
        per_begin.setdefault(rapportageperiode_van(agenda).begin, []).append(agenda.pk)
    if not per_begin:
        return []
    voorgezeten = mijn.filter(werkgroep__voorzitter__gebruiker=gebruiker)
    gevonden = reduce(
        operator.or_,
        (
            voorgezeten.filter(agenda__in=agenda_pks).nog_niet_gerapporteerd(sinds=begin)
            for begin, agenda_pks in per_begin.items()
        ),
    )
    plek = {agenda.pk: n for n, agenda in enumerate(agendas)}
    # A stable sort keeps each agenda's own order (its actions by volgorde).
    return sorted(gevonden, key=lambda actie: plek[actie.agenda_id])
