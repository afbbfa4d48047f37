"""The change history of monitoring's records, as the pages show it: who, when, what.

Read from django-simple-history's tables; each page shows the latest changes only (a few
queries for a short list, not one per record of the agenda).
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import connection, models
from django.utils import formats, timezone

from lea.models import Agenda
from lea.weergave import naam_van
from monitoring.models import (
    Begroting,
    Begrotingsbedrag,
    Begrotingspost,
    Financiering,
    Financieringsbedrag,
    Geldregel,
    Indicator,
    Meting,
    Realisatie,
    School,
    Schoolweging,
    Signaalregel,
    VeCijfers,
    Verantwoording,
)

AANTAL = 10  # changes shown per page

_SOORT = {"+": "toegevoegd", "~": "gewijzigd", "-": "verwijderd"}


@dataclass(frozen=True)
class Wijziging:
    """One change of one record: when, by whom ("" when done by the system), and what."""

    wanneer: datetime.datetime
    wie: str
    wat: str


def _waarde(veld: models.Field[Any, Any], waarde: Any) -> str:
    if waarde is None or waarde == "":
        return "–"
    if veld.choices:
        return str(dict(veld.flatchoices).get(waarde, waarde))
    if isinstance(waarde, datetime.datetime):
        return formats.date_format(timezone.localtime(waarde), "j F Y, H:i")
    if isinstance(waarde, datetime.date):
        return formats.date_format(waarde, "j F Y")
    if isinstance(waarde, (int, Decimal)) and not isinstance(waarde, bool):
        # Dutch notation with grouping; no "€", so a page's own amounts stay the only ones.
        return formats.number_format(waarde, force_grouping=True)
    return str(formats.localize(waarde))


def _wat(record: Any, label: str, vorig: Any | None) -> str:
    """ "<label> gewijzigd (veld: oud → nieuw; …)" for one historical record."""
    wat = f"{label} {_SOORT.get(record.history_type, 'gewijzigd')}"
    if record.history_type != "~":
        return wat
    model = record.instance_type
    # Fields the history keeps (a model may exclude some, e.g. its `volgorde`).
    bewaard = {f.name for f in type(record)._meta.concrete_fields}
    velden = {
        f.name: f
        for f in model._meta.concrete_fields
        if not f.is_relation and not f.primary_key and f.name in bewaard
    }
    if vorig is None:  # no earlier row (made before its history was kept): the new values
        nu = [
            f"{v.verbose_name}: {_waarde(v, getattr(record, naam))}" for naam, v in velden.items()
        ]
        return f"{wat} (nu {'; '.join(nu)})"
    delta = record.diff_against(vorig, included_fields=list(velden))
    veranderd = [
        f"{velden[c.field].verbose_name}: {_waarde(velden[c.field], c.old)} → "
        f"{_waarde(velden[c.field], c.new)}"
        for c in delta.changes
    ]
    return f"{wat} ({'; '.join(veranderd)})" if veranderd else wat


def _wijziging(record: Any, label: str, vorig: Any | None) -> Wijziging:
    return Wijziging(record.history_date, naam_van(record.history_user), _wat(record, label, vorig))


Bron = tuple[models.QuerySet[Any], Callable[[Any], str]]


def _paden(boom: dict[str, Any], voor: str = "") -> list[str]:
    """The select_related paths of a query's nested select_related dict."""
    return [p for k, v in boom.items() for p in (_paden(v, f"{voor}{k}__") if v else [voor + k])]


def _met_vorige(
    qs: models.QuerySet[Any], ids: list[int], gewijzigd: list[int]
) -> tuple[list[Any], dict[int, Any]]:
    """The history rows `ids` of one table and, in the same query, the row before each change
    (what `prev_record` would fetch one by one) of those in `gewijzigd` (changes, not additions
    or deletions): the rows, and the previous row per row id."""
    model = qs.model
    vorige = (
        model.objects.filter(
            id=models.OuterRef("id"), history_date__lt=models.OuterRef("history_date")
        )
        .order_by("-history_date", "-history_id")
        .values("history_id")[:1]
    )
    vorig_id = model.objects.filter(history_id__in=gewijzigd).annotate(
        vorig=models.Subquery(vorige)
    )
    samen = model.objects.filter(
        models.Q(history_id__in=ids)
        | (models.Q(history_id__in=vorig_id.values("vorig")) if gewijzigd else models.Q())
    )
    boom = qs.query.select_related
    samen = samen.select_related("history_user", *(_paden(boom) if isinstance(boom, dict) else []))
    rijen = {r.history_id: r for r in samen}
    per_record: dict[int, list[Any]] = {}
    for r in sorted(rijen.values(), key=lambda r: (r.history_date, r.history_id)):
        per_record.setdefault(r.id, []).append(r)
    vorig: dict[int, Any] = {}
    for reeks in per_record.values():
        for eerder, later in itertools.pairwise(reeks):
            vorig[later.history_id] = eerder
    return [rijen[i] for i in ids if i in rijen], vorig


def _laatste(bronnen: Iterable[Bron], aantal: int) -> list[Wijziging]:
    """The newest `aantal` changes over several history tables, each with what changed: one
    query picks them over all tables, then one query per table that has any of them."""
    bronnen = list(bronnen)
    delen = [
        qs.order_by()
        .annotate(lea_tabel=models.Value(i, models.IntegerField()))
        .values_list("history_id", "history_date", "history_type", "lea_tabel")
        for i, (qs, _label) in enumerate(bronnen)
    ]
    if connection.features.supports_slicing_ordering_in_compound:
        # Each table reads its own newest rows by its index, not all of the agenda's history.
        delen = [deel.order_by("-history_date")[:aantal] for deel in delen]
    gekozen = list(delen[0].union(*delen[1:], all=True).order_by("-history_date")[:aantal])
    records: list[tuple[Any, Any | None, Callable[[Any], str]]] = []
    for i, (qs, label) in enumerate(bronnen):
        ids = [h for h, _d, _t, bron in gekozen if bron == i]
        if ids:
            gewijzigd = [h for h, _d, soort, bron in gekozen if bron == i and soort == "~"]
            rijen, vorig = _met_vorige(qs, ids, gewijzigd)
            records += [(r, vorig.get(r.history_id), label) for r in rijen]
    records.sort(key=lambda rij: rij[0].history_date, reverse=True)
    return [
        _wijziging(r, label(r), vorig if r.history_type == "~" else None)
        for r, vorig, label in records[:aantal]
    ]


def geschiedenis_cijfers(agenda: Agenda, aantal: int = AANTAL) -> list[Wijziging]:
    """The indicators page: the latest changes of indicators, measurements, schools,
    schoolweging, the signal rule and the VE figures."""
    h = {m: m.history.model for m in (Indicator, Meting, School, Schoolweging, Signaalregel)}
    return _laatste(
        [
            (h[Indicator].objects.filter(agenda=agenda), lambda r: f"Indicator ‘{r.naam}’"),
            (
                h[Meting].objects.filter(indicator__agenda=agenda).select_related("indicator"),
                lambda r: f"Meting {r.jaar} van ‘{r.indicator.naam}’",
            ),
            (h[School].objects.filter(agenda=agenda), lambda r: f"School {r.naam}"),
            (
                h[Schoolweging].objects.filter(school__agenda=agenda).select_related("school"),
                lambda r: f"Schoolweging {r.jaar} van {r.school.naam}",
            ),
            (h[Signaalregel].objects.filter(agenda=agenda), lambda r: "Signaalregel schoolweging"),
            (
                VeCijfers.history.model.objects.filter(agenda=agenda),
                lambda r: f"VE-cijfers {r.jaar}",
            ),
        ],
        aantal,
    )


def geschiedenis_begroting(agenda: Agenda, aantal: int = AANTAL) -> list[Wijziging]:
    """The budget page: the latest changes of the budget, its lines, amounts and funding."""
    h = {m: m.history.model for m in (Begroting, Begrotingspost, Begrotingsbedrag, Financiering)}
    return _laatste(
        [
            (h[Begroting].objects.filter(agenda=agenda), lambda r: "Begroting"),
            (
                h[Begrotingspost].objects.filter(begroting__agenda=agenda),
                lambda r: f"Post ‘{r.naam}’",
            ),
            (
                h[Begrotingsbedrag]
                .objects.filter(post__begroting__agenda=agenda)
                .select_related("post"),
                lambda r: f"Bedrag {r.jaar} van ‘{r.post.naam}’",
            ),
            (
                h[Financiering].objects.filter(begroting__agenda=agenda),
                lambda r: f"Financiering ‘{r.naam}’",
            ),
            (
                Financieringsbedrag.history.model.objects.filter(
                    financiering__begroting__agenda=agenda
                ).select_related("financiering"),
                lambda r: f"Financiering {r.jaar} van ‘{r.financiering.naam}’",
            ),
            (
                Realisatie.history.model.objects.filter(
                    begrotingsbedrag__post__begroting__agenda=agenda
                ).select_related("begrotingsbedrag__post"),
                lambda r: (
                    f"Realisatie {r.begrotingsbedrag.jaar} kwartaal {r.kwartaal} van "
                    f"‘{r.begrotingsbedrag.post.naam}’"
                ),
            ),
            (Geldregel.history.model.objects.filter(agenda=agenda), lambda r: "Geldregel"),
        ],
        aantal,
    )


def geschiedenis_verantwoordingen(agenda: Agenda) -> dict[int, list[Wijziging]]:
    """Per yearly account (by id), its changes, newest first: one query for the agenda."""
    records = (
        Verantwoording.history.model.objects.filter(agenda=agenda)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    vorige: dict[int, Any] = {}
    uit: dict[int, list[Wijziging]] = {}
    for record in records:
        label = f"Jaarverantwoording {record.jaar}"
        uit.setdefault(record.id, []).insert(0, _wijziging(record, label, vorige.get(record.id)))
        vorige[record.id] = record
    return uit


def geschiedenis_van(obj: Any, label: str, aantal: int = AANTAL) -> list[Wijziging]:
    """One record's latest changes, newest first, with what changed (for its edit page)."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : aantal + 1
        ]
    )
    return [
        _wijziging(
            r, label, records[i + 1] if r.history_type == "~" and i + 1 < len(records) else None
        )
        for i, r in enumerate(records[:aantal])
    ]


def geschiedenis_post(post: Begrotingspost, aantal: int = AANTAL) -> list[Wijziging]:
    """A budget line's page: changes of the line, its amounts and its quarterly realisations."""
    return _laatste(
        [
            (Begrotingspost.history.model.objects.filter(id=post.pk), lambda r: f"Post ‘{r.naam}’"),
            (
                Begrotingsbedrag.history.model.objects.filter(post_id=post.pk),
                lambda r: f"Bedrag {r.jaar}",
            ),
            (
                Realisatie.history.model.objects.filter(
                    begrotingsbedrag__post_id=post.pk
                ).select_related("begrotingsbedrag"),
                lambda r: f"Realisatie {r.begrotingsbedrag.jaar} kwartaal {r.kwartaal}",
            ),
        ],
        aantal,
    )


def geschiedenis_financiering(financiering: Financiering, aantal: int = AANTAL) -> list[Wijziging]:
    return _laatste(
        [
            (
                Financiering.history.model.objects.filter(id=financiering.pk),
                lambda r: f"Financiering ‘{r.naam}’",
            ),
            (
                Financieringsbedrag.history.model.objects.filter(financiering_id=financiering.pk),
                lambda r: f"Bedrag {r.jaar}",
            ),
        ],
        aantal,
    )


def geschiedenis_school(school: School, aantal: int = AANTAL) -> list[Wijziging]:
    return _laatste(
        [
            (School.history.model.objects.filter(id=school.pk), lambda r: f"School {r.naam}"),
            (
                Schoolweging.history.model.objects.filter(school_id=school.pk),
                lambda r: f"Schoolweging {r.jaar}",
            ),
        ],
        aantal,
    )


def geschiedenis_indicator(indicator: Indicator, aantal: int = AANTAL) -> list[Wijziging]:
    return _laatste(
        [
            (
                Indicator.history.model.objects.filter(id=indicator.pk),
                lambda r: f"Indicator ‘{r.naam}’",
            ),
            (
                Meting.history.model.objects.filter(indicator_id=indicator.pk),
                lambda r: f"Meting {r.jaar}",
            ),
        ],
        aantal,
    )
