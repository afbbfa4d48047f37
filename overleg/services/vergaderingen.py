"""Writes on meetings, agenda items, decisions, action points, attendance and papers."""

import datetime
import uuid
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Max

from ambities.models import Knoop
from lea.models import Persoon
from lea.services import bewaar
from overleg.models import (
    Aanwezigheid,
    Actiepunt,
    Agendapunt,
    Besluit,
    Overlegorgaan,
    PuntSoort,
    PuntStatus,
    Stuk,
    Vergadering,
    VergaderStatus,
    WettelijkOnderwerp,
)
from overleg.selectors import voorstellen_uit_gegevens
from werkgroepen.models import Actie, Rag, TimingSoort, Werkgroep
from werkgroepen.services import actie_maak


def _volgende_plek(vergadering: Vergadering) -> int:
    hoogste = vergadering.punten.filter(status=PuntStatus.GEACCEPTEERD).aggregate(m=Max("volgorde"))
    return (hoogste["m"] or 0) + 1


def _bewaar_met_koppelingen(
    punt: Agendapunt,
    door: Any,
    onderwerpen: Iterable[WettelijkOnderwerp],
    knopen: Iterable[Knoop],
    acties: Iterable[Actie],
) -> Agendapunt:
    """Save an item with what it is about: statutory topics, nodes and actions."""
    bewaar(punt, door=door)
    punt.onderwerpen.set(onderwerpen)
    punt.knopen.set(knopen)
    punt.acties.set(acties)
    return punt


@transaction.atomic
def agendapunt_stel_voor(
    *,
    vergadering: Vergadering,
    door: Any,
    velden: dict[str, Any],
    onderwerpen: Iterable[WettelijkOnderwerp] = (),
    knopen: Iterable[Knoop] = (),
    acties: Iterable[Actie] = (),
) -> Agendapunt:
    """Anyone with a role proposes an item; the secretary accepts or declines it."""
    if vergadering.status in (VergaderStatus.GEANNULEERD, VergaderStatus.VASTGESTELD):
        raise ValidationError("Voor deze vergadering kunnen geen punten meer worden voorgesteld.")
    punt = Agendapunt(
        vergadering=vergadering, voorgesteld_door=door, status=PuntStatus.VOORGESTELD, **velden
    )
    return _bewaar_met_koppelingen(punt, door, onderwerpen, knopen, acties)


@transaction.atomic
def agendapunt_voeg_toe(
    *,
    vergadering: Vergadering,
    door: Any,
    velden: dict[str, Any],
    onderwerpen: Iterable[WettelijkOnderwerp] = (),
    knopen: Iterable[Knoop] = (),
    acties: Iterable[Actie] = (),
    actiepunt: Actiepunt | None = None,
) -> Agendapunt:
    """The secretary puts an item straight on the agenda, at the end."""
    punt = Agendapunt(
        vergadering=vergadering,
        voorgesteld_door=door,
        status=PuntStatus.GEACCEPTEERD,
        volgorde=_volgende_plek(vergadering),
        actiepunt=actiepunt,
        **velden,
    )
    return _bewaar_met_koppelingen(punt, door, onderwerpen, knopen, acties)


@transaction.atomic
def agendapunt_beoordeel(*, punt: Agendapunt, accepteer: bool, reden: str = "") -> Agendapunt:
    if not accepteer and not reden.strip():
        raise ValidationError("Geef een reden als u een voorstel afwijst.")
    punt.status = PuntStatus.GEACCEPTEERD if accepteer else PuntStatus.AFGEWEZEN
    punt.reden_afwijzing = "" if accepteer else reden
    if accepteer:
        punt.volgorde = _volgende_plek(punt.vergadering)
    bewaar(punt)
    return punt


@transaction.atomic
def agenda_stel_samen(
    *,
    vergadering: Vergadering,
    door: Any,
    acties: Iterable[str] = (),
    voorstellen: Iterable[str] = (),
    onderwerpen: Iterable[str] = (),
    actiepunten: Iterable[str] = (),
) -> int:
    """The agenda builder: put the chosen proposals from the data on the agenda, as a whole.

    The choices are the primary keys (as posted) of what `voorstellen_uit_gegevens` offers;
    anything else is ignored. Returns how many items were put on the agenda.
    """
    aanbod = voorstellen_uit_gegevens(vergadering)
    agenda = vergadering.orgaan.agenda
    gekozen = {
        "acties": set(acties),
        "voorgesteld": set(voorstellen),
        "onderwerpen": set(onderwerpen),
        "actiepunten": set(actiepunten),
    }
    aantal = 0
    for actie in aanbod["acties"]:
        if str(actie.pk) in gekozen["acties"]:
            reden = "rood" if Rag.ROOD in (actie.rag_tijd, actie.rag_geld) else "te laat"
            agendapunt_voeg_toe(
                vergadering=vergadering,
                door=door,
                acties=[actie],
                velden={
                    "titel": f"{agenda.actie_naam} {actie.code} {actie.titel}"[:300],
                    "soort": PuntSoort.BESPREKING,
                    "toelichting": f"Voorgesteld omdat de actie {reden} is.",
                },
            )
            aantal += 1
    for punt in aanbod["voorgesteld"]:
        if str(punt.pk) in gekozen["voorgesteld"]:
            agendapunt_beoordeel(punt=punt, accepteer=True)
            aantal += 1
    for onderwerp in aanbod["onderwerpen"]:
        if str(onderwerp.pk) in gekozen["onderwerpen"]:
            agendapunt_voeg_toe(
                vergadering=vergadering,
                door=door,
                onderwerpen=[onderwerp],
                velden={
                    "titel": f"Wettelijk overleg: {onderwerp.titel}"[:300],
                    "soort": PuntSoort.BESLUITVORMING,
                    "toelichting": onderwerp.wetsartikel,
                },
            )
            aantal += 1
    for actiepunt in aanbod["actiepunten"]:
        if str(actiepunt.pk) in gekozen["actiepunten"]:
            agendapunt_voeg_toe(
                vergadering=vergadering,
                door=door,
                actiepunt=actiepunt,
                velden={
                    "titel": f"Actiepunt: {actiepunt.omschrijving}"[:300],
                    "soort": PuntSoort.BESPREKING,
                    "toelichting": f"Eigenaar: {actiepunt.wie}",
                },
            )
            aantal += 1
    return aantal


@transaction.atomic
def agendapunt_verplaats(*, punt: Agendapunt, richting: int) -> None:
    """Swap an item with its neighbour above (-1) or below (+1)."""
    punten = list(
        punt.vergadering.punten.filter(status=PuntStatus.GEACCEPTEERD).order_by("volgorde", "pk")
    )
    i = punten.index(punt)
    j = i + richting
    if 0 <= j < len(punten):
        punten[i], punten[j] = punten[j], punten[i]
    for plek, p in enumerate(punten, start=1):
        if p.volgorde != plek:
            p.volgorde = plek
            p.save(update_fields=["volgorde"])


@transaction.atomic
def notulen_vastleg(*, punt: Agendapunt, notulen: str) -> Agendapunt:
    punt.notulen = notulen
    bewaar(punt)
    return punt


@transaction.atomic
def besluit_vastleg(*, punt: Agendapunt, tekst: str) -> Besluit:
    besluit = Besluit(agendapunt=punt, tekst=tekst)
    bewaar(besluit)
    return besluit


@transaction.atomic
def besluit_openbaar_zet(*, besluit: Besluit, openbaar: bool, door: Any = None) -> Besluit:
    """Show a decision in the agenda's public view, or no longer; its text stays as taken."""
    besluit.openbaar = openbaar
    besluit._history_user = door  # type: ignore[attr-defined]  # read by django-simple-history
    besluit.save(update_fields=["openbaar"])
    return besluit


@transaction.atomic
def actiepunt_vastleg(
    *,
    punt: Agendapunt,
    omschrijving: str,
    eigenaar: Persoon | None = None,
    eigenaar_tekst: str = "",
    deadline: datetime.date | None = None,
) -> Actiepunt:
    actiepunt = Actiepunt(
        agendapunt=punt,
        omschrijving=omschrijving,
        eigenaar=eigenaar,
        eigenaar_tekst=eigenaar_tekst,
        deadline=deadline,
    )
    bewaar(actiepunt)
    return actiepunt


@transaction.atomic
def actiepunt_status(*, actiepunt: Actiepunt, status: str) -> Actiepunt:
    actiepunt.status = status
    bewaar(actiepunt)
    return actiepunt


@transaction.atomic
def actiepunt_naar_actie(
    *, actiepunt: Actiepunt, door: Any, knoop: Knoop, werkgroep: Werkgroep | None = None
) -> Actie:
    """Turn an action point into an action of the agenda; the link stays both ways."""
    if actiepunt.actie_id:
        raise ValidationError("Van dit actiepunt is al een actie gemaakt.")
    agenda = actiepunt.agendapunt.vergadering.orgaan.agenda
    deadline = actiepunt.deadline
    actie: Actie = actie_maak(
        agenda=agenda,
        door=door,
        velden={
            "knoop": knoop,
            "werkgroep": werkgroep,
            "titel": actiepunt.omschrijving[:500],
            # The owner once: the person, or the name as typed when no person was chosen.
            "regie_persoon": actiepunt.eigenaar,
            "regie_tekst": actiepunt.eigenaar_tekst,
            "timing_soort": TimingSoort.DATUM if deadline else TimingSoort.ONBEPAALD,
            "timing_eind": deadline,
            "timing_tekst": f"vóór {deadline:%d-%m-%Y}" if deadline else "",
            "toelichting": f"Uit het actiepunt van {actiepunt.agendapunt.vergadering}.",
        },
    )
    actiepunt.actie = actie
    actiepunt.save(update_fields=["actie"])
    return actie


@transaction.atomic
def vergadering_wijzig(*, vergadering: Vergadering, velden: dict[str, Any]) -> Vergadering:
    """Move, relocate or change the status of a meeting (it keeps its place in the plan)."""
    for veld, waarde in velden.items():
        setattr(vergadering, veld, waarde)
    bewaar(vergadering)
    return vergadering


@transaction.atomic
def aanwezigheid_vastleg(
    *,
    vergadering: Vergadering,
    aanwezig: Iterable[Persoon],
    afgemeld: Iterable[Persoon],
    door: Any = None,
) -> int:
    """Record who was present and who sent notice; a member in neither list was absent.

    Nothing is deleted: each person keeps one row whose changes are in its history, so a
    mistaken (or empty) form is visible and can be put right. Returns the rows changed.
    """
    aanwezig_ids = {p.pk for p in aanwezig}
    afgemeld_ids = {p.pk for p in afgemeld} - aanwezig_ids
    rijen = {a.persoon_id: a for a in vergadering.aanwezigheid.all()}
    gewijzigd = 0
    for persoon_id in sorted(set(rijen) | aanwezig_ids | afgemeld_ids):
        stand = (persoon_id in aanwezig_ids, persoon_id in afgemeld_ids)
        rij = rijen.get(persoon_id)
        if rij is None:
            rij = Aanwezigheid(vergadering=vergadering, persoon_id=persoon_id)
        elif (rij.aanwezig, rij.afgemeld) == stand:
            continue
        rij.aanwezig, rij.afgemeld = stand
        bewaar(rij, door=door)
        gewijzigd += 1
    return gewijzigd


@transaction.atomic
def stuk_voeg_toe(*, vergadering: Vergadering, door: Any, titel: str, bestand: File) -> Stuk:
    stuk = Stuk(vergadering=vergadering, toegevoegd_door=door, titel=titel, bestand=bestand)
    bewaar(stuk, door=door)
    return stuk


@transaction.atomic
def stuk_verwijder(*, stuk: Stuk, door: Any = None) -> None:
    """Take a paper off the meeting (e.g. one whose file is lost, before adding it again).
    The history keeps the record of it; the file on disk, if any, is left alone."""
    stuk._history_user = door  # type: ignore[attr-defined]  # read by django-simple-history
    stuk.delete()


@transaction.atomic
def orgaan_ics_vernieuw(*, orgaan: Overlegorgaan, door: Any = None) -> Overlegorgaan:
    """A new secret for the body's calendar feed: the old address stops working at once."""
    orgaan.ics_token = uuid.uuid4()
    # The secret itself stays out of the history; who renewed it and when is recorded.
    orgaan._change_reason = "Agenda-abonnement vernieuwd"  # type: ignore[attr-defined]
    return bewaar(orgaan, door=door)
