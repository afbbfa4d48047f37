"""Calendar feeds (.ics) of a body and of a person: the secret token in the address is the
access, so these are not agenda views (a calendar program cannot log in)."""

import uuid
from collections.abc import Iterable

from django.http import Http404, HttpRequest, HttpResponse

from lea.models import Persoon
from overleg.ics import kalender_ics
from overleg.models import Overlegorgaan, Vergadering


def _ics(naam: str, vergaderingen: Iterable[Vergadering]) -> HttpResponse:
    antwoord = HttpResponse(kalender_ics(naam, vergaderingen), content_type="text/calendar")
    antwoord["Content-Disposition"] = 'inline; filename="lea.ics"'
    return antwoord


def orgaan_ics(request: HttpRequest, token: uuid.UUID) -> HttpResponse:
    """A body's meetings as a calendar feed; the secret token is the access."""
    orgaan = Overlegorgaan.objects.filter(ics_token=token).select_related("agenda").first()
    if orgaan is None:
        raise Http404
    vergaderingen = orgaan.vergaderingen.prefetch_related("punten")
    return _ics(f"{orgaan} – {orgaan.agenda.gemeente}", vergaderingen)


def persoon_ics(request: HttpRequest, token: uuid.UUID) -> HttpResponse:
    """The meetings of every body a person is a member of."""
    persoon = Persoon.objects.filter(ics_token=token).first()
    if persoon is None:
        raise Http404
    vergaderingen = (
        Vergadering.objects.filter(
            orgaan__leden__persoon=persoon, orgaan__leden__gearchiveerd=False
        )
        .select_related("orgaan__agenda")
        .prefetch_related("punten")
    )
    return _ics(f"LEA – {persoon.naam}", vergaderingen)
