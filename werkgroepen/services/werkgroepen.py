"""Writes on werkgroepen: create, edit, archive. Views, admin and commands call these.

A werkgroep's chair, responsible party, members, organisations and nodes all belong to its own
agenda: the model's clean() checks the foreign keys, and these services the M2M sets before
they are stored. Chairing gives the werkgroepvoorzitter role by itself
(werkgroepen.toegang.voorzitterschappen): nothing to write for it here.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from ambities.models import Knoop
from lea.models import Agenda, Organisatie, Persoon, zelfde_agenda
from lea.services import bewaar, token_gebruik
from werkgroepen.models import WERKGROEP_HISTORIE, Werkgroep

# The fields of a werkgroep its form edits (the M2M sets go separately).
WERKGROEP_VELDEN = (
    "naam",
    "omschrijving",
    "voorzitter",
    "voorzitter_tekst",
    "eindverantwoordelijke",
    "eindverantwoordelijke_tekst",
)
WERKGROEP_SETS = ("leden", "organisaties", "knopen")


@contextmanager
def _een_historieregel(werkgroep: Werkgroep) -> Iterator[None]:
    """Within this block neither the save nor the sets write history, so that the caller
    records one change with the fields and sets together (not one per set)."""
    werkgroep.skip_history_when_saving = True  # type: ignore[attr-defined]
    try:
        yield
    finally:
        del werkgroep.skip_history_when_saving  # type: ignore[attr-defined]


def _zet_sets(
    werkgroep: Werkgroep,
    *,
    leden: Iterable[Persoon] | None,
    organisaties: Iterable[Organisatie] | None,
    knopen: Iterable[Knoop] | None,
) -> None:
    """Check and store the M2M sets that are given (None: leave as it is)."""
    sets = {
        naam: list(waarde)
        for naam, waarde in (("leden", leden), ("organisaties", organisaties), ("knopen", knopen))
        if waarde is not None
    }
    zelfde_agenda(werkgroep.agenda_id, **sets)
    for naam, waarde in sets.items():
        getattr(werkgroep, naam).set(waarde)


@transaction.atomic
def werkgroep_maak(
    *,
    agenda: Agenda,
    door: Any,
    velden: dict[str, Any],
    leden: Iterable[Persoon] = (),
    organisaties: Iterable[Organisatie] = (),
    knopen: Iterable[Knoop] = (),
    token: Any = None,
) -> Werkgroep:
    """Create a werkgroep at the end of the agenda's list; `token` (the form's one-time token)
    makes a double submit a no-op."""
    token_gebruik(token=token, door=door)
    laatste = (
        Werkgroep.objects.filter(agenda=agenda)
        .order_by("-volgorde")
        .values_list("volgorde", flat=True)
        .first()
    )
    werkgroep = Werkgroep(agenda=agenda, volgorde=(laatste or 0) + 1, **velden)
    with _een_historieregel(werkgroep):
        bewaar(werkgroep, door=door)
        _zet_sets(werkgroep, leden=leden, organisaties=organisaties, knopen=knopen)
    WERKGROEP_HISTORIE.create_historical_record(werkgroep, "+")
    return werkgroep


@transaction.atomic
def werkgroep_bewerk(
    *,
    werkgroep: Werkgroep,
    door: Any,
    velden: dict[str, Any],
    leden: Iterable[Persoon] | None = None,
    organisaties: Iterable[Organisatie] | None = None,
    knopen: Iterable[Knoop] | None = None,
) -> Werkgroep:
    """Change a werkgroep's fields and the M2M sets that are given."""
    for veld, waarde in velden.items():
        if veld not in WERKGROEP_VELDEN:
            raise ValueError(f"{veld} is geen veld dat een werkgroep hier wijzigt")
        setattr(werkgroep, veld, waarde)
    with _een_historieregel(werkgroep):
        _zet_sets(werkgroep, leden=leden, organisaties=organisaties, knopen=knopen)
    return bewaar(werkgroep, door=door)  # one history row: the fields and the sets as saved


@transaction.atomic
def werkgroep_archiveer(*, werkgroep: Werkgroep, door: Any, gearchiveerd: bool = True) -> Werkgroep:
    """Archive a werkgroep (never delete), once it carries no open action; or restore it."""
    if gearchiveerd:
        aantal = werkgroep.acties.open().count()
        if aantal:
            agenda = werkgroep.agenda
            soort = (agenda.actie_naam if aantal == 1 else agenda.actie_meervoud).lower()
            raise ValidationError(
                f"Deze werkgroep draagt nog {aantal} open {soort}. Rond ze af of wijs ze "
                "eerst een andere werkgroep toe; daarna kunt u de werkgroep archiveren."
            )
    werkgroep.gearchiveerd = gearchiveerd
    return bewaar(werkgroep, door=door)
