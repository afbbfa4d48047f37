"""An agenda as one Excel workbook: export, a preview of an import, and an all-or-nothing apply.

Each app registers its sheets (`registreer(Blad(...))`) from its AppConfig.ready, as it
registers its sections of the JSON document; the core writes and reads the file with openpyxl
and knows no app. A sheet says what its columns are, gives its rows for the export, and reads
rows back into `Regel`s: what would happen to each row (new, changed cell by cell, unchanged,
an error with its column), with the write to do in `pas_toe`. Reading never writes; applying
reads again inside one transaction and refuses when anything is wrong or the outcome is not
the preview the user saw.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from lea.models import Agenda

MAX_GROOTTE = 10 * 1024 * 1024  # bytes: the largest workbook the browser and command accept
MAX_RIJEN = 100_000  # rows per sheet: a guard against a file that only claims to be small
LIJSTEN = "Lijsten"  # the hidden sheet that holds the drop-down lists
EXTRA_VALIDATIE_RIJEN = 1000  # rows below the data that still get the drop-downs

# Kinds of column: how a cell is written and how it is read back.
TEKST, LANG, DATUM, GEHEEL, BEDRAG = "tekst", "lang", "datum", "geheel", "bedrag"


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


# --- writing ------------------------------------------------------------------------------------

KOP = Font(bold=True, color="FFFFFF")
KOP_VULLING = PatternFill("solid", fgColor="1F4E79")  # white on dark blue: contrast 8.6:1
KOP_ALLEEN_LEZEN = PatternFill("solid", fgColor="595959")  # white on grey: 7:1
FORMAAT = {DATUM: "DD-MM-YYYY", GEHEEL: "0", BEDRAG: "#,##0.00"}


def werkboek_schrijf(
    context: Context, *, namen: Iterable[str] | None = None, leeg: bool = False
) -> bytes:
    """The workbook (.xlsx) of the agenda: a sheet per registered kind with Dutch headers, a
    frozen header row, column widths, drop-downs and an ID column. `leeg`: the blank template
    (the same sheets and lists, no rows)."""
    per_werkgroep = context.werkgroep_id is not None
    gekozen = bladen(namen, per_werkgroep=per_werkgroep)
    boek = Workbook()
    boek.remove(boek.active)  # type: ignore[arg-type]
    lijstblad = boek.create_sheet(LIJSTEN)
    lijstkolommen: dict[str, str] = {}  # list name -> absolute range on the Lijsten sheet
    for blad in gekozen:
        ws = boek.create_sheet(blad.naam, index=len(boek.sheetnames) - 1)
        lijsten = blad.lijsten(context)
        for naam, waarden in lijsten.items():
            if naam not in lijstkolommen:
                lijstkolommen[naam] = _schrijf_lijst(lijstblad, naam, waarden)
        aantal = 0 if leeg else _schrijf_rijen(ws, blad, context)
        _schrijf_kop(ws, blad)
        for nummer, kolom in enumerate(blad.kolommen, start=1):
            if kolom.lijst and kolom.lijst in lijstkolommen:
                dv = DataValidation(
                    type="list",
                    formula1=lijstkolommen[kolom.lijst],
                    allow_blank=True,
                    showErrorMessage=True,
                    errorTitle="Kies uit de lijst",
                    error=f"Kies een waarde voor ‘{kolom.kop}’ uit de lijst.",
                )
                letter = get_column_letter(nummer)
                dv.add(f"{letter}2:{letter}{aantal + 1 + EXTRA_VALIDATIE_RIJEN}")
                ws.add_data_validation(dv)
    if len(boek.sheetnames) > 1:  # a workbook needs one visible sheet
        if lijstkolommen:
            lijstblad.sheet_state = "hidden"
        else:
            boek.remove(lijstblad)
    uitvoer = io.BytesIO()
    boek.save(uitvoer)
    return uitvoer.getvalue()


def _schrijf_lijst(ws: Any, naam: str, waarden: list[str]) -> str:
    kolom = ws.max_column + 1 if ws.max_row > 1 or ws.cell(1, 1).value else 1
    ws.cell(1, kolom, naam).font = Font(bold=True)
    for i, waarde in enumerate(waarden, start=2):
        ws.cell(i, kolom, waarde)
    letter = get_column_letter(kolom)
    einde = max(len(waarden) + 1, 2)
    return f"{quote_sheetname(LIJSTEN)}!${letter}$2:${letter}${einde}"


def _schrijf_kop(ws: Any, blad: Blad) -> None:
    for nummer, kolom in enumerate(blad.kolommen, start=1):
        cel = ws.cell(1, nummer, kolom.kop)
        cel.font = KOP
        cel.fill = KOP_ALLEEN_LEZEN if kolom.alleen_lezen else KOP_VULLING
        cel.alignment = Alignment(vertical="top", wrap_text=True)
        uitleg = kolom.uitleg or (
            "Alleen ter informatie; wordt niet ingelezen." if kolom.alleen_lezen else ""
        )
        if uitleg:
            cel.comment = Comment(uitleg, "LEA")
        ws.column_dimensions[get_column_letter(nummer)].width = kolom.breedte
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(blad.kolommen))}1"


def _schrijf_rijen(ws: Any, blad: Blad, context: Context) -> int:
    aantal = 0
    for aantal, rij in enumerate(blad.rijen(context), start=1):
        for nummer, kolom in enumerate(blad.kolommen, start=1):
            waarde = rij.get(kolom.veld)
            if isinstance(waarde, Decimal):
                waarde = float(waarde) if kolom.soort == BEDRAG else str(waarde)
            cel = ws.cell(
                aantal + 1,
                nummer,
                "" if waarde is None and kolom.soort in (TEKST, LANG) else waarde,
            )
            if kolom.soort in FORMAAT:
                cel.number_format = FORMAAT[kolom.soort]
            elif kolom.soort == LANG:
                cel.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(waarde, str):
                # Text stays text: "=…" is no formula, a code like "1.10" no number.
                cel.value = ILLEGAL_CHARACTERS_RE.sub("", waarde)
                cel.data_type = "s"
                if kolom.soort == TEKST:
                    cel.number_format = "@"
    return aantal


# --- reading ------------------------------------------------------------------------------------

DATUM_TEKST = re.compile(r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s*$")
ISO_DATUM = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def lees_datum(waarde: Any) -> datetime.date:
    """A date from a cell: an Excel date, or text dd-mm-jjjj / jjjj-mm-dd. ValueError with a
    Dutch message otherwise."""
    if isinstance(waarde, datetime.datetime):
        return waarde.date()
    if isinstance(waarde, datetime.date):
        return waarde
    tekst = str(waarde).strip()
    if m := DATUM_TEKST.match(tekst):
        dag, maand, jaar = (int(g) for g in m.groups())
    elif m := ISO_DATUM.match(tekst):
        jaar, maand, dag = (int(g) for g in m.groups())
    else:
        raise ValueError(f"‘{tekst}’ is geen datum; schrijf dd-mm-jjjj.")
    try:
        return datetime.date(jaar, maand, dag)
    except ValueError:
        raise ValueError(f"‘{tekst}’ is geen bestaande datum.") from None


def lees_geheel(waarde: Any) -> int:
    if isinstance(waarde, bool):
        raise ValueError("verwacht een geheel getal.")
    if isinstance(waarde, int):
        return waarde
    if isinstance(waarde, float) and waarde.is_integer():
        return int(waarde)
    tekst = str(waarde).strip().rstrip("%").strip()
    if re.fullmatch(r"-?\d+", tekst):
        return int(tekst)
    raise ValueError(f"‘{waarde}’ is geen geheel getal.")


def lees_bedrag(waarde: Any) -> Decimal:
    if isinstance(waarde, bool):
        raise ValueError("verwacht een bedrag.")
    if isinstance(waarde, int | float):
        return Decimal(str(waarde)).quantize(Decimal("0.01"))
    tekst = str(waarde).strip().replace("€", "").replace(" ", "")
    if "," in tekst:  # Dutch: 1.234,56
        tekst = tekst.replace(".", "").replace(",", ".")
    try:
        return Decimal(tekst).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise ValueError(f"‘{waarde}’ is geen bedrag.") from None


def lees_tekst(waarde: Any) -> str:
    if isinstance(waarde, float) and waarde.is_integer():
        return str(int(waarde))
    if isinstance(waarde, datetime.datetime | datetime.date):
        return tekst_van(waarde if not isinstance(waarde, datetime.datetime) else waarde.date())
    return str(waarde).strip().replace("\r\n", "\n")


LEZERS: dict[str, Callable[[Any], Any]] = {
    TEKST: lees_tekst,
    LANG: lees_tekst,
    DATUM: lees_datum,
    GEHEEL: lees_geheel,
    BEDRAG: lees_bedrag,
}


def _leeg(waarde: Any) -> bool:
    return waarde is None or (isinstance(waarde, str) and not waarde.strip())


def _rijen_van(
    ws: Any, blad: Blad, lijsten: dict[str, list[str]], algemeen: list[Fout]
) -> list[Rij] | None:
    """The sheet's rows, converted and checked against the drop-down lists; None when the
    header does not fit (the error is in `algemeen`)."""
    regels = ws.iter_rows(values_only=True)
    kop = next(regels, None)
    koppen = [lees_tekst(c).lower() if c is not None else "" for c in (kop or ())]
    posities: dict[str, int] = {}
    for kolom in blad.kolommen:
        if kolom.kop.lower() in koppen:
            posities[kolom.veld] = koppen.index(kolom.kop.lower())
        elif not kolom.alleen_lezen:
            algemeen.append(
                Fout(
                    blad.naam,
                    1,
                    kolom.kop,
                    "Deze kolom ontbreekt; gebruik de kopregel van de export of het lege sjabloon.",
                )
            )
    if any(f.blad == blad.naam for f in algemeen):
        return None
    toegestaan = {naam: {w.lower(): w for w in waarden} for naam, waarden in lijsten.items()}
    rijen: list[Rij] = []
    ids: dict[Any, int] = {}
    for nummer, cellen in enumerate(regels, start=2):
        if nummer > MAX_RIJEN + 1:
            algemeen.append(
                Fout(blad.naam, None, "", f"Meer dan {MAX_RIJEN} rijen; splits het bestand.")
            )
            return None
        if all(_leeg(c) for c in cellen):
            continue
        rij = Rij(blad.naam, nummer, {})
        for kolom in blad.kolommen:
            positie = posities.get(kolom.veld)
            ruw = cellen[positie] if positie is not None and positie < len(cellen) else None
            rij.waarden[kolom.veld] = _lees_cel(rij, kolom, ruw, toegestaan)
        if "id" in rij.waarden and rij["id"] is not None:
            if rij["id"] in ids:
                rij.fout("ID", f"ID {rij['id']} komt twee keer voor (ook in rij {ids[rij['id']]}).")
            else:
                ids[rij["id"]] = nummer
        rijen.append(rij)
    return rijen


def _lees_cel(rij: Rij, kolom: Kolom, ruw: Any, toegestaan: dict[str, dict[str, str]]) -> Any:
    if _leeg(ruw):
        return "" if kolom.soort in (TEKST, LANG) and kolom.veld != "id" else None
    lezer = lees_geheel if kolom.veld == "id" else LEZERS[kolom.soort]  # an ID is a number
    try:
        waarde = lezer(ruw)
    except ValueError as exc:
        rij.fout(kolom, str(exc)[:1].upper() + str(exc)[1:])
        return None
    if kolom.lijst and kolom.lijst in toegestaan and not kolom.alleen_lezen:
        gevonden = toegestaan[kolom.lijst].get(str(waarde).lower())
        if gevonden is None:
            rij.fout(
                kolom,
                f"‘{waarde}’ is geen keuze voor {kolom.kop} in deze agenda; kies uit de lijst.",
            )
            return None
        return gevonden
    return waarde


@dataclass
class Voorbeeld:
    """The preview of an import: a Regel per row, and errors of the file or a sheet as a whole."""

    regels: list[Regel] = field(default_factory=list)
    algemeen: list[Fout] = field(default_factory=list)
    bladen: list[str] = field(default_factory=list)  # the sheets that were read
    opmerkingen: list[str] = field(default_factory=list)

    @property
    def fouten(self) -> list[Fout]:
        return [*self.algemeen, *(f for r in self.regels for f in r.fouten)]

    @property
    def heeft_fouten(self) -> bool:
        return bool(self.algemeen) or any(r.fouten for r in self.regels)

    def telling(self) -> dict[str, dict[str, int]]:
        """Per sheet, the number of rows per outcome."""
        uit: dict[str, dict[str, int]] = {b: dict.fromkeys(Uitkomst.values, 0) for b in self.bladen}
        for regel in self.regels:
            uit.setdefault(regel.blad, dict.fromkeys(Uitkomst.values, 0))[regel.uitkomst] += 1
        return uit

    @property
    def aantal_wijzigingen(self) -> int:
        return sum(r.uitkomst in (Uitkomst.NIEUW, Uitkomst.GEWIJZIGD) for r in self.regels)

    def naar_json(self) -> dict[str, Any]:
        return {
            "regels": [r.naar_json() for r in self.regels],
            "algemeen": [asdict(f) for f in self.algemeen],
            "bladen": self.bladen,
            "opmerkingen": self.opmerkingen,
        }

    def vingerafdruk(self) -> str:
        """A digest of what the preview shows: apply refuses when it would do anything else."""
        inhoud = json.dumps(self.naar_json(), sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(inhoud.encode()).hexdigest()

    def samenvatting(self) -> str:
        delen = []
        for blad, telling in self.telling().items():
            delen.append(
                f"{blad}: {telling['nieuw']} nieuw, {telling['gewijzigd']} gewijzigd, "
                f"{telling['ongewijzigd']} ongewijzigd"
                + (f", {telling['ontbreekt']} niet in het bestand" if telling["ontbreekt"] else "")
                + (f", {telling['fout']} met fouten" if telling["fout"] else "")
            )
        return "; ".join(delen)


def _open(inhoud: bytes) -> Any:
    if len(inhoud) > MAX_GROOTTE:
        raise WerkboekFout("Het bestand is groter dan 10 MB.")
    try:
        return load_workbook(io.BytesIO(inhoud), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise WerkboekFout(
            "Dit is geen Excel-werkmap (.xlsx). Sla het bestand op als Excel-werkmap en probeer "
            "het opnieuw."
        ) from None


Voortgangsmelder = Callable[[int, int], None]


def werkboek_lees(
    context: Context,
    inhoud: bytes,
    *,
    namen: Iterable[str] | None = None,
    melder: Voortgangsmelder | None = None,
) -> Voorbeeld:
    """The preview: what importing the workbook would do, per sheet and row. Writes nothing.

    Only the registered sheets the workbook has are read (a chair's import: only the chair's
    sheet); others are listed in `opmerkingen`. `melder(klaar, totaal)` hears the progress.
    """
    boek = _open(inhoud)
    try:
        return _lees_boek(context, boek, namen, melder)
    finally:
        boek.close()


def _lees_boek(
    context: Context, boek: Any, namen: Iterable[str] | None, melder: Voortgangsmelder | None
) -> Voorbeeld:
    voorbeeld = Voorbeeld()
    context.gedeeld.clear()  # what sheets leave each other belongs to one read
    per_werkgroep = context.werkgroep_id is not None
    gekozen = bladen(namen, per_werkgroep=per_werkgroep)
    aanwezig = {n.lower(): n for n in boek.sheetnames}
    bekend = {b.naam.lower() for b in bladen()} | {LIJSTEN.lower()}
    for naam in boek.sheetnames:
        if naam.lower() not in bekend:
            voorbeeld.opmerkingen.append(f"Het blad ‘{naam}’ is niet ingelezen (onbekend blad).")
        elif (
            naam.lower() not in {b.naam.lower() for b in gekozen}
            and naam.lower() != LIJSTEN.lower()
        ):
            voorbeeld.opmerkingen.append(
                f"Het blad ‘{naam}’ is niet ingelezen: deze import leest alleen "
                + ", ".join(b.naam for b in gekozen)
                + "."
            )
    te_lezen = [b for b in gekozen if b.naam.lower() in aanwezig]
    if not te_lezen:
        raise WerkboekFout(
            "Dit bestand bevat geen blad om in te lezen"
            f" ({', '.join(b.naam for b in gekozen)}); gebruik een export of het lege sjabloon."
        )
    for stap, blad in enumerate(te_lezen):
        if melder:
            melder(stap, len(te_lezen))
        voorbeeld.bladen.append(blad.naam)
        rijen = _rijen_van(
            boek[aanwezig[blad.naam.lower()]], blad, blad.lijsten(context), voorbeeld.algemeen
        )
        if rijen is not None:
            voorbeeld.regels.extend(blad.lees(context, rijen))
    if melder:
        melder(len(te_lezen), len(te_lezen))
    return voorbeeld


# --- applying -----------------------------------------------------------------------------------

_REDEN: ContextVar[tuple[str, Any] | None] = ContextVar("lea_wijzigingsreden", default=None)


@contextmanager
def wijzigingsreden(reden: str, door: Any = None) -> Iterator[None]:
    """Every history row written inside records `reden` (and `door` when the write names no
    user): "via import <file>". Read by `reden_in_historie`, connected in LeaConfig.ready."""
    token = _REDEN.set((reden[:100], door))
    try:
        yield
    finally:
        _REDEN.reset(token)


def reden_in_historie(sender: Any, history_instance: Any, **kwargs: Any) -> None:
    """django-simple-history's pre_create_historical_record: fill in the reason and user."""
    huidig = _REDEN.get()
    if huidig is None:
        return
    reden, door = huidig
    if not getattr(history_instance, "history_change_reason", None):
        history_instance.history_change_reason = reden
    if door is not None and getattr(history_instance, "history_user_id", None) is None:
        history_instance.history_user = door


def werkboek_pas_toe(
    context: Context,
    inhoud: bytes,
    *,
    namen: Iterable[str] | None = None,
    vingerafdruk: str | None = None,
) -> Voorbeeld:
    """Apply the workbook: all of it in one transaction, or nothing.

    Reads the file again inside the transaction; refuses (WerkboekFout, nothing changed) when
    it has errors, or when `vingerafdruk` is given and the outcome differs from that preview
    (someone changed the agenda in between). Every history row records `context.reden`.
    """
    with transaction.atomic(), wijzigingsreden(context.reden, context.door):
        Agenda.objects.select_for_update().filter(pk=context.agenda.pk).first()
        voorbeeld = werkboek_lees(context, inhoud, namen=namen)
        if voorbeeld.heeft_fouten:
            raise WerkboekFout(
                f"Het bestand heeft {len(voorbeeld.fouten)} fout(en); er is niets gewijzigd. "
                f"Eerste fout: {voorbeeld.fouten[0]}"
            )
        if vingerafdruk is not None and voorbeeld.vingerafdruk() != vingerafdruk:
            raise WerkboekFout(
                "De agenda is gewijzigd sinds het voorbeeld is gemaakt; er is niets gewijzigd. "
                "Controleer het bestand opnieuw."
            )
        for regel in voorbeeld.regels:
            if regel.pas_toe is None:
                continue
            try:
                regel.pas_toe()
            except ValidationError as exc:
                raise WerkboekFout(
                    f"{regel.blad}, rij {regel.rij}: {'; '.join(exc.messages)} "
                    "Er is niets gewijzigd."
                ) from None
    return voorbeeld
