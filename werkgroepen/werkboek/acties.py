"""The Acties sheet (the actions as the agenda document prints them), and the CSV of a filtered
action list with the same columns."""

from __future__ import annotations

import copy
import csv
import datetime
import io
from collections.abc import Iterable
from typing import Any

from django.db.models import Q

from ambities import selectors as boom
from ambities.models import Knoop
from lea import werkboek
from lea.models import Agenda
from lea.werkboek import (
    DATUM,
    GEHEEL,
    LANG,
    Context,
    Kolom,
    Regel,
    Rij,
    lees_tekst,
    regel_voor,
    tekst_van,
)
from werkgroepen.models import Actie, Status, TimingSoort, Werkgroep
from werkgroepen.planning import lees_leeftijd, lees_planning
from werkgroepen.services import actie_bewerk, actie_maak
from werkgroepen.werkboek.gemeen import (
    ACTIES,
    ID,
    STATUS_LABEL,
    STATUS_WAARDE,
    actieve_acties,
    werkgroepnaam,
    zoek_actie,
)

ACTIE_KOLOMMEN = (
    ID,
    Kolom("code", "Code", 8),
    Kolom("knoop", "Knoop", 40, lijst="knopen", uitleg="Het doel waar de actie bij hoort."),
    Kolom("titel", "Actie", 40),
    Kolom("bereiken", "Wat willen we bereiken", 50, LANG),
    Kolom("doen", "Wat gaan we doen", 50, LANG),
    Kolom("regie_tekst", "Regie", 30),
    Kolom("partners_tekst", "Wie helpen mee", 30),
    Kolom("werkgroep", "Werkgroep", 30, lijst="werkgroepen"),
    Kolom("timing_tekst", "Planning", 20, uitleg="Bv. ‘Q3 2025’ of ‘schooljaar 2025/2026’."),
    Kolom("timing_start", "Start", 12, DATUM, uitleg="Leeg: LEA leidt de start af uit Planning."),
    Kolom("timing_eind", "Einde", 12, DATUM, uitleg="Leeg: LEA leidt het einde af uit Planning."),
    Kolom("leeftijd_tekst", "Leeftijd", 14),
    Kolom("leeftijd_min", "Leeftijd vanaf", 10, GEHEEL),
    Kolom("leeftijd_max", "Leeftijd tot en met", 10, GEHEEL),
    Kolom("bereik_doel", "Beoogd bereik", 30),
    Kolom(
        "status",
        "Status",
        14,
        lijst="status",
        uitleg="Alleen voor een nieuwe actie; daarna wijzigt u de status op het blad Voortgang.",
    ),
    Kolom("toelichting", "Toelichting", 50, LANG),
)
ACTIE_KOP = {k.veld: k for k in ACTIE_KOLOMMEN}
# The action's own text fields, read back as written.
TEKSTVELDEN = (
    "code",
    "titel",
    "bereiken",
    "doen",
    "regie_tekst",
    "partners_tekst",
    "timing_tekst",
    "leeftijd_tekst",
    "bereik_doel",
    "toelichting",
)

# --- the drop-down lists ---------------------------------------------------------------------


def knoopkeuzes(agenda: Agenda) -> dict[str, Knoop]:
    """The nodes of the Knoop column by label, in the order of the goal tree: the active ones,
    and an archived node that an active action still serves (so the export reads back as it
    was)."""
    gebruikt = Actie.objects.filter(agenda=agenda).actief().values_list("knoop_id", flat=True)
    return boom.knooplabels(agenda, ook=gebruikt)


def knooplabels(agenda: Agenda) -> dict[int, str]:
    """Per node, in the order of the goal tree, its label in the Knoop column."""
    return werkboek.per_pk(knoopkeuzes(agenda))


def _werkgroepnamen(agenda: Agenda) -> dict[str, Werkgroep]:
    """The werkgroepen by name: the active ones, and an archived one that still carries an
    active action (its closed actions read back as they were)."""
    gebruikt = Actie.objects.filter(agenda=agenda, werkgroep__isnull=False).actief()
    werkgroepen = Werkgroep.objects.filter(agenda=agenda).filter(
        Q(gearchiveerd=False) | Q(pk__in=gebruikt.values("werkgroep_id"))
    )
    return {" ".join(wg.naam.split()): wg for wg in werkgroepen}


def acties_lijsten(context: Context) -> dict[str, list[str]]:
    return {
        "knopen": list(knoopkeuzes(context.agenda)),
        "werkgroepen": list(_werkgroepnamen(context.agenda)),
        "status": list(STATUS_WAARDE),
    }


# --- export -----------------------------------------------------------------------------------


def actie_rij(actie: Actie, labels: dict[int, str]) -> dict[str, Any]:
    """An action as a row of the Acties sheet (and of the CSV)."""
    return {
        "id": actie.pk,
        "code": actie.code,
        "knoop": labels.get(actie.knoop_id, ""),
        "titel": actie.titel,
        "bereiken": actie.bereiken,
        "doen": actie.doen,
        "regie_tekst": actie.regie_tekst,
        "partners_tekst": actie.partners_tekst,
        "werkgroep": werkgroepnaam(actie.werkgroep),
        "timing_tekst": actie.timing_tekst,
        "timing_start": actie.timing_start,
        "timing_eind": actie.timing_eind,
        "leeftijd_tekst": actie.leeftijd_tekst,
        "leeftijd_min": actie.leeftijd_min,
        "leeftijd_max": actie.leeftijd_max,
        "bereik_doel": actie.bereik_doel,
        "status": STATUS_LABEL[actie.status],
        "toelichting": actie.toelichting,
    }


def acties_rijen(context: Context) -> Iterable[dict[str, Any]]:
    labels = knooplabels(context.agenda)
    return [actie_rij(actie, labels) for actie in actieve_acties(context.agenda)]


def acties_als_csv(acties: Iterable[Actie], agenda: Agenda) -> str:
    """The actions as CSV with the Acties sheet's columns: `;`-separated and with a byte-order
    mark, as Excel in a Dutch locale opens it."""
    labels = knooplabels(agenda)
    uit = io.StringIO()
    uit.write("\ufeff")
    schrijver = csv.writer(uit, delimiter=";")
    schrijver.writerow([k.kop for k in ACTIE_KOLOMMEN])
    for actie in acties:
        rij = actie_rij(actie, labels)
        schrijver.writerow([_csv_cel(tekst_van(rij[k.veld])) for k in ACTIE_KOLOMMEN])
    return uit.getvalue()


def _csv_cel(waarde: str) -> str:
    # A cell starting like a formula is run as one by a spreadsheet (CSV injection, OWASP).
    return f"'{waarde}" if waarde[:1] in ("=", "+", "-", "@", "\t", "\r") else waarde


# --- reading back -----------------------------------------------------------------------------


def acties_lees(context: Context, rijen: list[Rij]) -> list[Regel]:
    agenda = context.agenda
    actief = {a.pk: a for a in actieve_acties(agenda)}
    per_label = knoopkeuzes(agenda)
    labels = werkboek.per_pk(per_label)
    werkgroepen = _werkgroepnamen(agenda)
    regels = [_lees_actie(context, rij, actief, labels, per_label, werkgroepen) for rij in rijen]
    return regels + werkboek.ontbrekend(ACTIES, actief.values(), rijen)


def _lees_actie(
    context: Context,
    rij: Rij,
    actief: dict[int, Actie],
    labels: dict[int, str],
    knopen: dict[str, Knoop],
    werkgroepen: dict[str, Werkgroep],
) -> Regel:
    agenda = context.agenda
    actie = zoek_actie(rij, actief, agenda)
    wat = (f"{rij['code'] or ''} {rij['titel'] or ''}".strip()) or (str(actie) if actie else "")
    if rij.fouten and rij["id"] is not None and actie is None:
        return regel_voor(rij, wat=wat, oud=None, nieuw={}, kolommen=(), pas_toe=None)
    oud = werkboek.zoals_gelezen(ACTIE_KOLOMMEN, actie_rij(actie, labels)) if actie else None
    knoop, werkgroep = _keuzes(rij, actie, knopen, werkgroepen)
    status = _status(rij, actie)
    afgeleid, opmerkingen = _afgeleid(agenda, rij, actie)
    nieuw = {
        **{veld: rij[veld] for veld in TEKSTVELDEN},
        "id": rij["id"],
        "knoop": rij["knoop"],
        "werkgroep": rij["werkgroep"],
        "status": status,
        **afgeleid,
    }
    velden: dict[str, Any] = {
        **{veld: rij[veld] for veld in TEKSTVELDEN},
        "knoop": knoop,
        "werkgroep": werkgroep,
        **afgeleid,
    }
    if actie is not None:
        # Keep the stored text where only the cell's whitespace differs.
        for veld in TEKSTVELDEN:
            if lees_tekst(getattr(actie, veld)) == velden[veld]:
                velden[veld] = getattr(actie, veld)
    else:
        waarde = STATUS_WAARDE[status]
        # The initial status, as the JSON import sets it; afgerond means 100 %.
        velden.update(status=waarde, percentage=100 if waarde == Status.AFGEROND else 0)
    if not rij.fouten:
        kandidaat = _kandidaat(agenda, actie, velden)
        werkboek.controleer(rij, kandidaat, ACTIE_KOLOMMEN, oud=oud, nieuw=nieuw)

    def maak() -> None:
        actie_maak(agenda=agenda, door=context.door, velden=velden)

    def bewerk() -> None:
        assert actie is not None
        huidig = Actie.objects.get(pk=actie.pk)
        actie_bewerk(actie=huidig, door=context.door, versie=huidig.versie, velden=velden)

    return regel_voor(
        rij,
        wat=wat,
        oud=oud,
        nieuw=nieuw,
        kolommen=ACTIE_KOLOMMEN,
        pas_toe=maak if actie is None else bewerk,
        opmerkingen=opmerkingen,
    )


def _keuzes(
    rij: Rij, actie: Actie | None, knopen: dict[str, Knoop], werkgroepen: dict[str, Werkgroep]
) -> tuple[Knoop | None, Werkgroep | None]:
    """The row's node and werkgroep (the core checked them against the lists), and its title:
    a node and a title are required; an archived node or werkgroep is kept, not chosen."""
    werkboek.verplicht(rij, ACTIE_KOP["titel"], "Vul de titel van de actie in.")
    knoop = knopen.get(rij["knoop"]) if rij["knoop"] else None
    werkboek.verplicht(
        rij, ACTIE_KOP["knoop"], "Kies de knoop (het doel) waar deze actie bij hoort."
    )
    if knoop and knoop.gearchiveerd and (actie is None or knoop.pk != actie.knoop_id):
        rij.fout(ACTIE_KOP["knoop"], "Deze knoop is gearchiveerd; kies een knoop uit de lijst.")
    werkgroep = werkgroepen.get(rij["werkgroep"]) if rij["werkgroep"] else None
    gearchiveerd = werkgroep is not None and werkgroep.gearchiveerd
    if gearchiveerd and (actie is None or werkgroep != actie.werkgroep):
        rij.fout(
            ACTIE_KOP["werkgroep"], "Deze werkgroep is gearchiveerd; kies een actieve werkgroep."
        )
    return knoop, werkgroep


def _status(rij: Rij, actie: Actie | None) -> str:
    """The status label: a new action's initial status (Gepland when empty). An existing
    action's status follows its progress updates, so a different one here is an error."""
    status = rij["status"]
    if actie is None:
        return status or Status.GEPLAND.label
    if status and status != STATUS_LABEL[actie.status]:
        rij.fout(
            ACTIE_KOP["status"],
            "De status wijzigt u op het blad Voortgang (met RAG en toelichting).",
        )
    return STATUS_LABEL[actie.status]


def _afgeleid(agenda: Agenda, rij: Rij, actie: Actie | None) -> tuple[dict[str, Any], list[str]]:
    """The planning's kind and dates and the age range, as given or derived from the text;
    with a remark when the planning text is not understood."""
    soort, start, eind, opmerking = _planning(agenda, rij, actie)
    if start and eind and start > eind:
        rij.fout(ACTIE_KOP["timing_eind"], "De start ligt na het einde.")
    van, tot = _leeftijd(rij, actie)
    if van is not None and tot is not None and van > tot:
        rij.fout(ACTIE_KOP["leeftijd_max"], "De minimumleeftijd is hoger dan de maximumleeftijd.")
    afgeleid = {
        "timing_soort": soort,
        "timing_start": start,
        "timing_eind": eind,
        "leeftijd_min": van,
        "leeftijd_max": tot,
    }
    return afgeleid, [opmerking] if opmerking else []


def _planning(
    agenda: Agenda, rij: Rij, actie: Actie | None
) -> tuple[str, datetime.date | None, datetime.date | None, str | None]:
    """The planning's kind, start and end from the row, and a remark when the text is not
    understood.

    Unchanged text and dates keep the stored kind. Empty dates, or a changed text with the
    stored dates, are derived from the text (the parser the form and the fixtures use);
    other dates are taken as given, with the kind the text gives them if they agree, else
    `datum` (an end only) or `periode`.
    """
    tekst, start, eind = rij["timing_tekst"], rij["timing_start"], rij["timing_eind"]
    if actie is not None and (start, eind) == (actie.timing_start, actie.timing_eind):
        if tekst == lees_tekst(actie.timing_tekst):
            return actie.timing_soort, start, eind, None
        start = eind = None  # the stored dates belong to the old text
    planning = lees_planning(
        tekst, periode_start=agenda.periode_start, periode_eind=agenda.periode_eind
    )
    if start is None and eind is None:
        if planning.begrepen:
            return planning.soort, planning.start, planning.eind, None
        return (
            TimingSoort.ONBEPAALD,
            None,
            None,
            f"Planning ‘{tekst}’ niet herkend: blijft als tekst, zonder start en einde.",
        )
    if planning.begrepen and (planning.start, planning.eind) == (start, eind):
        return planning.soort, start, eind, None
    return (TimingSoort.DATUM if start is None else TimingSoort.PERIODE), start, eind, None


def _leeftijd(rij: Rij, actie: Actie | None) -> tuple[int | None, int | None]:
    """The age range by the rule of `_planning`: derived from the text when the range is
    empty, or when only the text changed."""
    tekst, van, tot = rij["leeftijd_tekst"], rij["leeftijd_min"], rij["leeftijd_max"]
    if actie is not None and (van, tot) == (actie.leeftijd_min, actie.leeftijd_max):
        if tekst == lees_tekst(actie.leeftijd_tekst):
            return van, tot
        van = tot = None
    if van is None and tot is None:
        return lees_leeftijd(tekst)
    return van, tot


def _kandidaat(agenda: Agenda, actie: Actie | None, velden: dict[str, Any]) -> Actie:
    """An unsaved action with the row's values, to check by the model's own rules."""
    kandidaat = Actie(agenda=agenda) if actie is None else copy.copy(actie)
    for veld, waarde in velden.items():
        setattr(kandidaat, veld, waarde)
    return kandidaat
