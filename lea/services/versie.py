"""An agenda's version (lea.models.Agendaversie): raised after every committed change to the
agenda, read by the page cache (lea/paginacache.py).

monitoring/versie.py raises it after the commit of every save and delete of what an agenda
holds; a write that bypasses save() (QuerySet.update, bulk_create) on such a model calls
`agenda_gewijzigd` itself, and so does a restore.
"""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from lea.models import Agenda, Agendaversie
from lea.services.publicatie import openbaar_gewijzigd


def agenda_gewijzigd(agenda_ids: Iterable[int] | None = None) -> None:
    """Raise the version of these agendas (all when None), and of their public view, so every
    cached page of them is made anew on its next request."""
    nu = timezone.now()
    rijen = Agendaversie.objects.all()
    ids: set[int] | None = None
    if agenda_ids is not None:
        ids = set(agenda_ids)
        if not ids:
            return
        rijen = rijen.filter(agenda_id__in=ids)
    verhoogd = rijen.update(versie=F("versie") + 1, gewijzigd_op=nu)
    if ids is None or verhoogd < len(ids):
        # An agenda without its row (new, or restored from an older backup) gets one.
        zonder = Agenda.objects.filter(inhoudsversie__isnull=True)
        if ids is not None:
            zonder = zonder.filter(pk__in=ids)
        Agendaversie.objects.bulk_create(
            (Agendaversie(agenda_id=pk) for pk in zonder.values_list("pk", flat=True)),
            ignore_conflicts=True,
        )
    openbaar_gewijzigd(ids)


def agendaversie(agenda_id: int) -> tuple[int, datetime.datetime] | None:
    """The agenda's version and when it was raised last, in one query; None when the agenda
    has no version row yet (then nothing of it is cached)."""
    return (
        Agendaversie.objects.filter(agenda_id=agenda_id)
        .values_list("versie", "gewijzigd_op")
        .first()
    )


def na_commit_gewijzigd(agenda_ids: Iterable[int]) -> None:
    """For a write that bypasses save(): raise these agendas' versions once the transaction
    commits (at once outside one). A failure is logged, never a 500 for a saved change."""
    ids = set(agenda_ids)
    if ids:
        transaction.on_commit(lambda: agenda_gewijzigd(ids), robust=True)
