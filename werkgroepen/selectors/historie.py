"""The change history of actions and werkgroepen as a person reads it: who, when, what."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    BooleanField,
    Field,
    Model,
)

from lea.weergave import naam_van
from werkgroepen.models import (
    Actie,
    Werkgroep,
)

# --- history --------------------------------------------------------------------------------


@dataclass
class Historieregel:
    wanneer: datetime.datetime
    wie: str
    soort: str
    wijzigingen: list[tuple[str, str, str]]
    reden: str = ""  # how the change came in, e.g. "via import acties.xlsx"


def actie_historie(actie: Actie) -> list[Historieregel]:
    """The change history of an action, newest first, with what changed in each step."""
    return historie(actie)


def werkgroep_historie(werkgroep: Werkgroep, aantal: int = 20) -> list[Historieregel]:
    """The latest changes of a werkgroep (who, when, what), newest first."""
    return historie(werkgroep, aantal=aantal)


def historie(obj: Actie | Werkgroep, aantal: int | None = None) -> list[Historieregel]:
    """The change history of an object with django-simple-history, newest first, with what
    changed in each step; `aantal` keeps the newest steps only."""
    model = type(obj)
    records = obj.history.select_related("history_user").order_by("-history_date", "-pk")
    lijst = list(records[: aantal + 1] if aantal is not None else records)
    regels = []
    for i, record in enumerate(lijst):
        vorige = lijst[i + 1] if i + 1 < len(lijst) else None
        if vorige is None and aantal is not None and len(lijst) > aantal:
            break  # the record only there to compare the oldest shown step with
        wijzigingen = verschil(record, vorige, model) if vorige is not None else []
        if vorige is not None and not wijzigingen:
            continue
        soort = {"+": "aangemaakt", "~": "gewijzigd", "-": "verwijderd"}[record.history_type]
        regels.append(
            Historieregel(
                record.history_date,
                naam_van(record.history_user) or "systeem",
                soort,
                wijzigingen,
                record.history_change_reason or "",
            )
        )
    return regels


def verschil(nieuw: Any, oud: Any, model: type[Model] = Actie) -> list[tuple[str, str, str]]:
    """(field label, old, new) for every field that differs between two history records."""
    delta = nieuw.diff_against(oud, excluded_fields=["versie"])
    return [
        (
            str(_veld(model, c.field).verbose_name),
            _toon(model, c.field, c.old),
            _toon(model, c.field, c.new),
        )
        for c in delta.changes
    ]


def _veld(model: type[Model], naam: str) -> "Field[Any, Any]":
    veld = model._meta.get_field(naam)
    if not isinstance(veld, Field):  # the history holds the object's own fields only
        raise TypeError(f"{naam} is geen veld van {model._meta.verbose_name}")
    return veld


def _toon(model: type[Model], naam: str, waarde: Any) -> str:
    """A value from the history as a person reads it: names instead of ids, choice labels."""
    veld = _veld(model, naam)
    if waarde in (None, "", []):
        return "–"
    doel = veld.related_model
    if veld.many_to_many and isinstance(doel, type):
        sleutel = doel._meta.model_name
        pks = [w[sleutel] if isinstance(w, dict) else w for w in waarde]
        return ", ".join(str(o) for o in doel._default_manager.filter(pk__in=pks)) or "–"
    if veld.is_relation and isinstance(doel, type):
        return str(doel._default_manager.filter(pk=waarde).first() or "–")
    if isinstance(veld, BooleanField):
        return "ja" if waarde else "nee"
    if veld.choices:
        return str(dict(veld.flatchoices).get(waarde, waarde))
    return str(waarde)
