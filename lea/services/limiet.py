"""Limits per user on work that costs: at most so many of one kind per hour.

Counted from the audit log (lea.models.Auditregel): the action that is allowed writes its row
in the same transaction, so what is counted is what was done, in every worker process.
"""

import datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from lea.models import Agenda, Auditregel
from lea.services.audit import audit_vastleg

UUR = datetime.timedelta(hours=1)


class TeVaak(ValidationError):
    """Refused: the user reached the limit for this kind of action."""


@transaction.atomic
def limiet_gebruik(
    *,
    soort: str,
    gebruiker: Any,
    maximum: int,
    wat: str,
    agenda: Agenda | None = None,
    omschrijving: str = "",
    venster: datetime.timedelta = UUR,
) -> Auditregel:
    """Count one action of `soort` by `gebruiker`, or raise TeVaak (nothing written) when they
    did `maximum` of them within `venster` already. `wat` names the action in the message
    ("een rapport aangevraagd"). Call it inside the action's transaction, before its writes.
    """
    # Concurrent requests of the same user wait here for each other (a row lock on PostgreSQL),
    # so two of them cannot both take the last place.
    get_user_model().objects.select_for_update().filter(pk=gebruiker.pk).first()
    nu = timezone.now()
    eerdere = Auditregel.objects.filter(
        gebruiker=gebruiker, soort=soort, tijdstip__gt=nu - venster
    ).order_by("tijdstip")
    if eerdere.count() >= maximum:
        vrij = eerdere.values_list("tijdstip", flat=True)[eerdere.count() - maximum] + venster
        minuten = max(1, -(-int((vrij - nu).total_seconds()) // 60))
        raise TeVaak(
            f"U heeft het afgelopen uur al {maximum} keer {wat}; meer kan niet binnen een uur. "
            f"Probeer het over {minuten} {'minuut' if minuten == 1 else 'minuten'} opnieuw.",
            code="te_vaak",
        )
    return audit_vastleg(soort=soort, gebruiker=gebruiker, agenda=agenda, omschrijving=omschrijving)
