"""The agenda's version after a meeting write that bypasses save() (see lea/services/versie.py):
the planner's bulk insert, the daily cycle's and the outbox's one-column UPDATEs."""

from collections.abc import Iterable

from lea.services.versie import na_commit_gewijzigd
from overleg.models import Vergadering


def vergaderingen_gewijzigd(vergadering_ids: Iterable[int]) -> None:
    """Raise the versions of these meetings' agendas once the transaction commits."""
    ids = list(vergadering_ids)
    if ids:
        rijen = Vergadering.objects.filter(pk__in=ids).values_list("orgaan__agenda_id", flat=True)
        na_commit_gewijzigd(rijen)
