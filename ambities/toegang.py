"""The permission-checked fetches of the goal tree's own objects (see lea.toegang)."""

from ambities.models import Knoop
from lea.toegang import Mag, Toegang, haal_of_404


def knoop_haal(toegang: Toegang, pk: int) -> tuple[Knoop, Mag]:
    """A node of this agenda's tree; the rights are the agenda's."""
    qs = Knoop.objects.filter(agenda=toegang.agenda).select_related("ouder")
    knoop: Knoop = haal_of_404(qs, pk, "Deze knoop bestaat niet in deze agenda.")
    knoop.agenda = toegang.agenda
    return knoop, toegang.mag
