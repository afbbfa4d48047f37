"""The permission-checked fetches of werkgroepen and actions, and the role chairing gives.

Each `*_haal` function is the `haal` of `lea.toegang.agenda_view`: it fetches the object within
the agenda of the request (404 otherwise) and says what the user may do with it. Chairing a
werkgroep gives the WERKGROEPVOORZITTER role in its agenda (`voorzitterschappen`, registered
with the core in `WerkgroepenConfig.ready`).
"""

from typing import Any

from django.db.models import QuerySet

from lea.toegang import Mag, Toegang, haal_of_404, is_persoon
from werkgroepen.models import Actie, Werkgroep


def voorzitterschappen(gebruiker: Any) -> QuerySet[Werkgroep]:
    """The active werkgroepen this login chairs (each gives a role in its agenda); an archived
    werkgroep gives no role."""
    if not getattr(gebruiker, "is_authenticated", False):
        return Werkgroep.objects.none()
    return Werkgroep.objects.actief().filter(voorzitter__gebruiker=gebruiker)


def is_voorzitter_van(gebruiker: Any, werkgroep: Werkgroep | None) -> bool:
    """Whether this login chairs the werkgroep (None: no werkgroep, nobody chairs it)."""
    return werkgroep is not None and is_persoon(gebruiker, werkgroep.voorzitter)


def actie_haal(toegang: Toegang, pk: int) -> tuple[Actie, Mag]:
    """An action of the agenda. Its progress: the beheerder or its werkgroep's chair; comments
    also the members of its werkgroep."""
    actie: Actie = haal_of_404(
        Actie.objects.filter(agenda=toegang.agenda).select_related(
            "knoop__ouder", "werkgroep__voorzitter", "regie_persoon"
        ),
        pk,
        "Deze actie bestaat niet in deze agenda.",
    )
    voortgang = toegang.mag.beheer or is_voorzitter_van(toegang.gebruiker, actie.werkgroep)
    opmerken = voortgang or (
        actie.werkgroep is not None
        and actie.werkgroep.leden.filter(gebruiker=toegang.gebruiker).exists()
    )
    return actie, toegang.mag.met(voortgang=voortgang, opmerken=opmerken)


def werkgroep_haal(toegang: Toegang, pk: int) -> tuple[Werkgroep, Mag]:
    """A werkgroep of the agenda. Updating its actions' progress: the beheerder or its chair."""
    werkgroep: Werkgroep = haal_of_404(
        Werkgroep.objects.filter(agenda=toegang.agenda).select_related(
            "voorzitter", "eindverantwoordelijke"
        ),
        pk,
        "Deze werkgroep bestaat niet in deze agenda.",
    )
    voortgang = toegang.mag.beheer or is_voorzitter_van(toegang.gebruiker, werkgroep)
    return werkgroep, toegang.mag.met(voortgang=voortgang)


def werkgroep_actie_haal(werkgroep: Werkgroep, pk: int) -> Actie:
    """An active action carried by this (already checked) werkgroep, or 404."""
    actie: Actie = haal_of_404(
        werkgroep.acties.actief().select_related("knoop"),
        pk,
        "Deze actie hoort niet bij deze werkgroep.",
    )
    return actie
