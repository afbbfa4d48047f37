"""Reading a workbook back into a preview (Voorbeeld): cells converted by their column's kind
and checked against the drop-down lists, then each sheet's comparison. Writes nothing."""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl import load_workbook

from lea.werkboek.basis import (
    BEDRAG,
    DATUM,
    GEHEEL,
    JANEE,
    LANG,
    LIJSTEN,
    MAX_GROOTTE,
    MAX_RIJEN,
    TEKST,
    Blad,
    Context,
    Fout,
    Kolom,
    Regel,
    Rij,
    Uitkomst,
    WerkboekFout,
    bladen,
    tekst_van,
)

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


JA = {"ja", "j", "waar", "true"}
NEE = {"nee", "n", "onwaar", "false"}


def lees_janee(waarde: Any) -> bool:
    """Ja or nee (also as Excel's WAAR / ONWAAR). ValueError with a Dutch message otherwise."""
    if isinstance(waarde, bool):
        return waarde
    tekst = str(waarde).strip()
    if tekst.lower() in JA:
        return True
    if tekst.lower() in NEE:
        return False
    raise ValueError(f"‘{tekst}’ is geen ja of nee; kies ja of nee uit de lijst.")


LEZERS: dict[str, Callable[[Any], Any]] = {
    TEKST: lees_tekst,
    LANG: lees_tekst,
    DATUM: lees_datum,
    GEHEEL: lees_geheel,
    BEDRAG: lees_bedrag,
    JANEE: lees_janee,
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
        elif not kolom.alleen_lezen and not kolom.optioneel:
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
            if positie is None and kolom.optioneel:
                continue  # a file made before the column existed: the row leaves it out
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


class _Teller:
    """Counts the rows compared so far, over all sheets, and tells `melder` now and then."""

    STAP = 50

    def __init__(self, totaal: int, melder: Voortgangsmelder | None) -> None:
        self.totaal, self.melder, self.gedaan, self.gemeld = max(totaal, 1), melder, 0, -1

    def meld(self, positie: int) -> None:
        if (self.melder and positie >= self.gemeld + self.STAP) or positie == self.totaal:
            self.gemeld = positie
            if self.melder:
                self.melder(min(positie, self.totaal), self.totaal)

    def klaar(self, aantal: int) -> None:
        self.gedaan += aantal


class _GemetenRijen(list[Rij]):
    """A sheet's rows that report how far an iteration over them has come."""

    def __init__(self, rijen: list[Rij], teller: _Teller) -> None:
        super().__init__(rijen)
        self.teller = teller

    def __iter__(self) -> Iterator[Rij]:
        for i, rij in enumerate(super().__iter__()):
            self.teller.meld(self.teller.gedaan + i)
            yield rij


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
    # Sheet after sheet: a sheet's lists may name what an earlier sheet of the file adds
    # (context.gedeeld). Progress is reported per row compared, against the rows the file
    # says it has: the comparison is what takes time in a large file.
    bladen_in_bestand = [(blad, boek[aanwezig[blad.naam.lower()]]) for blad in te_lezen]
    teller = _Teller(sum(max((ws.max_row or 1) - 1, 0) for _b, ws in bladen_in_bestand), melder)
    for blad, ws in bladen_in_bestand:
        voorbeeld.bladen.append(blad.naam)
        rijen = _rijen_van(ws, blad, blad.lijsten(context), voorbeeld.algemeen)
        if rijen is not None:
            voorbeeld.regels.extend(blad.lees(context, _GemetenRijen(rijen, teller)))
            teller.klaar(len(rijen))
    teller.meld(teller.totaal)
    return voorbeeld
