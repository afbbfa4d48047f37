"""Writes on meetings, agenda items, decisions and action points."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from lea.services import bewaar
from overleg.models import (
    Aanwezigheid,
    Actiepunt,
    Agendapunt,
    Besluit,
    PuntStatus,
    Stuk,
    Vergadering,
    VergaderStatus,
)
from werkgroepen.services import actie_maak


def _volgende_plek(vergadering: Vergadering) -> int:
    hoogste = vergadering.punten.filter(status=PuntStatus.GEACCEPTEERD).aggregate(m=Max("volgorde"))
    return (hoogste["m"] or 0) + 1


@transaction.atomic
def agendapunt_stel_voor(
    *, vergadering: Vergadering, door, velden: dict, onderwerpen=(), knopen=(), acties=()
) -> Agendapunt:
    """Anyone with a role proposes an item; the secretary accepts or declines it."""
    if vergadering.status in (VergaderStatus.GEANNULEERD, VergaderStatus.VASTGESTELD):
        raise ValidationError("Voor deze vergadering kunnen geen punten meer worden voorgesteld.")
    punt = bewaar(
        Agendapunt(
            vergadering=vergadering, voorgesteld_door=door, status=PuntStatus.VOORGESTELD, **velden
        )
    )
    punt.onderwerpen.set(onderwerpen)
    punt.knopen.set(knopen)
    punt.acties.set(acties)
    return punt


@transaction.atomic
def agendapunt_voeg_toe(
    *,
    vergadering: Vergadering,
    door,
    velden: dict,
    onderwerpen=(),
    knopen=(),
    acties=(),
    actiepunt=None,
) -> Agendapunt:
    """The secretary puts an item straight on the agenda, at the end."""
    punt = bewaar(
        Agendapunt(
            vergadering=vergadering,
            voorgesteld_door=door,
            status=PuntStatus.GEACCEPTEERD,
            volgorde=_volgende_plek(vergadering),
            actiepunt=actiepunt,
            **velden,
        )
    )
    punt.onderwerpen.set(onderwerpen)
    punt.knopen.set(knopen)
    punt.acties.set(acties)
    return punt


@transaction.atomic
def agendapunt_beoordeel(*, punt: Agendapunt, accepteer: bool, reden: str = "") -> Agendapunt:
    if not accepteer and not reden.strip():
        raise ValidationError("Geef een reden als u een voorstel afwijst.")
    punt.status = PuntStatus.GEACCEPTEERD if accepteer else PuntStatus.AFGEWEZEN
    punt.reden_afwijzing = "" if accepteer else reden
    if accepteer:
        punt.volgorde = _volgende_plek(punt.vergadering)
    return bewaar(punt)


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
    return bewaar(punt)


@transaction.atomic
def besluit_vastleg(*, punt: Agendapunt, tekst: str) -> Besluit:
    return bewaar(Besluit(agendapunt=punt, tekst=tekst))


@transaction.atomic
def actiepunt_vastleg(
    *,
    punt: Agendapunt,
    omschrijving: str,
    eigenaar=None,
    eigenaar_tekst: str = "",
    deadline: datetime.date | None = None,
) -> Actiepunt:
    return bewaar(
        Actiepunt(
            agendapunt=punt,
            omschrijving=omschrijving,
            eigenaar=eigenaar,
            eigenaar_tekst=eigenaar_tekst,
            deadline=deadline,
        )
    )


@transaction.atomic
def actiepunt_status(*, actiepunt: Actiepunt, status: str) -> Actiepunt:
    actiepunt.status = status
    return bewaar(actiepunt)


@transaction.atomic
def actiepunt_naar_actie(*, actiepunt: Actiepunt, door, knoop, werkgroep=None):
    """Turn an action point into an action of the agenda; the link stays both ways."""
    if actiepunt.actie_id:
        raise ValidationError("Van dit actiepunt is al een actie gemaakt.")
    agenda = actiepunt.agendapunt.vergadering.orgaan.agenda
    deadline = actiepunt.deadline
    actie = actie_maak(
        agenda=agenda,
        door=door,
        velden={
            "knoop": knoop,
            "werkgroep": werkgroep,
            "titel": actiepunt.omschrijving[:500],
            "regie_persoon": actiepunt.eigenaar,
            "regie_tekst": actiepunt.wie,
            "timing_soort": "datum" if deadline else "onbepaald",
            "timing_eind": deadline,
            "timing_tekst": f"vóór {deadline:%d-%m-%Y}" if deadline else "",
            "toelichting": f"Uit het actiepunt van {actiepunt.agendapunt.vergadering}.",
        },
    )
    actiepunt.actie = actie
    actiepunt.save(update_fields=["actie"])
    return actie


@transaction.atomic
def vergadering_wijzig(*, vergadering: Vergadering, velden: dict) -> Vergadering:
    """Move, relocate or change the status of a meeting (it keeps its place in the plan)."""
    for veld, waarde in velden.items():
        setattr(vergadering, veld, waarde)
    return bewaar(vergadering)


@transaction.atomic
def aanwezigheid_vastleg(*, vergadering: Vergadering, aanwezig: list, afgemeld: list) -> None:
    vergadering.aanwezigheid.all().delete()  # the list is replaced as a whole by the secretary
    Aanwezigheid.objects.bulk_create(
        [Aanwezigheid(vergadering=vergadering, persoon=p, aanwezig=True) for p in aanwezig]
        + [
            Aanwezigheid(vergadering=vergadering, persoon=p, aanwezig=False, afgemeld=True)
            for p in afgemeld
            if p not in aanwezig
        ]
    )


@transaction.atomic
def stuk_voeg_toe(*, vergadering: Vergadering, door, titel: str, bestand) -> Stuk:
    return bewaar(Stuk(vergadering=vergadering, toegevoegd_door=door, titel=titel, bestand=bestand))
