"""What monitoring's sheets share: finding a row's object by its ID, checking an unsaved object
with its model's own rules (each message on the sheet's column), and drop-down labels."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any, TypeVar

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models

from ambities.models import Knoop
from lea.werkboek import LANG, TEKST, Context, Kolom, Regel, Rij, Uitkomst, vergelijk
from werkgroepen.models import Actie

M = TypeVar("M", bound=models.Model)

# A year a figure can sensibly be about: the measurement form's bounds.
JAAR_VAN, JAAR_TOT = 1990, 2100
TITEL_LENGTE = 60  # characters of a title in a drop-down label

# What a sheet leaves in Context.gedeeld for a later sheet of the same read: by label, the
# objects (new ones unsaved until the apply) a later sheet may refer to.
INDICATOREN = "monitoring.indicatoren"
SCHOLEN = "monitoring.scholen"
POSTEN = "monitoring.posten"


def vergeet(context: Context, *sleutels: str) -> None:
    """Drop what earlier sheets shared once no later sheet needs it, so that a second read
    with the same context never sees objects of the first."""
    for sleutel in sleutels:
        context.gedeeld.pop(sleutel, None)


def tekst(waarde: Any) -> str:
    """A text as reading it back from a cell gives it: trimmed, with plain line ends."""
    return "" if waarde is None else str(waarde).strip().replace("\r\n", "\n")


def zoals_gelezen(kolommen: Iterable[Kolom], rij: Mapping[str, Any]) -> dict[str, Any]:
    """An exported row as reading it back gives it, to compare a row of the file with."""
    soorten = {k.veld: k.soort for k in kolommen}
    return {
        veld: tekst(waarde) if soorten.get(veld) in (TEKST, LANG) else waarde
        for veld, waarde in rij.items()
    }


def heeft_fout(rij: Rij, kolom: Kolom) -> bool:
    return any(f.kolom == kolom.kop for f in rij.fouten)


def verplicht(rij: Rij, kolom: Kolom, melding: str) -> None:
    """An error on an empty cell that must be filled (unless the cell already has one)."""
    if rij[kolom.veld] in (None, "") and not heeft_fout(rij, kolom):
        rij.fout(kolom, melding)


def jaar_zinnig(rij: Rij, kolom: Kolom) -> None:
    jaar = rij[kolom.veld]
    if jaar is not None and not JAAR_VAN <= jaar <= JAAR_TOT:
        rij.fout(kolom, f"{jaar} is geen geldig jaar; kies een jaar van {JAAR_VAN} tot {JAAR_TOT}.")


def zoek(
    rij: Rij,
    kolom: Kolom,
    actief: Mapping[int, M],
    alle: models.QuerySet[M],
    wat: str,
    gearchiveerd: str,
) -> M | None:
    """The object the row's ID names, among the sheet's (active) objects of this agenda; an
    error on the ID cell when it names another agenda's, an archived or no object."""
    pk = rij[kolom.veld]
    if pk is None:
        return None
    obj = actief.get(pk)
    if obj is None and not heeft_fout(rij, kolom):
        if alle.filter(pk=pk).exists():
            rij.fout(kolom, f"ID {pk} {gearchiveerd}; zet het eerst terug in LEA.")
        else:
            rij.fout(
                kolom, f"ID {pk} is geen {wat} van deze agenda. Laat het ID leeg voor een nieuwe."
            )
    return obj


def controleer(
    rij: Rij,
    obj: models.Model,
    waar: Mapping[str, Kolom],
    *,
    uitsluiten: Iterable[str] = (),
    overig: Kolom | None = None,
    oud: Mapping[str, Any] | None = None,
    kolommen: Iterable[Kolom] = (),
) -> None:
    """Check an (unsaved) object with its model's own rules - fields, clean() and constraints,
    as saving it would - and put each message on the column `waar` gives for its field (or,
    for a message of the object as a whole such as a constraint's, for the message itself);
    anything else on `overig`. Columns that already have an error are left out.

    A row that changes none of `kolommen` of an existing object (`oud`) is what the database
    holds: it is not checked again.
    """
    if oud is not None and not vergelijk(kolommen, dict(oud), rij.waarden):
        return
    al_fout = {f.kolom for f in rij.fouten}
    exclude = set(uitsluiten) | {veld for veld, k in waar.items() if k.kop in al_fout}
    try:
        obj.full_clean(exclude=sorted(exclude))
    except ValidationError as exc:
        for veld, berichten in exc.message_dict.items():
            if veld == NON_FIELD_ERRORS:
                for bericht in berichten:
                    _fout(rij, waar.get(bericht) or overig, bericht)
            else:
                _fout(rij, waar.get(veld) or overig, berichten[0])


def _fout(rij: Rij, kolom: Kolom | None, bericht: str) -> None:
    if kolom is None:
        rij.fout("", bericht)
    elif not heeft_fout(rij, kolom):
        rij.fout(kolom, bericht)


def constraintkolommen(
    model: type[models.Model], kolommen: Mapping[str, Kolom]
) -> dict[str, Kolom]:
    """A constraint's message → the column it is about (by the constraint's name)."""
    return {
        str(c.violation_error_message): kolommen[c.name]
        for c in model._meta.constraints
        if c.name in kolommen and c.violation_error_message
    }


def uniek(objecten: Iterable[M], label: Callable[[M], str]) -> dict[str, M]:
    """Drop-down label → object; labels that would be the same (in any case) get the ID."""
    paren = [(label(o), o) for o in objecten]
    aantal = Counter(tekst.lower() for tekst, _ in paren)
    return {(tekst if aantal[tekst.lower()] == 1 else f"{tekst} #{o.pk}"): o for tekst, o in paren}


def per_pk(labels: Mapping[str, M]) -> dict[Any, str]:
    return {o.pk: label for label, o in labels.items()}


def kort(titel: str) -> str:
    titel = " ".join(titel.split())
    return titel if len(titel) <= TITEL_LENGTE else titel[: TITEL_LENGTE - 1].rstrip() + "…"


def knooppad(knoop: Knoop) -> str:
    """The code path of a node as the document prints it: ‘1’, or ‘1.A’ under ambition 1."""
    if not knoop.code:
        return ""
    ouder = knoop.ouder if knoop.ouder_id else None
    return f"{ouder.code}.{knoop.code}" if ouder is not None and ouder.code else knoop.code


def knooplabel(knoop: Knoop) -> str:
    return f"{knooppad(knoop)} {kort(knoop.titel)}".strip()


def actielabel(actie: Actie) -> str:
    pad = knooppad(actie.knoop)
    code = f"{pad}.{actie.code}" if pad and actie.code else actie.code
    return f"{code} {kort(actie.titel)}".strip()


def euro(bedrag: Decimal) -> str:
    """An amount as the Dutch write it: € 1.234,50 (whole euros without cents)."""
    tekst = f"{bedrag:,.0f}" if bedrag == bedrag.to_integral_value() else f"{bedrag:,.2f}"
    return "€ " + tekst.replace(",", "_").replace(".", ",").replace("_", ".")


def ontbreekt(blad: str, wat: str) -> Regel:
    """An object the file does not list: it stays as it is."""
    return Regel(blad, None, Uitkomst.ONTBREEKT, wat)
