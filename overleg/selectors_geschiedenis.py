"""Reads of the meeting page's sending state and of the change history of meetings and
bodies."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, IntegerField, Model, OuterRef, Q, QuerySet
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.formats import date_format

from lea.models import Opdracht, Persoon
from lea.weergave import naam_van
from overleg.models import (
    Aanwezigheid,
    Actiepunt,
    Agendapunt,
    Besluit,
    Orgaanlid,
    Overlegorgaan,
    Stuk,
    Vergadering,
    VergaderStatus,
    Verzending,
    VerzendSoort,
    VerzendStatus,
)

# --- the agenda's sending, and the change history ----------------------------------------------


@dataclass
class Verzendstand:
    """What the meeting page says about sending the agenda (current version)."""

    verstuurd_op: datetime.datetime | None
    aantal: int  # members this version reached
    wordt_verstuurd: bool
    fase: str  # WORDT_VERSTUURD, OPNIEUW_GEPROBEERD or ""
    gevraagd_op: datetime.datetime | None
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

    @property
    def opnieuw_geprobeerd(self) -> bool:
        return self.fase == OPNIEUW_GEPROBEERD

    @property
    def gestart(self) -> str:
        """When the sending was asked for: "om 14:02" today, else with the date."""
        if self.gevraagd_op is None:
            return ""
        moment = timezone.localtime(self.gevraagd_op)
        if moment.date() == timezone.localdate():
            return f"om {moment:%H:%M}"
        return f"op {date_format(moment, 'j F Y')} om {moment:%H:%M}"


# What a meeting's status says while its agenda is on its way (instead of "Concept").
WORDT_VERSTUURD = "Agenda wordt verstuurd"
OPNIEUW_GEPROBEERD = "Versturen mislukt, wordt opnieuw geprobeerd"


def _wordt_verstuurd(vergadering: Vergadering) -> bool:
    """The secretary (or the daily run) asked to send the agenda and the worker has not
    finished: not sent yet, and not stopped by an error that needs the secretary."""
    return (
        vergadering.agenda_gevraagd_op is not None
        and vergadering.agenda_verstuurd_op is None
        and not vergadering.agenda_fout
        and vergadering.status != VergaderStatus.GEANNULEERD
    )


def _opnieuw_geprobeerd() -> Q:
    """For a meeting (OuterRef): a send of its current version failed and waits for another
    try, or its queued task could not be handed to the worker yet and waits for beat."""
    from overleg.services.verzending import AGENDA_VERSTUUR_TAAK  # services import selectors

    verzending = Verzending.objects.filter(
        vergadering=OuterRef("pk"),
        soort=VerzendSoort.AGENDA,
        versie=OuterRef("agenda_versie"),
        status=VerzendStatus.WACHT,
        pogingen__gt=0,
    )
    opdracht = (
        Opdracht.objects.filter(
            taak=AGENDA_VERSTUUR_TAAK, doorgegeven_op__isnull=True, pogingen__gt=0
        )
        .exclude(laatste_fout="")
        .annotate(vergadering_id=Cast(KeyTextTransform("0", "argumenten"), IntegerField()))
        .filter(vergadering_id=OuterRef("pk"))
    )
    return Q(Exists(verzending)) | Q(Exists(opdracht))


def met_verzendfase(vergaderingen: Iterable[Vergadering]) -> list[Vergadering]:
    """Set `verzendfase` on each meeting: WORDT_VERSTUURD or OPNIEUW_GEPROBEERD while its
    agenda is on its way, else "". Read from the meetings as loaded, plus one query for all
    of them when any is on its way."""
    vergaderingen = list(vergaderingen)
    onderweg = {v.pk for v in vergaderingen if _wordt_verstuurd(v)}
    mislukt: set[int] = set()
    if onderweg:
        mislukt = set(
            Vergadering.objects.filter(pk__in=onderweg)
            .filter(_opnieuw_geprobeerd())
            .values_list("pk", flat=True)
        )
    for vergadering in vergaderingen:
        vergadering.verzendfase = (  # type: ignore[attr-defined]
            (OPNIEUW_GEPROBEERD if vergadering.pk in mislukt else WORDT_VERSTUURD)
            if vergadering.pk in onderweg
            else ""
        )
    return vergaderingen


def verzendstand(vergadering: Vergadering) -> Verzendstand:
    """The sending state of the meeting's agenda; sets its `verzendfase` as well."""
    fase = met_verzendfase([vergadering])[0].verzendfase  # type: ignore[attr-defined]
    verzendingen = list(
        Verzending.objects.filter(
            vergadering=vergadering, soort=VerzendSoort.AGENDA, versie=vergadering.agenda_versie
        ).exclude(status=VerzendStatus.WACHT, pogingen=0)
    )
    return Verzendstand(
        verstuurd_op=vergadering.agenda_verstuurd_op,
        aantal=sum(v.status == VerzendStatus.VERZONDEN for v in verzendingen),
        wordt_verstuurd=bool(fase),
        fase=fase,
        gevraagd_op=vergadering.agenda_gevraagd_op,
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
    if isinstance(waarde, datetime.datetime):
        return date_format(timezone.localtime(waarde), "j F Y, H:i")
    if isinstance(waarde, datetime.date):
        return date_format(waarde, "j F Y")
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
    punt_ids = punten.values("id")  # a subquery, not a query of its own
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
