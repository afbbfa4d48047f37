"""Working groups and the actions (opdrachten) they carry: the werkgroep, its actions, and
what is said of them (progress updates, comments, the chair's report link)."""

from werkgroepen.models.acties import (
    AFGEROND_IS_100,
    AFGESLOTEN,
    VOORTGANG_VOLGORDE,
    Actie,
    ActieQuerySet,
    Rag,
    Status,
    TimingSoort,
)
from werkgroepen.models.voortgang import Opmerking, Rapportagelink, Voortgang, VoortgangQuerySet
from werkgroepen.models.werkgroepen import (
    WERKGROEP_HISTORIE,
    Historie,
    Werkgroep,
    WerkgroepQuerySet,
)

__all__ = [
    "AFGEROND_IS_100",
    "AFGESLOTEN",
    "VOORTGANG_VOLGORDE",
    "WERKGROEP_HISTORIE",
    "Actie",
    "ActieQuerySet",
    "Historie",
    "Opmerking",
    "Rag",
    "Rapportagelink",
    "Status",
    "TimingSoort",
    "Voortgang",
    "VoortgangQuerySet",
    "Werkgroep",
    "WerkgroepQuerySet",
]
