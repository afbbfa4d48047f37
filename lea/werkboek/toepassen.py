"""Applying a workbook: all of it in one transaction or nothing, every history row saying
"via import <file>"."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from lea.models import Agenda
from lea.werkboek.basis import (
    Context,
    WerkboekFout,
)
from lea.werkboek.lezen import (
    Voorbeeld,
    werkboek_lees,
)

# --- applying -----------------------------------------------------------------------------------

_REDEN: ContextVar[tuple[str, Any] | None] = ContextVar("lea_wijzigingsreden", default=None)


@contextmanager
def wijzigingsreden(reden: str, door: Any = None) -> Iterator[None]:
    """Every history row written inside records `reden` (and `door` when the write names no
    user): "via import <file>". Read by `reden_in_historie`, connected in LeaConfig.ready."""
    token = _REDEN.set((reden[:100], door))
    try:
        yield
    finally:
        _REDEN.reset(token)


def reden_in_historie(sender: Any, history_instance: Any, **kwargs: Any) -> None:
    """django-simple-history's pre_create_historical_record: fill in the reason and user."""
    huidig = _REDEN.get()
    if huidig is None:
        return
    reden, door = huidig
    if not getattr(history_instance, "history_change_reason", None):
        history_instance.history_change_reason = reden
    if door is not None and getattr(history_instance, "history_user_id", None) is None:
        history_instance.history_user = door


def werkboek_pas_toe(
    context: Context,
    inhoud: bytes,
    *,
    namen: Iterable[str] | None = None,
    vingerafdruk: str | None = None,
) -> Voorbeeld:
    """Apply the workbook: all of it in one transaction, or nothing.

    Reads the file again inside the transaction; refuses (WerkboekFout, nothing changed) when
    it has errors, or when `vingerafdruk` is given and the outcome differs from that preview
    (someone changed the agenda in between). Every history row records `context.reden`.
    """
    with transaction.atomic(), wijzigingsreden(context.reden, context.door):
        Agenda.objects.select_for_update().filter(pk=context.agenda.pk).first()
        voorbeeld = werkboek_lees(context, inhoud, namen=namen)
        if voorbeeld.heeft_fouten:
            raise WerkboekFout(
                f"Het bestand heeft {len(voorbeeld.fouten)} fout(en); er is niets gewijzigd. "
                f"Eerste fout: {voorbeeld.fouten[0]}"
            )
        if vingerafdruk is not None and voorbeeld.vingerafdruk() != vingerafdruk:
            raise WerkboekFout(
                "De agenda is gewijzigd sinds het voorbeeld is gemaakt; er is niets gewijzigd. "
                "Controleer het bestand opnieuw."
            )
        for regel in voorbeeld.regels:
            if regel.pas_toe is None:
                continue
            try:
                regel.pas_toe()
            except ValidationError as exc:
                raise WerkboekFout(
                    f"{regel.blad}, rij {regel.rij}: {'; '.join(exc.messages)} "
                    "Er is niets gewijzigd."
                ) from None
    return voorbeeld
