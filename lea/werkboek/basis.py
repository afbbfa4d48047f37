"""The words of the workbook: columns, sheets and their registry, rows as read, and what
would happen to each row (Regel)."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from django.db import models

from lea.models import Agenda

MAX_GROOTTE = 10 * 1024 * 1024  # bytes: the largest workbook the browser and command accept
MAX_RIJEN = 100_000  # rows per sheet: a guard against a file that only claims to be small
LIJSTEN = "Lijsten"  # the hidden sheet that holds the drop-down lists
EXTRA_VALIDATIE_RIJEN = 1000  # rows below the data that still get the drop-downs

# Kinds of column: how a cell is written and how it is read back. JANEE holds a bool, written
# as "ja" / "nee" with a drop-down of its own.
TEKST, LANG, DATUM, GEHEEL, BEDRAG, JANEE = "tekst", "lang", "datum", "geheel", "bedrag", "janee"


class WerkboekFout(Exception):
    """The workbook cannot be read or applied; the message says why, in Dutch."""


@dataclass(frozen=True)
class Kolom:
    """One column: `veld` is its key in a row's dict, `kop` the Dutch header in the file."""

    veld: str
    kop: str
    breedte: float = 16
    soort: str = TEKST
    lijst: str | None = None  # name of a drop-down list given by the sheet's `lijsten`
    alleen_lezen: bool = False  # for orientation only: not read back, header in grey
    uitleg: str = ""  # a note on the header cell
    # Added after workbooks were already in use: a file without it still reads, and its rows
    # leave the column out (the sheet decides what a missing value means).
    optioneel: bool = False


@dataclass
class Context:
    """What a sheet reads and writes for: the agenda, who, from which file, and for a
    werkgroep chair the one werkgroep (`werkgroep_id`) whose rows they may touch."""

    agenda: Agenda
    door: Any = None
    bestandsnaam: str = ""
    werkgroep_id: int | None = None
    # Sheets read earlier leave here what later sheets may refer to (e.g. new indicators).
    gedeeld: dict[str, Any] = field(default_factory=dict)

    @property
    def reden(self) -> str:
        """The change reason the history records for every write of this import."""
        return f"via import {self.bestandsnaam}"[:100]


@dataclass
class Fout:
    blad: str
    rij: int | None  # the row number as Excel shows it; None for the sheet as a whole
    kolom: str  # the header, or "" for the row as a whole
    melding: str

    def __str__(self) -> str:
        plaats = [self.blad]
        if self.rij is not None:
            plaats.append(f"rij {self.rij}")
        if self.kolom:
            plaats.append(f"kolom {self.kolom}")
        return f"{', '.join(plaats)}: {self.melding}"


@dataclass
class Rij:
    """One row as read, its cells converted by the column's kind (None when empty or wrong)."""

    blad: str
    nummer: int
    waarden: dict[str, Any]
    fouten: list[Fout] = field(default_factory=list)

    def fout(self, kolom: Kolom | str, melding: str) -> None:
        kop = kolom.kop if isinstance(kolom, Kolom) else kolom
        self.fouten.append(Fout(self.blad, self.nummer, kop, melding))

    def heeft_fout(self, kolom: Kolom) -> bool:
        return any(f.kolom == kolom.kop for f in self.fouten)

    def __getitem__(self, veld: str) -> Any:
        return self.waarden.get(veld)


class Uitkomst(models.TextChoices):
    NIEUW = "nieuw", "Nieuw"
    GEWIJZIGD = "gewijzigd", "Gewijzigd"
    ONGEWIJZIGD = "ongewijzigd", "Ongewijzigd"
    ONTBREEKT = "ontbreekt", "Niet in het bestand (blijft staan)"
    FOUT = "fout", "Fout"


@dataclass
class Wijziging:
    kolom: str
    oud: str
    nieuw: str


@dataclass
class Regel:
    """What would happen to one row (or to an object the sheet no longer lists)."""

    blad: str
    rij: int | None
    uitkomst: str
    wat: str
    wijzigingen: list[Wijziging] = field(default_factory=list)
    fouten: list[Fout] = field(default_factory=list)
    opmerkingen: list[str] = field(default_factory=list)
    pas_toe: Callable[[], Any] | None = None  # the write, run only by `werkboek_pas_toe`

    def naar_json(self) -> dict[str, Any]:
        gegevens = asdict(self)
        gegevens.pop("pas_toe")
        return gegevens


def tekst_van(waarde: Any) -> str:
    """A value as the preview shows it (old → new)."""
    if waarde is None:
        return ""
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if isinstance(waarde, datetime.date):
        return f"{waarde:%d-%m-%Y}"
    if isinstance(waarde, Decimal):
        return format(waarde.normalize(), "f") if waarde == waarde.to_integral() else str(waarde)
    return str(waarde)


def vergelijk(
    kolommen: Iterable[Kolom], oud: dict[str, Any], nieuw: dict[str, Any]
) -> list[Wijziging]:
    """The cells whose value differs, per column, as the preview shows them."""
    return [
        Wijziging(k.kop, tekst_van(oud.get(k.veld)), tekst_van(nieuw.get(k.veld)))
        for k in kolommen
        if not k.alleen_lezen
        and k.veld in nieuw
        and not _gelijk(oud.get(k.veld), nieuw.get(k.veld))
    ]


def _gelijk(a: Any, b: Any) -> bool:
    if a in (None, "") and b in (None, ""):
        return True
    if isinstance(a, bool) or isinstance(b, bool):  # a JANEE cell: no number
        return a is b
    if isinstance(a, Decimal | int | float) and isinstance(b, Decimal | int | float):
        return Decimal(str(a)) == Decimal(str(b))
    return bool(a == b)


def regel_voor(
    rij: Rij,
    *,
    wat: str,
    oud: dict[str, Any] | None,
    nieuw: dict[str, Any],
    kolommen: Iterable[Kolom],
    pas_toe: Callable[[], Any] | None,
    opmerkingen: Iterable[str] = (),
) -> Regel:
    """The usual outcome of a row: an error if the row has one, else new (no `oud`), changed
    or unchanged. `pas_toe` is kept only for new and changed rows."""
    opmerkingen = list(opmerkingen)
    if rij.fouten:
        return Regel(
            rij.blad,
            rij.nummer,
            Uitkomst.FOUT,
            wat,
            fouten=list(rij.fouten),
            opmerkingen=opmerkingen,
        )
    if oud is None:
        return Regel(
            rij.blad, rij.nummer, Uitkomst.NIEUW, wat, opmerkingen=opmerkingen, pas_toe=pas_toe
        )
    wijzigingen = vergelijk(kolommen, oud, nieuw)
    if not wijzigingen:
        return Regel(rij.blad, rij.nummer, Uitkomst.ONGEWIJZIGD, wat, opmerkingen=opmerkingen)
    return Regel(
        rij.blad,
        rij.nummer,
        Uitkomst.GEWIJZIGD,
        wat,
        wijzigingen,
        opmerkingen=opmerkingen,
        pas_toe=pas_toe,
    )


def geen_lijsten(context: Context) -> dict[str, list[str]]:
    return {}


@dataclass(frozen=True)
class Blad:
    """A sheet an app contributes.

    `rijen(context)` gives the export's rows as dicts keyed by `Kolom.veld` (for a chair's
    workbook only their werkgroep's); `lees(context, rijen)` compares the rows read back with
    the database and returns a Regel per row and per object missing from the file, writing
    nothing; `lijsten(context)` gives the drop-down lists by name. `per_werkgroep`: the sheet
    a werkgroep chair exports and imports for their own werkgroep.
    """

    naam: str
    kolommen: tuple[Kolom, ...]
    rijen: Callable[[Context], Iterable[dict[str, Any]]]
    lees: Callable[[Context, list[Rij]], list[Regel]]
    lijsten: Callable[[Context], dict[str, list[str]]] = geen_lijsten
    per_werkgroep: bool = False
    uitleg: str = ""


_BLADEN: list[Blad] = []


def registreer(blad: Blad) -> None:
    """Register a sheet (from an AppConfig.ready); sheets keep the order of registration."""
    if all(b.naam != blad.naam for b in _BLADEN):
        _BLADEN.append(blad)


def bladen(namen: Iterable[str] | None = None, *, per_werkgroep: bool = False) -> list[Blad]:
    """The registered sheets, or those named, in registration order."""
    gekozen = None if namen is None else set(namen)
    return [
        b
        for b in _BLADEN
        if (gekozen is None or b.naam in gekozen) and (b.per_werkgroep or not per_werkgroep)
    ]
