"""What the sheets share when they read rows back: finding the object of a row, required
cells, the model's own validation mapped onto columns, the objects a file leaves out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models

from lea.werkboek.basis import (
    LANG,
    TEKST,
    Kolom,
    Regel,
    Rij,
    Uitkomst,
    vergelijk,
)
from lea.werkboek.lezen import lees_tekst

# --- what the sheets share when they read rows back ----------------------------------------------

M = TypeVar("M", bound=models.Model)


def uniek(
    objecten: Iterable[M], label: Callable[[M], str], *, nummer: Callable[[M], bool] | None = None
) -> dict[str, M]:
    """Drop-down label → object, in the order given. A label that would not name one object
    gets the object's ID ("… #12"): one that another shares (in any case), or one that
    `nummer` says does not say enough by itself."""
    paren = [(label(o), o) for o in objecten]
    aantal = Counter(tekst.lower() for tekst, _ in paren)
    return {
        f"{tekst} #{o.pk}"
        if aantal[tekst.lower()] > 1 or (nummer is not None and nummer(o))
        else tekst: o
        for tekst, o in paren
    }


def per_pk(labels: Mapping[str, M]) -> dict[Any, str]:
    """The other way round: per object's key, its label."""
    return {o.pk: label for label, o in labels.items()}


def zoals_gelezen(kolommen: Iterable[Kolom], rij: Mapping[str, Any]) -> dict[str, Any]:
    """An exported row as reading its file back gives it (text trimmed, with plain line ends;
    empty text ""), to compare a row of the file with."""
    soorten = {k.veld: k.soort for k in kolommen}
    return {
        veld: ("" if waarde is None else lees_tekst(waarde))
        if soorten.get(veld) in (TEKST, LANG)
        else waarde
        for veld, waarde in rij.items()
    }


def verplicht(rij: Rij, kolom: Kolom, melding: str) -> None:
    """An error on an empty cell that must be filled, unless the cell has one already (a value
    the core could not read is empty too)."""
    if rij[kolom.veld] in (None, "") and not rij.heeft_fout(kolom):
        rij.fout(kolom, melding)


def zoek(
    rij: Rij,
    kolom: Kolom,
    actief: Mapping[Any, M],
    alle: models.QuerySet[M],
    *,
    onbekend: Callable[[Any], str],
    gearchiveerd: Callable[[M], str],
) -> M | None:
    """The object the row's ID names among the sheet's objects of this agenda (`actief`), or
    None. An ID that names none of them is an error on its cell, unless it has one already:
    `gearchiveerd(obj)` for one of `alle` that the sheet leaves out, else `onbekend(id)` - an ID
    of another agenda's object reads as one of no object, so that nothing leaks."""
    pk = rij[kolom.veld]
    if pk is None:
        return None
    obj = actief.get(pk)
    if obj is None and not rij.heeft_fout(kolom):
        ander = alle.filter(pk=pk).first()
        rij.fout(kolom, onbekend(pk) if ander is None else gearchiveerd(ander))
    return obj


def ontbrekend(
    blad: str,
    objecten: Iterable[M],
    rijen: Iterable[Rij],
    wat: Callable[[M], str] = str,
    *,
    veld: str = "id",
) -> list[Regel]:
    """A Regel for each object that no row's ID (`veld`) names: it is not in the file, and it
    stays as it is."""
    in_bestand = {rij[veld] for rij in rijen}
    return [
        Regel(blad, None, Uitkomst.ONTBREEKT, wat(o)) for o in objecten if o.pk not in in_bestand
    ]


def controleer(
    rij: Rij,
    obj: models.Model,
    kolommen: Iterable[Kolom],
    *,
    constraints: Mapping[str, Kolom] | None = None,
    overig: Kolom | None = None,
    exclude: Iterable[str] = (),
    oud: Mapping[str, Any] | None = None,
    nieuw: Mapping[str, Any] | None = None,
) -> None:
    """Check an unsaved object with its model's own rules (fields, clean() and constraints, as
    saving it would), so that the preview refuses what the apply would. Each message goes on a
    column: a field's on the column of that field (`Kolom.veld`), a constraint's on the column
    `constraints` gives for the constraint's name, any other on `overig`, else on the row as a
    whole. One message a cell: a field whose column has an error already is not checked.

    A row that changes none of `kolommen` of an existing object (`oud`, against `nieuw`, by
    default the row's values) is what the database holds: it is not checked again.
    """
    kolommen = tuple(kolommen)
    if oud is not None and not vergelijk(
        kolommen, dict(oud), dict(rij.waarden if nieuw is None else nieuw)
    ):
        return
    per_veld = {k.veld: k for k in kolommen}
    overslaan = {*exclude, *(veld for veld, k in per_veld.items() if rij.heeft_fout(k))}
    try:
        obj.full_clean(exclude=sorted(overslaan))
    except ValidationError as exc:
        for veld, meldingen in exc.message_dict.items():
            if veld == NON_FIELD_ERRORS:
                for melding in meldingen:
                    kolom = _constraintkolom(obj, melding, constraints or {})
                    _fout_op(rij, kolom or overig, melding)
            else:
                _fout_op(rij, per_veld.get(veld) or overig, meldingen[0])


def _constraintkolom(
    obj: models.Model, melding: str, constraints: Mapping[str, Kolom]
) -> Kolom | None:
    """The column of the constraint whose message this is, when `constraints` names it."""
    return next(
        (
            constraints[c.name]
            for c in obj._meta.constraints
            if c.name in constraints
            and c.violation_error_message
            and str(c.violation_error_message) == melding
        ),
        None,
    )


def _fout_op(rij: Rij, kolom: Kolom | None, melding: str) -> None:
    if kolom is None:
        rij.fout("", melding)
    elif not rij.heeft_fout(kolom):
        rij.fout(kolom, melding)
