"""Writes on bodies and their members: create, edit, archive (never delete), and add, change
or end a membership. Views, admin and commands call these.

A body's chair, secretary and members belong to its own agenda: the models' clean() refuses
another agenda's person, and `bewaar` runs it before every save.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from lea.models import Agenda, Persoon
from lea.services import bewaar, token_gebruik
from overleg.models import Orgaanlid, Overlegorgaan

# The fields of a body its form edits.
ORGAAN_VELDEN = (
    "naam",
    "soort",
    "voorzitter",
    "voorzitter_tekst",
    "secretaris",
    "secretaris_tekst",
    "samenstelling",
    "taken",
    "vergaderingen_per_jaar",
    "frequentie_tekst",
    "voorkeur_maanden",
    "voorkeur_weekdag",
    "voorkeur_tijd",
    "duur_minuten",
    "locatie",
    "dagen_agenda",
    "weken_voortgangsverzoek",
    "dagen_verslagherinnering",
)
# The fields of a membership its form edits (the body and the person are fixed once made).
LID_VELDEN = ("organisatie", "functie", "mandaat", "gearchiveerd")


def _zet(obj: Any, velden: dict[str, Any], toegestaan: tuple[str, ...]) -> None:
    for veld, waarde in velden.items():
        if veld not in toegestaan:
            raise ValueError(f"{veld} is geen veld dat hier wordt gewijzigd")
        setattr(obj, veld, waarde)


@transaction.atomic
def orgaan_maak(
    *, agenda: Agenda, door: Any, velden: dict[str, Any], token: Any = None
) -> Overlegorgaan:
    """Create a body at the end of the agenda's list; the planner picks it up on its next run.
    `token` (the form's one-time token) makes a double submit a no-op."""
    token_gebruik(token=token, door=door)
    laatste = (
        Overlegorgaan.objects.filter(agenda=agenda)
        .order_by("-volgorde")
        .values_list("volgorde", flat=True)
        .first()
    )
    orgaan = Overlegorgaan(agenda=agenda, volgorde=(laatste or 0) + 1)
    _zet(orgaan, velden, ORGAAN_VELDEN)
    return bewaar(orgaan, door=door)


@transaction.atomic
def orgaan_bewerk(*, orgaan: Overlegorgaan, door: Any, velden: dict[str, Any]) -> Overlegorgaan:
    """Change a body's fields; a changed rhythm applies to the places the planner fills next."""
    _zet(orgaan, velden, ORGAAN_VELDEN)
    return bewaar(orgaan, door=door)


@transaction.atomic
def orgaan_archiveer(
    *, orgaan: Overlegorgaan, door: Any, gearchiveerd: bool = True
) -> Overlegorgaan:
    """Archive a body (never delete): it leaves the lists and choices and the planner passes
    it by; its meetings, decisions and members stay. Or restore it."""
    orgaan.gearchiveerd = gearchiveerd
    return bewaar(orgaan, door=door)


@transaction.atomic
def orgaanlid_voeg_toe(
    *, orgaan: Overlegorgaan, persoon: Persoon, door: Any, velden: dict[str, Any]
) -> Orgaanlid:
    """Add a person of the body's agenda as a member. Someone whose membership ended becomes
    a member again in the same row, so that the history stays in one place."""
    lid = Orgaanlid.objects.filter(orgaan=orgaan, persoon=persoon).first()
    if lid is not None and not lid.gearchiveerd:
        raise ValidationError({"persoon": f"{persoon} is al lid van {orgaan}."})
    if lid is None:
        lid = Orgaanlid(orgaan=orgaan, persoon=persoon)
    _zet(lid, {**velden, "gearchiveerd": False}, LID_VELDEN)
    return bewaar(lid, door=door)


@transaction.atomic
def orgaanlid_bewerk(*, lid: Orgaanlid, door: Any, velden: dict[str, Any]) -> Orgaanlid:
    """Change a membership, or end it (`gearchiveerd`): the row and its history stay."""
    _zet(lid, velden, LID_VELDEN)
    return bewaar(lid, door=door)
