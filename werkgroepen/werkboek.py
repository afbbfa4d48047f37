"""The werkgroepen's sheets of the agenda workbook: Acties (the actions as the agenda document
prints them) and Voortgang (a werkgroep chair's offline progress update), and the CSV of a
filtered action list with the columns of the Acties sheet.

Reading compares each row with the database and writes nothing; the writes go through the
services in `pas_toe`, run by `lea.werkboek.werkboek_pas_toe` inside one transaction.
"""

from __future__ import annotations

import copy
import csv
import datetime
import io
from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from ambities.models import Knoop
from lea.models import Agenda
from lea.werkboek import (
    DATUM,
    GEHEEL,
    LANG,
    Blad,
    Context,
    Kolom,
    Regel,
    Rij,
    Uitkomst,
    lees_tekst,
    regel_voor,
    tekst_van,
    vergelijk,
)
from lea.werkboek import (
    registreer as registreer_blad,
)
from werkgroepen.models import (
    AFGEROND_IS_100,
    VOORTGANG_VOLGORDE,
    Actie,
    Rag,
    Status,
    TimingSoort,
    Voortgang,
    Werkgroep,
)
from werkgroepen.planning import lees_leeftijd, lees_planning
from werkgroepen.services import actie_bewerk, actie_maak, voortgang_registreer

ACTIES, VOORTGANG = "Acties", "Voortgang"
STATUS_LABEL: dict[str, str] = dict(Status.choices)
STATUS_WAARDE = {label: waarde for waarde, label in STATUS_LABEL.items()}
# Short labels in the drop-down: the choices' long labels do not fit a cell.
RAG_LABEL = {Rag.GROEN.value: "Groen", Rag.ORANJE.value: "Oranje", Rag.ROOD.value: "Rood"}
RAG_WAARDE = {label: waarde for waarde, label in RAG_LABEL.items()}
TITEL_MAX = 60  # characters of a node's title in its label

ID = Kolom("id", "ID", 8, GEHEEL, uitleg="Nummer in LEA. Laat leeg voor een nieuwe actie.")
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
VOORTGANG_KOLOMMEN = (
    Kolom("id", "ID", 8, GEHEEL, uitleg="Nummer in LEA; niet wijzigen."),
    Kolom("code", "Code", 8, alleen_lezen=True),
    Kolom("titel", "Actie", 40, alleen_lezen=True),
    Kolom("werkgroep", "Werkgroep", 24, alleen_lezen=True),
    Kolom("voortgang_datum", "Laatste rapportage", 12, DATUM, alleen_lezen=True),
    Kolom("status", "Status", 14, lijst="status"),
    Kolom("rag_tijd", "RAG tijd", 10, lijst="rag"),
    Kolom("rag_geld", "RAG geld", 10, lijst="rag"),
    Kolom("percentage", "% gereed", 10, GEHEEL),
    Kolom(
        "toelichting",
        "Toelichting",
        60,
        LANG,
        uitleg="Wat is er deze periode gedaan, en wat is er nodig? Verplicht bij een wijziging.",
    ),
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


def knooplabels(agenda: Agenda) -> dict[int, str]:
    """Per node, in the order of the goal tree, its label in the Knoop column."""
    return {knoop.pk: label for label, knoop in _knopen(agenda).items()}


def _knopen(agenda: Agenda) -> dict[str, Knoop]:
    """The nodes by their label, in the order of the goal tree: code path and title ("1.A
    Werken aan partnerschap met ouders"), unique within the agenda.

    The agenda's active nodes, and an archived node that an active action still serves (so
    the export reads back as it was). A node without a code, or whose label another node
    shares, gets its number ("#12") so that every label names one node.
    """
    gebruikt = Actie.objects.filter(agenda=agenda).actief().values("knoop_id")
    knopen = sorted(
        Knoop.objects.filter(agenda=agenda)
        .filter(Q(gearchiveerd=False) | Q(pk__in=gebruikt))
        .select_related("ouder"),
        key=_boomvolgorde,
    )
    labels = {k.pk: _knooplabel(k) for k in knopen}
    aantal = Counter(label.lower() for label in labels.values())
    return {
        f"{labels[k.pk]} #{k.pk}"
        if not k.code.strip() or aantal[labels[k.pk].lower()] > 1
        else labels[k.pk]: k
        for k in knopen
    }


def _boomvolgorde(knoop: Knoop) -> tuple[int, ...]:
    if knoop.ouder is None:
        return (knoop.volgorde, knoop.pk, 0, 0)
    return (knoop.ouder.volgorde, knoop.ouder.pk, knoop.volgorde + 1, knoop.pk)


def _knooplabel(knoop: Knoop) -> str:
    codes = [knoop.ouder.code if knoop.ouder else "", knoop.code]
    pad = ".".join(c.strip() for c in codes if c.strip())
    titel = " ".join(knoop.titel.split())
    if len(titel) > TITEL_MAX:
        titel = (titel[: TITEL_MAX - 1].rsplit(" ", 1)[0] or titel[: TITEL_MAX - 1]) + "…"
    return f"{pad} {titel}".strip()


def _werkgroepnamen(agenda: Agenda) -> dict[str, Werkgroep]:
    """The werkgroepen by name: the active ones, and an archived one that still carries an
    active action (its closed actions read back as they were)."""
    gebruikt = Actie.objects.filter(agenda=agenda, werkgroep__isnull=False).actief()
    werkgroepen = Werkgroep.objects.filter(agenda=agenda).filter(
        Q(gearchiveerd=False) | Q(pk__in=gebruikt.values("werkgroep_id"))
    )
    return {" ".join(wg.naam.split()): wg for wg in werkgroepen}


def _werkgroepnaam(werkgroep: Werkgroep | None) -> str:
    return " ".join(werkgroep.naam.split()) if werkgroep else ""


def acties_lijsten(context: Context) -> dict[str, list[str]]:
    return {
        "knopen": list(knooplabels(context.agenda).values()),
        "werkgroepen": list(_werkgroepnamen(context.agenda)),
        "status": list(STATUS_WAARDE),
    }


def voortgang_lijsten(context: Context) -> dict[str, list[str]]:
    return {"status": list(STATUS_WAARDE), "rag": list(RAG_WAARDE)}


# --- Acties: export ---------------------------------------------------------------------------


def _acties(agenda: Agenda) -> QuerySet[Actie]:
    return (
        Actie.objects.filter(agenda=agenda)
        .actief()
        .select_related("knoop", "werkgroep")
        .order_by("volgorde", "pk")
    )


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
        "werkgroep": _werkgroepnaam(actie.werkgroep),
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
    return [actie_rij(actie, labels) for actie in _acties(context.agenda)]


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


# --- Acties: reading back ---------------------------------------------------------------------


def acties_lees(context: Context, rijen: list[Rij]) -> list[Regel]:
    agenda = context.agenda
    bestaande = {
        a.pk: a for a in Actie.objects.filter(agenda=agenda).select_related("knoop", "werkgroep")
    }
    knopen = _knopen(agenda)
    labels = {knoop.pk: label for label, knoop in knopen.items()}
    werkgroepen = _werkgroepnamen(agenda)
    regels = [_lees_actie(context, rij, bestaande, labels, knopen, werkgroepen) for rij in rijen]
    in_bestand = {rij["id"] for rij in rijen}
    regels += [
        Regel(ACTIES, None, Uitkomst.ONTBREEKT, str(actie))
        for actie in _acties(agenda)
        if actie.pk not in in_bestand
    ]
    return regels


def _lees_actie(
    context: Context,
    rij: Rij,
    bestaande: dict[int, Actie],
    labels: dict[int, str],
    knopen: dict[str, Knoop],
    werkgroepen: dict[str, Werkgroep],
) -> Regel:
    agenda = context.agenda
    actie = _bestaande_actie(rij, bestaande)
    wat = (f"{rij['code'] or ''} {rij['titel'] or ''}".strip()) or (str(actie) if actie else "")
    if rij.fouten and rij["id"] is not None and actie is None:
        return regel_voor(rij, wat=wat, oud=None, nieuw={}, kolommen=(), pas_toe=None)
    oud = _genormaliseerd(actie_rij(actie, labels)) if actie else None
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
    if not rij.fouten and (actie is None or vergelijk(ACTIE_KOLOMMEN, oud or {}, nieuw)):
        _controleer(rij, _kandidaat(agenda, actie, velden), ACTIE_KOP)

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
    if not rij["titel"]:
        rij.fout(ACTIE_KOP["titel"], "Vul de titel van de actie in.")
    knoop = knopen.get(rij["knoop"]) if rij["knoop"] else None
    if rij["knoop"] == "":
        rij.fout(ACTIE_KOP["knoop"], "Kies de knoop (het doel) waar deze actie bij hoort.")
    elif knoop and knoop.gearchiveerd and (actie is None or knoop.pk != actie.knoop_id):
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


def _bestaande_actie(rij: Rij, bestaande: dict[int, Actie]) -> Actie | None:
    """The action the row's ID names, or None (with an error when the ID is not one of this
    agenda's active actions; never saying more about an ID of another agenda)."""
    if rij["id"] is None:
        return None
    actie = bestaande.get(rij["id"])
    if actie is None:
        rij.fout(ID, f"ID {rij['id']} is geen actie van deze agenda.")
    elif actie.gearchiveerd:
        rij.fout(
            ID,
            f"‘{actie}’ is gearchiveerd. Zet de actie eerst in LEA terug (knop ‘Terugzetten’ "
            "op de pagina van de actie) en lees het bestand dan opnieuw in.",
        )
        return None
    return actie


def _genormaliseerd(rij: dict[str, Any]) -> dict[str, Any]:
    """A row as it reads back from a cell: text trimmed, line ends as in the file."""
    return {k: lees_tekst(v) if isinstance(v, str) else v for k, v in rij.items()}


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


def _controleer(rij: Rij, obj: Any, kolommen: dict[str, Kolom]) -> None:
    """Run the model's validation on `obj` and put each message on its column (the row as a
    whole when no column holds the field), so the preview shows what the apply would refuse."""
    try:
        obj.full_clean()
    except ValidationError as exc:
        for veld, meldingen in exc.message_dict.items():
            kolom = kolommen.get(veld) if veld != NON_FIELD_ERRORS else None
            for melding in meldingen:
                rij.fout(kolom or "", melding)


# --- Voortgang ----------------------------------------------------------------------------------


def _met_toelichting(acties: QuerySet[Actie]) -> QuerySet[Actie]:
    """Annotated with the narrative of the update each action follows (`laatste_toelichting`)."""
    laatste = Voortgang.objects.filter(actie=OuterRef("pk")).order_by(*VOORTGANG_VOLGORDE)
    return acties.annotate(laatste_toelichting=Subquery(laatste.values("toelichting")[:1]))


def _voortgang_acties(context: Context) -> QuerySet[Actie]:
    acties = _acties(context.agenda)
    if context.werkgroep_id is not None:
        acties = acties.filter(werkgroep_id=context.werkgroep_id)
    return _met_toelichting(acties)


def voortgang_rij(actie: Actie) -> dict[str, Any]:
    """An action's current state (that of its latest update) as a row of the Voortgang sheet."""
    return {
        "id": actie.pk,
        "code": actie.code,
        "titel": actie.titel,
        "werkgroep": _werkgroepnaam(actie.werkgroep),
        "voortgang_datum": actie.voortgang_datum,
        "status": STATUS_LABEL[actie.status],
        "rag_tijd": RAG_LABEL.get(actie.rag_tijd, ""),
        "rag_geld": RAG_LABEL.get(actie.rag_geld, ""),
        "percentage": actie.percentage,
        "toelichting": getattr(actie, "laatste_toelichting", None) or "",
    }


def voortgang_rijen(context: Context) -> Iterable[dict[str, Any]]:
    return [voortgang_rij(actie) for actie in _voortgang_acties(context)]


VOORTGANG_KOP = {k.veld: k for k in VOORTGANG_KOLOMMEN}


def voortgang_lees(context: Context, rijen: list[Rij]) -> list[Regel]:
    acties = _met_toelichting(
        Actie.objects.filter(agenda=context.agenda).select_related("agenda", "werkgroep")
    )
    bestaande = {a.pk: a for a in acties}
    regels = [_lees_voortgang(context, rij, bestaande) for rij in rijen]
    in_bestand = {rij["id"] for rij in rijen}
    regels += [
        Regel(VOORTGANG, None, Uitkomst.ONTBREEKT, str(actie))
        for actie in _voortgang_acties(context)
        if actie.pk not in in_bestand
    ]
    return regels


def _lees_voortgang(context: Context, rij: Rij, bestaande: dict[int, Actie]) -> Regel:
    if rij["id"] is None:
        rij.fout(ID, "Voortgang hoort bij een bestaande actie: vul het ID in.")
    actie = _bestaande_actie(rij, bestaande)
    if actie is None:
        wat = f"{rij['code'] or ''} {rij['titel'] or ''}".strip()
        return regel_voor(rij, wat=wat, oud=None, nieuw={}, kolommen=(), pas_toe=None)
    kop = VOORTGANG_KOP
    if context.werkgroep_id is not None and actie.werkgroep_id != context.werkgroep_id:
        rij.fout(
            kop["werkgroep"],
            "Deze actie hoort niet bij uw werkgroep; u werkt hier alleen de voortgang van de "
            "acties van uw eigen werkgroep bij.",
        )
    oud = _genormaliseerd(voortgang_rij(actie))
    nieuw = {k.veld: rij[k.veld] for k in VOORTGANG_KOLOMMEN}
    gewijzigd = bool(vergelijk(VOORTGANG_KOLOMMEN, oud, nieuw))
    if gewijzigd and not rij.fouten:
        _controleer_voortgang(rij)
    voortgang = Voortgang(
        actie=actie,
        door=context.door,
        datum=timezone.localdate(),
        status=STATUS_WAARDE.get(rij["status"] or "", ""),
        rag_tijd=RAG_WAARDE.get(rij["rag_tijd"] or "", ""),
        rag_geld=RAG_WAARDE.get(rij["rag_geld"] or "", ""),
        percentage=rij["percentage"],
        toelichting=rij["toelichting"] or "",
    )
    if gewijzigd and not rij.fouten:
        _controleer(rij, voortgang, kop)

    def registreer() -> None:
        voortgang_registreer(
            actie=Actie.objects.get(pk=voortgang.actie_id),
            door=context.door,
            datum=voortgang.datum,
            status=voortgang.status,
            rag_tijd=voortgang.rag_tijd,
            rag_geld=voortgang.rag_geld,
            percentage=voortgang.percentage,
            toelichting=voortgang.toelichting,
        )

    return regel_voor(
        rij, wat=str(actie), oud=oud, nieuw=nieuw, kolommen=VOORTGANG_KOLOMMEN, pas_toe=registreer
    )


def _controleer_voortgang(rij: Rij) -> None:
    """What a changed row needs to be a complete progress update."""
    kop = VOORTGANG_KOP
    if not rij["status"]:
        rij.fout(kop["status"], "Kies een status uit de lijst.")
    for veld in ("rag_tijd", "rag_geld"):
        if not rij[veld]:
            rij.fout(kop[veld], f"Kies {kop[veld].kop}: Groen, Oranje of Rood.")
    percentage = rij["percentage"]
    if percentage is None or not 0 <= percentage <= 100:
        rij.fout(kop["percentage"], "Een percentage ligt tussen 0 en 100.")
    elif rij["status"] == Status.AFGEROND.label and percentage != 100:
        rij.fout(kop["percentage"], AFGEROND_IS_100)
    if not rij["toelichting"]:
        rij.fout(kop["toelichting"], "Schrijf een toelichting bij deze voortgang.")


# --- registration -------------------------------------------------------------------------------


def registreer() -> None:
    """The two sheets, from WerkgroepenConfig.ready: Acties before Voortgang, so that an
    action edited on both is edited before its progress is recorded."""
    registreer_blad(
        Blad(
            ACTIES,
            ACTIE_KOLOMMEN,
            acties_rijen,
            acties_lees,
            acties_lijsten,
            uitleg="De acties van de agenda, zoals het document ze drukt.",
        )
    )
    registreer_blad(
        Blad(
            VOORTGANG,
            VOORTGANG_KOLOMMEN,
            voortgang_rijen,
            voortgang_lees,
            voortgang_lijsten,
            per_werkgroep=True,
            uitleg="Per actie de stand van nu; een gewijzigde rij wordt een nieuwe rapportage.",
        )
    )
