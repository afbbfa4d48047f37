"""The chair's personal reporting link, and "Geen wijziging" for all of a werkgroep's actions.

A link belongs to one werkgroep, one chair and one reporting period; the progress request
carries it in its URL, signed, so that a changed or made-up URL is refused. It works until the
end of its period plus a grace of GRATIE (the last reports often come in just after the period),
unless a beheerder revokes it. Each use is counted on the link; each change made through it is
written to the security audit log, with what changed.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone

from lea.models import AuditSoort
from lea.perioden import rapportageperiode
from lea.services import bewaar
from lea.services.audit import audit_vastleg
from werkgroepen.models import Actie, Rapportagelink, Werkgroep
from werkgroepen.services.acties import voortgang_registreer

SALT = "lea.rapportagelink"
# After the end of its reporting period a link keeps working this long.
GRATIE = datetime.timedelta(days=14)
GEEN_WIJZIGING = "Geen wijziging sinds de vorige rapportage."


class LinkOngeldig(Exception):
    """A link that gives no access; `status` is the HTTP status of the page that says so."""

    status = 404
    standaard = (
        "Deze link klopt niet. Gebruik de link uit de e-mail precies zoals hij is, of log in "
        "om de voortgang bij te werken."
    )

    def __init__(self, melding: str = "") -> None:
        self.melding = melding or self.standaard
        super().__init__(self.melding)


class LinkOnbekend(LinkOngeldig):
    """Tampered with, made up, or of a link that no longer exists."""


class LinkIngetrokken(LinkOngeldig):
    status = 410
    standaard = (
        "Deze link is ingetrokken door de beheerder van de agenda. Log in om de voortgang bij "
        "te werken."
    )


class LinkVerlopen(LinkOngeldig):
    status = 410
    standaard = "Deze link is verlopen. Log in om de voortgang bij te werken."


def verloopt_op_voor(periode_eind: datetime.date) -> datetime.datetime:
    """The moment a link of the period ending on `periode_eind` expires: the night after the
    last day of grace, in the site's time zone."""
    laatste = periode_eind + GRATIE
    middernacht = datetime.datetime.combine(laatste + datetime.timedelta(days=1), datetime.time())
    return timezone.make_aware(middernacht)


def geldig_tot(link: Rapportagelink) -> datetime.date:
    """The last day the link works (what the mail and the page say)."""
    return timezone.localdate(link.verloopt_op) - datetime.timedelta(days=1)


def rapportagelink_voor(
    *, werkgroep: Werkgroep, gebruiker: Any, op: datetime.date
) -> Rapportagelink:
    """The link of this chair and werkgroep for the reporting period containing `op`, made
    the first time it is asked for (a second call, or a second worker, gets the same one).

    A revoked link stays revoked: it is returned as it is, and the caller checks `geldig()`."""
    begin, eind = rapportageperiode(werkgroep.agenda.rapportageperiode, op)
    bestaand = Rapportagelink.objects.filter(
        werkgroep=werkgroep, gebruiker=gebruiker, periode_begin=begin
    ).first()
    if bestaand is not None:
        return bestaand
    link = Rapportagelink(
        werkgroep=werkgroep,
        gebruiker=gebruiker,
        periode_begin=begin,
        periode_eind=eind,
        verloopt_op=verloopt_op_voor(eind),
    )
    try:
        with transaction.atomic():
            return bewaar(link)
    except (IntegrityError, ValidationError):
        # Made by someone else in between: the unique constraint keeps one per period.
        return Rapportagelink.objects.get(
            werkgroep=werkgroep, gebruiker=gebruiker, periode_begin=begin
        )


def token_van(link: Rapportagelink) -> str:
    """The signed form of the link that its URL carries: the same every time for one link (its
    expiry and revocation live on the link, not in the token)."""
    return signing.Signer(salt=SALT).sign_object(link.pk)


def link_uit_token(token: str, *, nu: datetime.datetime | None = None) -> Rapportagelink:
    """The link a token stands for; LinkOnbekend for a bad signature or an unknown link,
    LinkIngetrokken and LinkVerlopen for one that no longer works."""
    try:
        pk = signing.Signer(salt=SALT).unsign_object(token)
    except (signing.BadSignature, ValueError):  # ValueError: signed, but not our payload
        raise LinkOnbekend() from None
    if not isinstance(pk, int):
        raise LinkOnbekend()
    link = (
        Rapportagelink.objects.select_related(
            "werkgroep__agenda", "werkgroep__voorzitter", "gebruiker"
        )
        .filter(pk=pk)
        .first()
    )
    if link is None:
        raise LinkOnbekend()
    if link.ingetrokken_op is not None:
        raise LinkIngetrokken()
    if not link.geldig(nu):
        raise LinkVerlopen(
            f"Deze link werkte tot en met {geldig_tot(link):%d-%m-%Y} en is nu verlopen. "
            "Log in om de voortgang bij te werken."
        )
    return link


@transaction.atomic
def intrek(*, link: Rapportagelink, door: Any) -> Rapportagelink:
    """Revoke the link at once (a second call changes nothing)."""
    link = Rapportagelink.objects.select_for_update().get(pk=link.pk)
    if link.ingetrokken_op is None:
        link.ingetrokken_op = timezone.now()
        link.ingetrokken_door = door
        link.save(update_fields=["ingetrokken_op", "ingetrokken_door"])
        audit_vastleg(
            soort=AuditSoort.RAPPORTAGELINK,
            gebruiker=door,
            agenda=link.werkgroep.agenda,
            omschrijving=f"Rapportagelink ingetrokken: {link}",
        )
    return link


def gebruik_vastleg(*, link: Rapportagelink, request: HttpRequest, wijziging: str = "") -> None:
    """Count one use of the link; a use that changed something (`wijziging` says what) also
    goes to the security audit log, in the name of the link's chair."""
    nu = timezone.now()
    Rapportagelink.objects.filter(pk=link.pk).update(
        aantal_keer_gebruikt=F("aantal_keer_gebruikt") + 1, laatst_gebruikt_op=nu
    )
    if wijziging:
        audit_vastleg(
            soort=AuditSoort.RAPPORTAGELINK,
            request=request,
            gebruiker=link.gebruiker,
            agenda=link.werkgroep.agenda,
            omschrijving=f"Via de rapportagelink van {link.werkgroep}: {wijziging}",
        )


@dataclass
class GeenWijziging:
    """What "Geen wijziging" did: the actions it recorded, and those it left for a real update
    because they had none before (no state to repeat)."""

    vastgelegd: list[Actie] = field(default_factory=list)
    zonder_vorige: list[Actie] = field(default_factory=list)


@transaction.atomic
def geen_wijziging_vastleg(
    *, werkgroep: Werkgroep, door: Any, sinds: datetime.date, acties: Any
) -> GeenWijziging:
    """For every open action of `acties` (the werkgroep's, already limited to what the caller
    may change) without an update since `sinds`: an update today that repeats its current
    status, percentage and RAG, with the toelichting GEEN_WIJZIGING.

    The actions are locked first and checked again, so a double click records nothing twice."""
    vandaag = timezone.localdate()
    datum = min(vandaag, werkgroep.agenda.periode_eind)
    te_doen = list(
        acties.filter(werkgroep=werkgroep)
        .nog_niet_gerapporteerd(sinds=sinds)
        .select_for_update(of=("self",))
        .order_by("volgorde", "pk")
    )
    uit = GeenWijziging()
    for actie in te_doen:
        if actie.voortgang_datum is None or not (actie.rag_tijd and actie.rag_geld):
            uit.zonder_vorige.append(actie)
            continue
        voortgang_registreer(
            actie=actie,
            door=door,
            datum=datum,
            status=actie.status,
            rag_tijd=actie.rag_tijd,
            rag_geld=actie.rag_geld,
            percentage=actie.percentage,
            toelichting=GEEN_WIJZIGING,
        )
        uit.vastgelegd.append(actie)
    return uit
