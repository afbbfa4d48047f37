"""Reads of the governance pages and the meeting cycle: the agenda builder's proposals, the
agendas that are due, the register, and the statutory-topic coverage."""

import datetime
from dataclasses import dataclass, field
from typing import Any, TypedDict, TypeVar

from django.db.models import Model, Prefetch, Q, QuerySet
from django.utils import timezone

from lea.models import Agenda, Persoon
from lea.perioden import kalenderjaar
from lea.weergave import naam_van
from overleg.models import (
    Aanwezigheid,
    Actiepunt,
    ActiepuntStatus,
    Afspraak,
    Agendapunt,
    Besluit,
    Orgaanlid,
    Overlegorgaan,
    PuntStatus,
    Soort,
    Stuk,
    Vergadering,
    VergaderStatus,
    Verzending,
    VerzendSoort,
    VerzendStatus,
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


def voorstellen_uit_gegevens(vergadering: Vergadering) -> Voorstellen:
    """What the agenda builder proposes: red or overdue actions, pending proposals, statutory
    topics not yet on this year's agendas (stuurgroep), and open earlier action points."""
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


# --- the agenda's sending, and the change history ----------------------------------------------


@dataclass
class Verzendstand:
    """What the meeting page says about sending the agenda (current version)."""

    verstuurd_op: datetime.datetime | None
    aantal: int  # members this version reached
    wordt_verstuurd: bool
    fout: str
    versie: int
    reden: str
    mislukt: list[Verzending]

    @property
    def kan_versturen(self) -> bool:
        return self.verstuurd_op is None and not self.wordt_verstuurd

    @property
    def kan_opnieuw(self) -> bool:
        return self.verstuurd_op is not None


def verzendstand(vergadering: Vergadering) -> Verzendstand:
    verzendingen = list(
        Verzending.objects.filter(
            vergadering=vergadering, soort=VerzendSoort.AGENDA, versie=vergadering.agenda_versie
        ).exclude(status=VerzendStatus.WACHT, pogingen=0)
    )
    return Verzendstand(
        verstuurd_op=vergadering.agenda_verstuurd_op,
        aantal=sum(v.status == VerzendStatus.VERZONDEN for v in verzendingen),
        wordt_verstuurd=vergadering.agenda_gevraagd_op is not None
        and vergadering.agenda_verstuurd_op is None
        and not vergadering.agenda_fout,
        fout=vergadering.agenda_fout,
        versie=vergadering.agenda_versie,
        reden=vergadering.agenda_reden,
        mislukt=[v for v in verzendingen if v.status == VerzendStatus.MISLUKT],
    )


GESCHIEDENIS_LENGTE = 15
_SOORT = {"+": "toegevoegd", "~": "gewijzigd", "-": "verwijderd"}
# Per model: its name in a history line, and the field that names the object.
_BESCHRIJVING: dict[type[Model], tuple[str, str]] = {
    Overlegorgaan: ("Overleg", "naam"),
    Vergadering: ("Vergadering", ""),
    Agendapunt: ("Agendapunt", "titel"),
    Besluit: ("Besluit", "tekst"),
    Actiepunt: ("Actiepunt", "omschrijving"),
    Stuk: ("Stuk", "titel"),
    Aanwezigheid: ("Aanwezigheid", "persoon_id"),
    Orgaanlid: ("Lid", "persoon_id"),
}


@dataclass
class Geschiedenisregel:
    wanneer: datetime.datetime
    wie: str
    wat: str
    wijzigingen: list[tuple[str, str, str]]


def _toon(model: type[Model], naam: str, waarde: Any, namen: dict[tuple[Any, Any], str]) -> str:
    """A value from the history as a person reads it: names instead of ids, choice labels."""
    veld = model._meta.get_field(naam)
    if waarde in (None, ""):
        return "–"
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if veld.is_relation:
        return namen.get((veld.related_model, waarde), f"#{waarde}")
    if getattr(veld, "choices", None):
        return str(dict(veld.flatchoices).get(waarde, waarde))  # type: ignore[union-attr]
    tekst = str(waarde)
    return tekst if len(tekst) <= 80 else tekst[:79] + "…"


def _geschiedenis(bronnen: list[tuple[type[Model], QuerySet[Any]]]) -> list[Geschiedenisregel]:
    """The newest changes over several models' history, in bulk: who, when, what changed."""
    stappen: list[tuple[type[Model], Any, list[Any]]] = []
    for model, records in bronnen:
        vorige: dict[Any, Any] = {}
        for record in records.select_related("history_user").order_by("id", "history_id"):
            eerder = vorige.get(record.id)
            vorige[record.id] = record
            changes = [] if eerder is None else record.diff_against(eerder).changes
            leeg = eerder is not None and record.history_type == "~" and not changes
            if leeg and not record.history_change_reason:
                continue  # a save that changed nothing a person sees
            stappen.append((model, record, changes))
    stappen.sort(key=lambda s: (s[1].history_date, s[1].history_id), reverse=True)
    stappen = stappen[:GESCHIEDENIS_LENGTE]
    # Names of related objects, one query per model.
    gezocht: dict[Any, set[Any]] = {}
    for model, record, changes in stappen:
        if model in (Aanwezigheid, Orgaanlid):
            gezocht.setdefault(Persoon, set()).add(record.persoon_id)
        for c in changes:
            veld = model._meta.get_field(c.field)
            if veld.is_relation:
                gezocht.setdefault(veld.related_model, set()).update({c.old, c.new} - {None})
    namen = {
        (gerelateerd, pk): str(obj)
        for gerelateerd, pks in gezocht.items()
        for pk, obj in gerelateerd._default_manager.in_bulk(pks).items()
    }
    regels = []
    for model, record, changes in stappen:
        label, titelveld = _BESCHRIJVING[model]
        titel = str(getattr(record, titelveld, "") or "") if titelveld else ""
        if model in (Aanwezigheid, Orgaanlid):
            titel = namen.get((Persoon, record.persoon_id), "")
        wat = f"{label} ‘{titel[:60]}’" if titel else label
        wat += f" {_SOORT[record.history_type]}"
        if record.history_change_reason:
            wat += f": {record.history_change_reason}"
        regels.append(
            Geschiedenisregel(
                wanneer=record.history_date,
                wie=naam_van(record.history_user) or "systeem",
                wat=wat,
                wijzigingen=[
                    (
                        str(getattr(model._meta.get_field(c.field), "verbose_name", c.field)),
                        _toon(model, c.field, c.old, namen),
                        _toon(model, c.field, c.new, namen),
                    )
                    for c in changes
                ],
            )
        )
    return regels


def vergadering_geschiedenis(vergadering: Vergadering) -> list[Geschiedenisregel]:
    """The latest changes to a meeting, its items, decisions, action points, papers and
    attendance (deleted items included)."""
    punten = Agendapunt.history.filter(vergadering_id=vergadering.pk)
    punt_ids = set(punten.values_list("id", flat=True))
    return _geschiedenis(
        [
            (Vergadering, Vergadering.history.filter(id=vergadering.pk)),
            (Agendapunt, punten),
            (Besluit, Besluit.history.filter(agendapunt_id__in=punt_ids)),
            (Actiepunt, Actiepunt.history.filter(agendapunt_id__in=punt_ids)),
            (Stuk, Stuk.history.filter(vergadering_id=vergadering.pk)),
            (Aanwezigheid, Aanwezigheid.history.filter(vergadering_id=vergadering.pk)),
        ]
    )


def orgaan_geschiedenis(orgaan: Overlegorgaan) -> list[Geschiedenisregel]:
    """The latest changes to a body and its members."""
    return _geschiedenis(
        [
            (Overlegorgaan, Overlegorgaan.history.filter(id=orgaan.pk)),
            (Orgaanlid, Orgaanlid.history.filter(orgaan_id=orgaan.pk)),
        ]
    )
