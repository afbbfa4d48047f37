"""The permission-checked fetches of monitoring's own objects (the `haal` of lea.toegang).

Each fetches the object within the agenda of the request (404 otherwise, so an id of another
agenda reveals nothing) and returns the rights on it: for reports and the yearly account those
of the agenda as a whole.
"""

from lea.toegang import Mag, Toegang, haal_of_404
from monitoring.models import Rapport, Verantwoording


def haal_rapport(toegang: Toegang, pk: int) -> tuple[Rapport, Mag]:
    rapport = haal_of_404(
        Rapport.objects.filter(agenda=toegang.agenda).select_related("agenda", "gemaakt_door"),
        pk,
        "Dit rapport bestaat niet in deze agenda.",
    )
    return rapport, toegang.mag


def haal_verantwoording(toegang: Toegang, pk: int) -> tuple[Verantwoording, Mag]:
    verantwoording = haal_of_404(
        Verantwoording.objects.filter(agenda=toegang.agenda),
        pk,
        "Deze jaarverantwoording bestaat niet in deze agenda.",
    )
    return verantwoording, toegang.mag
