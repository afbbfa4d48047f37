"""The core's writes: validate-and-save for every app's services, and notifications (in the app,
and by e-mail exactly once: claimed before sending)."""

import logging
from typing import Any, TypeVar

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from lea.models import Agenda, Melding

logger = logging.getLogger(__name__)
M = TypeVar("M", bound=models.Model)


def bewaar(obj: M, *, door: Any = None) -> M:
    """Validate and save; `door` is recorded as the author in the change history."""
    if door is not None:
        obj._history_user = door  # type: ignore[attr-defined]  # read by django-simple-history
    obj.full_clean()
    obj.save()
    return obj


def melding_maak(
    *,
    gebruiker: Any,
    agenda: Agenda | None,
    sleutel: str,
    titel: str,
    tekst: str = "",
    url: str = "",
) -> Melding:
    """The user's notification for `sleutel`; a second call returns the first one unchanged."""
    try:
        with transaction.atomic():
            return Melding.objects.create(
                gebruiker=gebruiker,
                agenda=agenda,
                sleutel=sleutel,
                titel=titel[:300],
                tekst=tekst,
                url=url,
            )
    except IntegrityError:
        return Melding.objects.get(gebruiker=gebruiker, sleutel=sleutel)


def melding_email_verstuur(*, melding: Melding, basis_url: str = "") -> bool:
    """Send the notification by e-mail unless that already happened; True if sent now.

    The claim is a conditional update, so a retry or a second worker never sends twice. If
    sending fails the claim is released and the error raised, so the task can retry.
    """
    if not melding.gebruiker.email:
        return False
    geclaimd = Melding.objects.filter(pk=melding.pk, email_verzonden_op__isnull=True).update(
        email_verzonden_op=timezone.now()
    )
    if geclaimd != 1:
        return False
    try:
        send_mail(
            subject=f"[LEA] {melding.titel}",
            message=f"{melding.tekst}\n\n{basis_url}{melding.url}".strip(),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[melding.gebruiker.email],
        )
    except Exception:
        Melding.objects.filter(pk=melding.pk).update(email_verzonden_op=None)
        raise
    logger.info("melding %s per e-mail verstuurd aan %s", melding.pk, melding.gebruiker)
    return True


def melding_lees(*, melding: Melding) -> None:
    if melding.gelezen_op is None:
        melding.gelezen_op = timezone.now()
        melding.save(update_fields=["gelezen_op"])
