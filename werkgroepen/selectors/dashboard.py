"""The dashboard of an agenda: the state per level-1 node, the three shortened lists (overdue,
red, deadlines) with their lengths, and the newest progress updates."""

import datetime
import operator
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    Q,
    Subquery,
    Window,
)
from django.db.models.functions import RowNumber
from django.utils import timezone

from ambities.models import Knoop
from lea.models import Agenda
from werkgroepen.models import Actie, Voortgang
from werkgroepen.selectors.stand import (
    Stand,
    stand_per_knoop,
)


@dataclass
class KnoopStand:
    knoop: Knoop
    stand: Stand


# A dashboard list shows its first ten; opened (`alle`) all, recent progress the newest 100.
LIJST_LENGTE = 10
RECENT_HOOGSTENS = 100


def dashboard(agenda: Agenda, *, alle: str = "") -> dict[str, Any]:
    """Everything the agenda dashboard shows; a fixed number of queries. Each list holds its
    first LIJST_LENGTE, the list named `alle` all of its actions; `aantallen` has the length
    of every list."""
    vandaag = timezone.localdate()
    standen = stand_per_knoop(agenda)
    niveau1 = [
        KnoopStand(knoop, standen.get(knoop.pk) or Stand())
        for knoop in agenda.knopen.actief().niveau1().order_by("volgorde")
    ]
    totaal = Stand()
    for ks in niveau1:
        totaal.tel_op(ks.stand)
    acties = Actie.objects.filter(agenda=agenda).select_related("werkgroep").order_by()
    acht_weken = (vandaag, vandaag + datetime.timedelta(weeks=8))
    lijsten = {
        "te_laat": (acties.te_laat(vandaag), F("timing_eind").asc()),
        "rood": (acties.rood(), F("voortgang_datum").desc()),
        "deadlines": (acties.open().filter(timing_eind__range=acht_weken), F("timing_eind").asc()),
    }
    # The first ten of each list (all of the list opened) in one query: each action's rank
    # within every list it is on, and the length of those lists.
    rangen: dict[str, Any] = {}
    gekozen = Q()
    for naam, (lijst, volgorde) in lijsten.items():
        rangen[f"op_{naam}"] = op = ExpressionWrapper(Q(pk__in=lijst.values("pk")), BooleanField())
        rangen[f"rang_{naam}"] = Window(RowNumber(), partition_by=[op], order_by=volgorde)
        rangen[f"aantal_{naam}"] = Window(Count("pk"), partition_by=[op])
        if naam == alle:
            gekozen |= Q(**{f"op_{naam}": True})
        else:
            gekozen |= Q(**{f"op_{naam}": True, f"rang_{naam}__lte": LIJST_LENGTE})
    rijen = list(acties.annotate(**rangen).filter(gekozen))

    # A row picked for one list may lie past another list's first ten.
    def getoond(naam: str, actie: Actie) -> bool:
        rang = getattr(actie, f"rang_{naam}")
        return getattr(actie, f"op_{naam}") and (naam == alle or rang <= LIJST_LENGTE)

    eerste = {
        naam: sorted(
            (a for a in rijen if getoond(naam, a)), key=operator.attrgetter(f"rang_{naam}")
        )
        for naam in lijsten
    }
    aantallen = {n: getattr(lijst[0], f"aantal_{n}") if lijst else 0 for n, lijst in eerste.items()}
    # The newest picked first, then only those joined with their action and author.
    voortgang = Voortgang.objects.filter(actie__agenda=agenda)
    lengte = RECENT_HOOGSTENS if alle == "recent" else LIJST_LENGTE
    nieuwste = voortgang.order_by("-aangemaakt")[:lengte]
    hoeveel = voortgang.order_by().values("actie__agenda").annotate(n=Count("pk")).values("n")
    recent = list(
        Voortgang.objects.filter(pk__in=nieuwste.values("pk"))
        .select_related("actie", "door")
        .annotate(hoeveel=Subquery(hoeveel))  # the count of all, in the same query
        .order_by("-aangemaakt")
    )
    aantallen["recent"] = recent[0].hoeveel if recent else 0
    return {
        "niveau1": niveau1,
        "totaal": totaal,
        **eerste,
        "recent": recent,
        "aantallen": aantallen,
        "alle": alle,
    }
