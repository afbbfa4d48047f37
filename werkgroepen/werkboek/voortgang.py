"""The Voortgang sheet: per action the state of now, and a werkgroep chair's offline progress
update (a changed row becomes a new progress update)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from lea import werkboek
from lea.werkboek import (
    DATUM,
    GEHEEL,
    JANEE,
    LANG,
    Context,
    Kolom,
    Regel,
    Rij,
    regel_voor,
    vergelijk,
)
from werkgroepen.models import AFGEROND_IS_100, VOORTGANG_VOLGORDE, Actie, Status, Voortgang
from werkgroepen.services import voortgang_registreer
from werkgroepen.werkboek.gemeen import (
    ID,
    RAG_LABEL,
    RAG_WAARDE,
    STATUS_LABEL,
    STATUS_WAARDE,
    VOORTGANG,
    actieve_acties,
    werkgroepnaam,
    zoek_actie,
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
    # The public marks of the update a changed row becomes; a workbook made before these
    # columns existed still reads (its new updates are not public).
    Kolom(
        "openbaar",
        "Openbaar",
        10,
        JANEE,
        optioneel=True,
        uitleg="ja: deze rapportage komt in de openbare weergave zodra de agenda gepubliceerd "
        "is. nee of leeg: niet openbaar.",
    ),
    Kolom(
        "openbare_tekst",
        "Openbare tekst",
        60,
        LANG,
        optioneel=True,
        uitleg="De tekst voor het publiek, in eenvoudige taal. Leeg: de toelichting zelf.",
    ),
)
VOORTGANG_KOP = {k.veld: k for k in VOORTGANG_KOLOMMEN}


def voortgang_lijsten(context: Context) -> dict[str, list[str]]:
    return {"status": list(STATUS_WAARDE), "rag": list(RAG_WAARDE)}


def _met_toelichting(acties: QuerySet[Actie]) -> QuerySet[Actie]:
    """Annotated with the narrative and the public marks of the update each action follows
    (`laatste_toelichting`, `laatste_openbaar`, `laatste_openbare_tekst`)."""
    laatste = Voortgang.objects.filter(actie=OuterRef("pk")).order_by(*VOORTGANG_VOLGORDE)
    return acties.annotate(
        **{
            f"laatste_{veld}": Subquery(laatste.values(veld)[:1])
            for veld in ("toelichting", "openbaar", "openbare_tekst")
        }
    )


def _voortgang_acties(context: Context) -> QuerySet[Actie]:
    acties = actieve_acties(context.agenda)
    if context.werkgroep_id is not None:
        acties = acties.filter(werkgroep_id=context.werkgroep_id)
    return _met_toelichting(acties)


def voortgang_rij(actie: Actie) -> dict[str, Any]:
    """An action's current state (that of its latest update) as a row of the Voortgang sheet."""
    return {
        "id": actie.pk,
        "code": actie.code,
        "titel": actie.titel,
        "werkgroep": werkgroepnaam(actie.werkgroep),
        "voortgang_datum": actie.voortgang_datum,
        "status": STATUS_LABEL[actie.status],
        "rag_tijd": RAG_LABEL.get(actie.rag_tijd, ""),
        "rag_geld": RAG_LABEL.get(actie.rag_geld, ""),
        "percentage": actie.percentage,
        "toelichting": getattr(actie, "laatste_toelichting", None) or "",
        "openbaar": bool(getattr(actie, "laatste_openbaar", None)),
        "openbare_tekst": getattr(actie, "laatste_openbare_tekst", None) or "",
    }


def voortgang_rijen(context: Context) -> Iterable[dict[str, Any]]:
    return [voortgang_rij(actie) for actie in _voortgang_acties(context)]


def voortgang_lees(context: Context, rijen: list[Rij]) -> list[Regel]:
    # Every active action of the agenda: a chair's row of another werkgroep's action is an
    # error of its own, not an unknown ID.
    acties = _met_toelichting(
        Actie.objects.filter(agenda=context.agenda).actief().select_related("agenda", "werkgroep")
    )
    actief = {a.pk: a for a in acties}
    regels = [_lees_voortgang(context, rij, actief) for rij in rijen]
    return regels + werkboek.ontbrekend(VOORTGANG, _voortgang_acties(context), rijen)


def _lees_voortgang(context: Context, rij: Rij, actief: dict[int, Actie]) -> Regel:
    if rij["id"] is None:
        rij.fout(ID, "Voortgang hoort bij een bestaande actie: vul het ID in.")
    actie = zoek_actie(rij, actief, context.agenda)
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
    oud = werkboek.zoals_gelezen(VOORTGANG_KOLOMMEN, voortgang_rij(actie))
    # A column the file does not have (one made before it existed) is no change.
    nieuw = {k.veld: rij[k.veld] for k in VOORTGANG_KOLOMMEN if k.veld in rij.waarden}
    if "openbaar" in nieuw:
        nieuw["openbaar"] = nieuw["openbaar"] is True  # empty is nee
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
        # Missing columns: not public.
        openbaar=nieuw.get("openbaar", False),
        openbare_tekst=nieuw.get("openbare_tekst") or "",
    )
    if gewijzigd and not rij.fouten:
        werkboek.controleer(rij, voortgang, VOORTGANG_KOLOMMEN)

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
            openbaar=voortgang.openbaar,
            openbare_tekst=voortgang.openbare_tekst,
        )

    return regel_voor(
        rij,
        wat=str(actie),
        oud=oud,
        nieuw=nieuw,
        kolommen=VOORTGANG_KOLOMMEN,
        pas_toe=registreer,
        opmerkingen=_openbaarheid(voortgang, oud, nieuw) if gewijzigd and not rij.fouten else (),
    )


def _openbaarheid(voortgang: Voortgang, oud: dict[str, Any], nieuw: dict[str, Any]) -> list[str]:
    """What the preview says of a new update's public marks, whether the file changed them or
    not (a row that keeps "ja" makes its new update public too); nothing when it is simply
    not public. The public text of the previous update, kept under a new toelichting, may no
    longer be true: the preview says so."""
    if not voortgang.openbaar:
        if "openbaar" not in nieuw and oud.get("openbaar"):
            return [
                "Dit bestand heeft geen kolom Openbaar: de nieuwe rapportage is niet openbaar, "
                "ook al was de vorige het wel."
            ]
        if voortgang.openbare_tekst:
            return [
                "De openbare tekst wordt niet getoond: deze rapportage is niet openbaar "
                "(Openbaar is nee)."
            ]
        return []
    if voortgang.openbare_tekst:
        opmerkingen = [
            "De nieuwe rapportage is openbaar, met de openbare tekst, zodra de agenda "
            "gepubliceerd is."
        ]
        if nieuw.get("openbare_tekst") == oud.get("openbare_tekst") and not _gelijk_tekst(
            nieuw.get("toelichting"), oud.get("toelichting")
        ):
            opmerkingen.append(
                "Let op: de openbare tekst is nog die van de vorige rapportage. Pas hem aan, "
                "of maak hem leeg als hij niet meer klopt."
            )
        return opmerkingen
    return [
        "De nieuwe rapportage is openbaar, met de toelichting als tekst, zodra de agenda "
        "gepubliceerd is."
    ]


def _controleer_voortgang(rij: Rij) -> None:
    """What a changed row needs to be a complete progress update."""
    kop = VOORTGANG_KOP
    werkboek.verplicht(rij, kop["status"], "Kies een status uit de lijst.")
    for veld in ("rag_tijd", "rag_geld"):
        werkboek.verplicht(rij, kop[veld], f"Kies {kop[veld].kop}: Groen, Oranje of Rood.")
    percentage = rij["percentage"]
    if percentage is None or not 0 <= percentage <= 100:
        rij.fout(kop["percentage"], "Een percentage ligt tussen 0 en 100.")
    elif rij["status"] == Status.AFGEROND.label and percentage != 100:
        rij.fout(kop["percentage"], AFGEROND_IS_100)
    werkboek.verplicht(rij, kop["toelichting"], "Schrijf een toelichting bij deze voortgang.")


def _gelijk_tekst(a: Any, b: Any) -> bool:
    return (a or "") == (b or "")
