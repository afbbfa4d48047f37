"""One whole agenda as one JSON document: export, validation and import.

Each app contributes the sections it owns (registered in its AppConfig.ready), so the core
knows nothing about the apps that build on it and the one-way dependency holds. Sections run
in registration order, which follows INSTALLED_APPS: what a section refers to is always
imported before it.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Literal, TypeVar, overload

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.text import slugify

from lea.models import Agenda
from lea.services import bewaar

M = TypeVar("M", bound=models.Model)

FORMAAT = "lea-agenda"
VERSIE = 1


class ImportFout(Exception):
    """The document cannot be imported; the message says where and why, in Dutch."""


@dataclass(frozen=True)
class Overgang:
    """What a section's `nieuwe_periode` may read besides its own data: the old agenda, the
    keys of its export (key -> old object: `sleutels.obj(soort, sleutel, pad)`) and the new
    document so far (the sections before it, already carried over)."""

    agenda: Any
    sleutels: Sleutels
    document: dict[str, Any]

    def sleutels_in(self, sectie: str) -> set[str]:
        """The keys of the items a list section carries over (e.g. "personen", "knopen")."""
        items = self.document.get(sectie)
        if not isinstance(items, list):
            return set()
        return {i["sleutel"] for i in items if isinstance(i, dict) and "sleutel" in i}


def alleen(sleutel: Any, blijvend: set[str]) -> Any:
    """A reference that carries over only if what it points to does (else None)."""
    return sleutel if sleutel in blijvend else None


def alleen_lijst(sleutels: Any, blijvend: set[str]) -> list[Any]:
    """The references of a list that carry over."""
    return [s for s in sleutels or [] if s in blijvend]


NieuwePeriode = Callable[[Any, Overgang], Any]


def ongewijzigd(data: Any, overgang: Overgang) -> Any:
    """The default for the next period: the section is copied unchanged."""
    return data


@dataclass(frozen=True)
class Sectie:
    naam: str
    exporteer: Callable[[Any, Sleutels], Any]
    importeer: Callable[[Any, Any, Sleutels], Any]
    nieuwe_periode: NieuwePeriode = ongewijzigd


_SECTIES: list[Sectie] = []


def registreer(
    naam: str,
    *,
    exporteer: Callable[[Any, Sleutels], Any],
    importeer: Callable[[Any, Any, Sleutels], Any],
    nieuwe_periode: NieuwePeriode | None = None,
) -> None:
    """Register a section. `nieuwe_periode(data, overgang) -> data` says what of the section
    carries over to the agenda's next period (default: all of it, unchanged)."""
    if any(s.naam == naam for s in _SECTIES):
        return
    _SECTIES.append(Sectie(naam, exporteer, importeer, nieuwe_periode or ongewijzigd))


class Sleutels:
    """Keys that cross-reference objects inside one document (kind, key) <-> object."""

    def __init__(self) -> None:
        self._naar_obj: dict[tuple[str, str], Any] = {}
        self._naar_sleutel: dict[tuple[str, Any], str] = {}

    def geef(self, soort: str, obj: Any, basis: str) -> str:
        """Export: a stable, readable key for obj, unique within its kind."""
        stam = slugify(basis)[:40].strip("-") or soort
        sleutel, n = stam, 1
        while (soort, sleutel) in self._naar_obj:
            n += 1
            sleutel = f"{stam}-{n}"
        self.koppel(soort, sleutel, obj)
        return sleutel

    def koppel(self, soort: str, sleutel: str, obj: Any) -> None:
        self._naar_obj[(soort, sleutel)] = obj
        self._naar_sleutel[(soort, obj.pk)] = sleutel

    def sleutel(self, soort: str, obj: Any) -> str | None:
        return None if obj is None else self._naar_sleutel[(soort, obj.pk)]

    def sleutels(self, soort: str, objs: Iterable[Any]) -> list[str]:
        return [self._naar_sleutel[(soort, o.pk)] for o in objs]

    def obj(self, soort: str, sleutel: Any, pad: str, *, leeg: bool = True) -> Any:
        if sleutel is None and leeg:
            return None
        if not isinstance(sleutel, str) or (soort, sleutel) not in self._naar_obj:
            raise ImportFout(
                f"{pad}: onbekende verwijzing {sleutel!r} (geen {soort} met die sleutel)."
            )
        return self._naar_obj[(soort, sleutel)]

    def objs(self, soort: str, sleutels: Any, pad: str) -> list[Any]:
        return [
            self.obj(soort, s, f"{pad}[{i}]", leeg=False)
            for i, s in enumerate(lijst(sleutels, pad))
        ]

    def nieuw(self, soort: str, sleutel: Any, pad: str, obj: Any) -> None:
        if not isinstance(sleutel, str) or not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", sleutel):
            raise ImportFout(f"{pad}.sleutel: {sleutel!r} is geen geldige sleutel (a-z, 0-9, -).")
        if (soort, sleutel) in self._naar_obj:
            raise ImportFout(f"{pad}.sleutel: {sleutel!r} komt twee keer voor.")
        self.koppel(soort, sleutel, obj)


# --- reading values from a document, with a clear Dutch message on anything malformed -------


def lijst(waarde: Any, pad: str) -> list:
    if waarde is None:
        return []
    if not isinstance(waarde, list):
        raise ImportFout(f"{pad}: verwacht een lijst.")
    return waarde


def object_(waarde: Any, pad: str) -> dict:
    if not isinstance(waarde, dict):
        raise ImportFout(f"{pad}: verwacht een object ({{…}}).")
    return waarde


def tekst(data: dict, veld: str, pad: str, *, verplicht: bool = False) -> str:
    waarde = data.get(veld, "")
    if waarde is None:
        waarde = ""
    if not isinstance(waarde, str):
        raise ImportFout(f"{pad}.{veld}: verwacht tekst.")
    if verplicht and not waarde.strip():
        raise ImportFout(f"{pad}.{veld}: ontbreekt.")
    return waarde


@overload
def geheel(data: dict, veld: str, pad: str, *, verplicht: Literal[True]) -> int: ...
@overload
def geheel(data: dict, veld: str, pad: str, *, verplicht: bool = False) -> int | None: ...
def geheel(data: dict, veld: str, pad: str, *, verplicht: bool = False) -> int | None:
    waarde = data.get(veld)
    if waarde is None:
        if verplicht:
            raise ImportFout(f"{pad}.{veld}: ontbreekt.")
        return None
    if isinstance(waarde, bool) or not isinstance(waarde, int):
        raise ImportFout(f"{pad}.{veld}: verwacht een geheel getal.")
    return waarde


@overload
def datum(data: dict, veld: str, pad: str, *, verplicht: Literal[True]) -> datetime.date: ...
@overload
def datum(data: dict, veld: str, pad: str, *, verplicht: bool = False) -> datetime.date | None: ...
def datum(data: dict, veld: str, pad: str, *, verplicht: bool = False) -> datetime.date | None:
    waarde = data.get(veld)
    if waarde in (None, ""):
        if verplicht:
            raise ImportFout(f"{pad}.{veld}: ontbreekt.")
        return None
    try:
        return datetime.date.fromisoformat(waarde)
    except (TypeError, ValueError):
        raise ImportFout(f"{pad}.{veld}: {waarde!r} is geen datum (JJJJ-MM-DD).") from None


def janee(data: dict, veld: str, pad: str) -> bool:
    """An optional true/false key (absent or null: false)."""
    waarde = data.get(veld)
    if waarde is None:
        return False
    if not isinstance(waarde, bool):
        raise ImportFout(f"{pad}.{veld}: verwacht true of false.")
    return waarde


def bedrag(waarde: Any, pad: str) -> Decimal:
    if isinstance(waarde, bool) or not isinstance(waarde, int | float | str):
        raise ImportFout(f"{pad}: verwacht een bedrag.")
    try:
        return Decimal(str(waarde))
    except InvalidOperation:
        raise ImportFout(f"{pad}: {waarde!r} is geen bedrag.") from None


def bedrag_uit(waarde: Decimal) -> int | str:
    """Whole euros as a JSON number, anything else as an exact string."""
    return int(waarde) if waarde == waarde.to_integral_value() else str(waarde)


def keuze(
    data: dict, veld: str, pad: str, choices: type[models.TextChoices], standaard: str
) -> str:
    waarde = data.get(veld) or standaard
    if waarde not in choices.values:
        toegestaan = ", ".join(choices.values)
        raise ImportFout(f"{pad}.{veld}: {waarde!r} is geen geldige waarde ({toegestaan}).")
    return waarde


def bewaar_ingelezen(obj: M, pad: str, **m2m: list) -> M:
    """Save what the document says (lea.services.bewaar), a validation error becoming an
    ImportFout that names the place in the document."""
    try:
        bewaar(obj)
    except ValidationError as exc:
        meldingen = "; ".join(
            f"{veld}: {' '.join(fouten)}" if veld != "__all__" else " ".join(fouten)
            for veld, fouten in exc.message_dict.items()
        )
        raise ImportFout(f"{pad}: {meldingen}") from None
    for veld, waarden in m2m.items():
        getattr(obj, veld).set(waarden)
    return obj


# --- the whole document -----------------------------------------------------------------------


def agenda_exporteer(agenda: Any, *, sleutels: Sleutels | None = None) -> dict[str, Any]:
    """The whole agenda as one JSON-ready document."""
    sleutels = Sleutels() if sleutels is None else sleutels
    document: dict[str, Any] = {"formaat": FORMAAT, "versie": VERSIE}
    for sectie in _SECTIES:
        document[sectie.naam] = sectie.exporteer(agenda, sleutels)
    return document


def agenda_naar_nieuwe_periode(agenda: Any, *, agendavelden: dict[str, Any]) -> dict[str, Any]:
    """The document of the agenda's next period: the export, with `agendavelden` set in its
    agenda section, and then each section's `nieuwe_periode` applied in document order."""
    sleutels = Sleutels()
    oud = agenda_exporteer(agenda, sleutels=sleutels)
    nieuw: dict[str, Any] = {"formaat": FORMAAT, "versie": VERSIE}
    overgang = Overgang(agenda=agenda, sleutels=sleutels, document=nieuw)
    for sectie in _SECTIES:
        data = oud[sectie.naam]
        if sectie.naam == "agenda":
            data = {**data, **agendavelden}
        nieuw[sectie.naam] = sectie.nieuwe_periode(data, overgang)
    return nieuw


@transaction.atomic
def agenda_importeer(*, document: Any) -> Agenda:
    """Load a document into a new agenda. Anything wrong: ImportFout, and nothing changes."""
    document = object_(document, "document")
    if document.get("formaat") != FORMAAT:
        raise ImportFout(f"Dit is geen LEA-agendabestand (formaat moet {FORMAAT!r} zijn).")
    if document.get("versie") != VERSIE:
        raise ImportFout(
            f"Versie {document.get('versie')!r} wordt niet ondersteund (alleen {VERSIE})."
        )
    onbekend = set(document) - {"formaat", "versie"} - {s.naam for s in _SECTIES}
    if onbekend:
        raise ImportFout(f"Onbekende onderdelen in het bestand: {', '.join(sorted(onbekend))}.")
    sleutels = Sleutels()
    agenda: Agenda | None = None
    for sectie in _SECTIES:
        resultaat = sectie.importeer(agenda, document.get(sectie.naam), sleutels)
        if agenda is None:
            agenda = resultaat  # the first section creates the agenda itself
    if agenda is None:
        raise ImportFout("Het bestand bevat geen agenda.")
    return agenda
