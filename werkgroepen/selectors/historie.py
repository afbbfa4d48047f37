"""The change history of actions and werkgroepen as a person reads it: who, when, what.

Read in bulk, so a page costs the same queries however long the history: the rows shown plus
the one before the oldest (to compare it with) in one query, with the author and the related
objects joined, and the many-to-many sets of those rows in one query per set, their objects
joined. Which fields differ is computed in Python from the rows themselves; names, choice
labels, yes/no and dates in words need no query more.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Generic, TypeAlias, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import BooleanField, Field, Model
from django.utils import timezone
from django.utils.formats import date_format
from simple_history.models import HistoricalRecords
from simple_history.utils import get_m2m_reverse_field_name

from lea.models import Agenda
from lea.weergave import naam_van
from werkgroepen.models import (
    Actie,
    Werkgroep,
)

# Steps of an action's history on one page.
PER_PAGINA = 20
# The optimistic-locking counter changes with every save: not a change a person made.
NIET_VERGELEKEN = frozenset({"versie"})
SOORTEN = {"+": "aangemaakt", "~": "gewijzigd", "-": "verwijderd"}
# A field's name in the history where its verbose name is a word of the data model, not of
# the page (the action form calls the texts from the plan notes).
LABELS = {
    "regie_persoon": "regie (persoon)",
    "regie_tekst": "notitie bij de regie",
    "partners_tekst": "notitie bij wie helpen mee",
    "timing_tekst": "planning",
    "leeftijd_tekst": "leeftijd",
}
# The highest page number read: a larger one shows the last page (and keeps the offset small).
HOOGSTE_PAGINA = 1_000_000

T = TypeVar("T")
Veld: TypeAlias = "Field[Any, Any]"  # a string: Field is not subscriptable at run time


@dataclass
class Historieregel:
    wanneer: datetime.datetime
    wie: str
    soort: str
    wijzigingen: list[tuple[str, str, str]]
    reden: str = ""  # how the change came in, e.g. "via import acties.xlsx"


@dataclass
class Blad(Generic[T]):
    """One page of a list read newest first, page 1 the newest. The list is not counted:
    `ouder` says whether an older page follows."""

    regels: list[T]
    nummer: int
    ouder: bool

    @property
    def nieuwer(self) -> bool:
        return self.nummer > 1

    def __iter__(self) -> Iterator[T]:
        return iter(self.regels)

    def __len__(self) -> int:
        return len(self.regels)

    def __getitem__(self, index: int) -> T:
        return self.regels[index]


def blad(rijen: Any, pagina: object, per: int) -> Blad[Any]:
    """Page `pagina` (e.g. the query parameter as given) of the QuerySet `rijen`, in its
    order: one query; an invalid number gives the first page, one past the end the last."""
    nummer, gelezen = _lees_blad(rijen, pagina, per)
    return Blad(gelezen[:per], nummer, len(gelezen) > per)


def actie_historie(actie: Actie, pagina: object = 1) -> Blad[Historieregel]:
    """One page of an action's change history, newest first, PER_PAGINA steps a page (fewer
    where a step changed nothing a person sees); an invalid page number gives the first page,
    one past the end the last. Three queries: the rows, and the sets regie and partners."""
    nummer, rijen = _lees_blad(_records(actie), pagina, PER_PAGINA)
    regels = _regels(Actie, rijen, getoond=PER_PAGINA)
    return Blad(regels, nummer, len(rijen) > PER_PAGINA)


def werkgroep_historie(werkgroep: Werkgroep, aantal: int = 20) -> list[Historieregel]:
    """The latest changes of a werkgroep (who, when, what), newest first."""
    return historie(werkgroep, aantal=aantal)


def historie(obj: Actie | Werkgroep, aantal: int | None = None) -> list[Historieregel]:
    """The change history of an object with django-simple-history, newest first, with what
    changed in each step; `aantal` keeps the newest steps only."""
    records = _records(obj)
    rijen = list(records[: aantal + 1] if aantal is not None else records)
    return _regels(type(obj), rijen, getoond=len(rijen) if aantal is None else aantal)


def verschil(nieuw: Any, oud: Any, model: type[Model] = Actie) -> list[tuple[str, str, str]]:
    """(field label, old, new) for every field that differs between two history records."""
    return _wijzigingen(model, [(nieuw, oud)])[0]


# --- reading the rows -------------------------------------------------------------------------


def _lees_blad(rijen: Any, pagina: object, per: int) -> tuple[int, list[Any]]:
    """The number of the page read and its rows, plus the first row of the next page if any."""
    try:
        nummer = min(max(1, int(str(pagina))), HOOGSTE_PAGINA)
    except ValueError:
        nummer = 1
    gelezen = list(rijen[(nummer - 1) * per : nummer * per + 1])
    if not gelezen and nummer > 1:  # past the end: the last page (one count more)
        nummer = max(1, -(-rijen.count() // per))
        gelezen = list(rijen[(nummer - 1) * per : nummer * per + 1])
    return nummer, gelezen


@cache
def _historisch(model: type[Model]) -> Any:
    return getattr(model, "history").model  # noqa: B009 - set by django-simple-history


@cache
def _velden(model: type[Model]) -> tuple[Veld, ...]:
    """The fields a person changes, in the model's order."""
    return tuple(
        veld
        for veld in _historisch(model).tracked_fields
        if veld.editable and veld.name not in NIET_VERGELEKEN
    )


@cache
def _m2m_velden(model: type[Model]) -> tuple[Veld, ...]:
    """The many-to-many fields with history, in the model's order (simple-history keeps
    them in a set)."""
    velden = _historisch(model)._history_m2m_fields
    return tuple(sorted(velden, key=lambda veld: veld.creation_counter))


def _records(obj: Actie | Werkgroep) -> Any:
    """The object's history rows, newest first, with the author and related objects joined.

    Not the agenda: no page moves an object to another agenda, and its wide row would double
    the read's time; should the superuser ever move one, that step reads the name on its own.
    """
    relaties = [
        veld.name
        for veld in _velden(type(obj))
        if veld.many_to_one and veld.related_model is not Agenda
    ]
    records = obj.history.select_related("history_user", *relaties)
    return records.order_by("-history_date", "-pk")


def _regels(model: type[Model], rijen: list[Any], getoond: int) -> list[Historieregel]:
    """The steps of the first `getoond` rows (newest first), each compared with the row after
    it; a row past `getoond` is there only to be compared with. A step in which nothing a
    person sees changed (only the version counter) is left out."""
    paren = [(rij, rijen[i + 1] if i + 1 < len(rijen) else None) for i, rij in enumerate(rijen)]
    paren = paren[:getoond]
    wijzigingen = _wijzigingen(model, paren)
    return [
        Historieregel(
            rij.history_date,
            naam_van(rij.history_user) or "systeem",
            SOORTEN[rij.history_type],
            lijst,
            rij.history_change_reason or "",
        )
        for (rij, vorige), lijst in zip(paren, wijzigingen, strict=True)
        if vorige is None or lijst
    ]


def _wijzigingen(
    model: type[Model], paren: Sequence[tuple[Any, Any | None]]
) -> list[list[tuple[str, str, str]]]:
    """For each (new, old) pair of history rows: (label, old, new) of every field that
    differs, in the model's order; nothing for a pair without an old row."""
    velden = _velden(model)
    rijen = [rij for paar in paren for rij in paar if rij is not None]
    sets = {veld: _set_per_rij(veld, rijen) for veld in _m2m_velden(model)}
    return [
        _verschillen(nieuw, oud, velden, sets) if oud is not None else [] for nieuw, oud in paren
    ]


def _set_per_rij(veld: Veld, rijen: list[Any]) -> dict[Any, dict[Any, str]]:
    """A many-to-many set as each history row recorded it ({id: name}): one query for all
    rows, the objects joined (one deleted since is left out of the names)."""
    tussen = HistoricalRecords.m2m_models[veld]
    doel = tussen._meta.get_field(get_m2m_reverse_field_name(veld))
    per_rij: dict[Any, dict[Any, str]] = defaultdict(dict)
    ids = {rij.history_id for rij in rijen}
    for regel in tussen._default_manager.filter(history_id__in=ids).select_related(doel.name):
        obj = getattr(regel, doel.name)
        per_rij[regel.history_id][getattr(regel, doel.attname)] = "" if obj is None else str(obj)
    return per_rij


def _verschillen(
    nieuw: Any, oud: Any, velden: tuple[Veld, ...], sets: dict[Veld, dict[Any, dict[Any, str]]]
) -> list[tuple[str, str, str]]:
    uit = [
        (_label(veld), _toon(veld, oud), _toon(veld, nieuw))
        for veld in velden
        if getattr(oud, veld.attname) != getattr(nieuw, veld.attname)
    ]
    for veld, per_rij in sets.items():
        was, wordt = per_rij.get(oud.history_id, {}), per_rij.get(nieuw.history_id, {})
        if was.keys() != wordt.keys():
            uit.append((_label(veld), _namen(was), _namen(wordt)))
    return uit


def _label(veld: Veld) -> str:
    if veld.model is Actie:
        return LABELS.get(veld.name, str(veld.verbose_name))
    return str(veld.verbose_name)


def _namen(namen: dict[Any, str]) -> str:
    return ", ".join(sorted((n for n in namen.values() if n), key=str.casefold)) or "–"


def _toon(veld: Veld, rij: Any) -> str:
    """A field of a history row as a person reads it: names instead of ids, choice labels,
    yes or no, dates in words."""
    if veld.is_relation:
        try:
            obj = getattr(rij, veld.name)  # joined by _records; deleted since: None
        except ObjectDoesNotExist:
            obj = None
        return "–" if obj is None else str(obj)
    waarde = getattr(rij, veld.attname)
    if waarde is None or waarde == "":
        return "–"
    if isinstance(veld, BooleanField):
        return "ja" if waarde else "nee"
    if veld.choices:
        return str(dict(veld.flatchoices).get(waarde, waarde))
    if isinstance(waarde, datetime.datetime):
        return date_format(timezone.localtime(waarde), "j F Y, H:i")
    if isinstance(waarde, datetime.date):
        return date_format(waarde, "j F Y")
    return str(waarde)
