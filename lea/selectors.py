"""Reads of the core that are more than a QuerySet method."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Min, Model
from django.utils import timezone
from django.utils.formats import date_format

from lea.models import Agenda, Opdracht
from lea.weergave import naam_van


@dataclass(frozen=True)
class Wachtrij:
    """What waits for the broker: how many, and since when."""

    wachtend: int
    oudste: datetime.datetime | None


def wachtrij(agenda: Agenda | None = None) -> Wachtrij:
    """The queue status of one agenda (or of the installation): one query."""
    qs = Opdracht.objects.filter(doorgegeven_op__isnull=True)
    if agenda is not None:
        qs = qs.filter(agenda=agenda)
    stand = qs.aggregate(n=Count("pk"), oudste=Min("aangemaakt"))
    return Wachtrij(stand["n"], stand["oudste"])


# --- the history of one object ("Geschiedenis" on its page) ------------------------------------

GESCHIEDENIS_LENGTE = 10
_SOORT = {"+": "aangemaakt", "~": "gewijzigd", "-": "verwijderd"}


@dataclass(frozen=True)
class Geschiedenisregel:
    wanneer: datetime.datetime
    wie: str
    wat: str
    wijzigingen: list[tuple[str, str, str]]


def _toon(model: type[Model], naam: str, waarde: Any) -> str:
    veld = model._meta.get_field(naam)
    if waarde in (None, ""):
        return "–"
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if getattr(veld, "choices", None):
        return str(dict(veld.flatchoices).get(waarde, waarde))  # type: ignore[union-attr]
    if veld.is_relation and veld.related_model is not None:
        obj = veld.related_model._default_manager.filter(pk=waarde).first()
        return str(obj) if obj is not None else f"#{waarde}"
    if isinstance(waarde, datetime.datetime):
        return date_format(timezone.localtime(waarde), "j F Y, H:i")
    if isinstance(waarde, datetime.date):
        return date_format(waarde, "j F Y")
    tekst = str(waarde)
    return tekst if len(tekst) <= 80 else tekst[:79] + "…"


def geschiedenis(obj: Model, aantal: int = GESCHIEDENIS_LENGTE) -> list[Geschiedenisregel]:
    """The latest changes of one object with django-simple-history: who, when, what changed."""
    model = type(obj)
    records = list(
        obj.history.select_related("history_user").order_by("-history_date", "-history_id")[  # type: ignore[attr-defined]
            : aantal + 1
        ]
    )
    regels: list[Geschiedenisregel] = []
    for nieuw, oud in zip(records, [*records[1:], None], strict=True):
        if len(regels) == aantal:
            break
        changes = [] if oud is None else nieuw.diff_against(oud).changes
        if oud is not None and not changes:
            continue  # a save that changed nothing a person sees
        regels.append(
            Geschiedenisregel(
                wanneer=nieuw.history_date,
                wie=naam_van(nieuw.history_user) or "systeem",
                wat=_SOORT.get(nieuw.history_type, "gewijzigd"),
                wijzigingen=[
                    (
                        str(getattr(model._meta.get_field(c.field), "verbose_name", c.field)),
                        _toon(model, c.field, c.old),
                        _toon(model, c.field, c.new),
                    )
                    for c in changes
                ],
            )
        )
    return regels
