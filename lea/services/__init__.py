"""The core's writes: validate-and-save for every app's services, and notifications (in the app,
and by e-mail exactly once: claimed before sending)."""

import datetime
import logging
import uuid
from typing import Any, TypeVar

from celery import current_app
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone

from lea.models import Agenda, Formuliertoken, Melding, Opdracht, Persoon

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
    sending fails the claim is released and the error raised, so the task can retry. A login
    that chose no mail per notification gets none: `email_verzonden_op` stays empty, and the
    weekly digest lists the notification instead.
    """
    adres = email_van(melding.gebruiker, melding.agenda)
    if not adres:
        return False
    # The preference is part of the claim: no query more per notification.
    geclaimd = (
        Melding.objects.filter(pk=melding.pk, email_verzonden_op__isnull=True)
        .exclude(gebruiker__emailvoorkeur__per_melding=False)
        .update(email_verzonden_op=timezone.now())
    )
    if geclaimd != 1:
        return False
    try:
        send_mail(
            subject=f"[LEA] {melding.titel}",
            message=f"{melding.tekst}\n\n{basis_url}{melding.url}".strip(),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[adres],
        )
    except Exception:
        Melding.objects.filter(pk=melding.pk).update(email_verzonden_op=None)
        raise
    logger.info("melding %s per e-mail verstuurd aan %s", melding.pk, melding.gebruiker)
    return True


def email_van(gebruiker: Any, agenda: Agenda | None = None) -> str:
    """Where a login's mail goes: its own address, else that of its person (in this agenda
    first). Logins made by an invitation carry their person's address; older ones may not."""
    if gebruiker.email:
        return str(gebruiker.email)
    personen = Persoon.objects.filter(gebruiker=gebruiker).exclude(email="")
    if agenda is not None:
        personen = personen.order_by(
            models.Case(models.When(agenda=agenda, then=0), default=1), "pk"
        )
    return personen.values_list("email", flat=True).first() or ""


def melding_lees(*, melding: Melding) -> None:
    if melding.gelezen_op is None:
        melding.gelezen_op = timezone.now()
        melding.save(update_fields=["gelezen_op"])


# --- the durable outbox ------------------------------------------------------------------------

# How long beat leaves a fresh row to the after-commit hand-over before it tries itself.
OVERDRACHT_RUST = datetime.timedelta(seconds=30)


def opdracht_plaats(
    *, taak: Any, argumenten: list[Any], agenda: Agenda | None = None, omschrijving: str = ""
) -> Opdracht:
    """Queue work for the worker as part of the caller's transaction.

    `taak` is a Celery task or its dotted name. The row commits with the change or not at all;
    after the commit it is handed to the broker, and when the broker is unreachable it waits
    for beat (`opdrachten_geef_door`). The task it runs must be safe to run twice.
    """
    naam = taak if isinstance(taak, str) else taak.name
    opdracht = Opdracht.objects.create(
        taak=naam, argumenten=argumenten, agenda=agenda, omschrijving=omschrijving[:300]
    )
    transaction.on_commit(lambda: opdracht_geef_door(opdracht_id=opdracht.pk))
    return opdracht


def _celery_taak(naam: str) -> Any:
    app = current_app
    if naam not in app.tasks:
        app.loader.import_default_modules()  # the apps' tasks modules, as the worker loads them
    return app.tasks[naam]


def opdracht_geef_door(*, opdracht_id: int) -> bool:
    """Hand one waiting row to the broker; True when it went. Never raises: a failure is
    recorded on the row and the row waits for the next try."""
    nu = timezone.now()
    if (
        Opdracht.objects.filter(pk=opdracht_id, doorgegeven_op__isnull=True).update(
            doorgegeven_op=nu
        )
        != 1
    ):
        return False  # gone, or handed over already
    opdracht = Opdracht.objects.get(pk=opdracht_id)
    try:
        # retry=False: fail at once when the broker is down, rather than keep the user waiting.
        _celery_taak(opdracht.taak).apply_async(args=opdracht.argumenten, retry=False)
    except Exception as fout:
        logger.warning("opdracht %s niet doorgegeven: %s", opdracht_id, fout)
        Opdracht.objects.filter(pk=opdracht_id).update(
            doorgegeven_op=None,
            pogingen=F("pogingen") + 1,
            laatste_fout=f"{type(fout).__name__}: {fout}"[:2000],
        )
        _gewijzigd(opdracht)
        return False
    Opdracht.objects.filter(pk=opdracht_id).update(pogingen=F("pogingen") + 1, laatste_fout="")
    _gewijzigd(opdracht)
    return True


def _gewijzigd(opdracht: Opdracht) -> None:
    """The updates above send no signal: a meeting page shows whether its agenda waits."""
    from lea.services.versie import na_commit_gewijzigd  # versie imports this package

    if opdracht.agenda_id is not None:
        na_commit_gewijzigd([opdracht.agenda_id])


def opdrachten_geef_door(*, nu: datetime.datetime | None = None) -> int:
    """Beat: hand over every row that is still waiting (the broker was down at its commit)."""
    grens = (nu or timezone.now()) - OVERDRACHT_RUST
    wachtend = Opdracht.objects.filter(doorgegeven_op__isnull=True, aangemaakt__lte=grens)
    ids = list(wachtend.order_by("aangemaakt").values_list("pk", flat=True)[:1000])
    return sum(opdracht_geef_door(opdracht_id=pk) for pk in ids)


def wacht_op_wachtrij(opdracht: Opdracht) -> bool:
    """Whether this row still waits for the broker (for a note to the user after a save)."""
    return Opdracht.objects.filter(pk=opdracht.pk, doorgegeven_op__isnull=True).exists()


# --- one-time form tokens ----------------------------------------------------------------------


def token_gebruik(*, token: uuid.UUID | None, door: Any = None) -> None:
    """Claim a form's one-time token in the caller's transaction; a token used before means the
    same form was sent twice, and the second time changes nothing. No token: nothing to claim."""
    if token is None:
        return
    try:
        with transaction.atomic():
            Formuliertoken.objects.create(
                token=token, gebruiker=door if getattr(door, "pk", None) else None
            )
    except IntegrityError:
        raise ValidationError(
            "Dit formulier is al verstuurd; de wijziging is één keer opgeslagen."
        ) from None


# --- calendar feeds ----------------------------------------------------------------------------


def persoon_ics_vernieuw(*, persoon: Persoon, door: Any = None) -> Persoon:
    """A new secret for the person's calendar feed: the old address stops working at once."""
    persoon.ics_token = uuid.uuid4()
    return bewaar(persoon, door=door)


# The next period (its own module; imported last, as it builds on the writes above).
from lea.services.periode import agenda_nieuwe_periode, agenda_publiceer  # noqa: E402, F401
