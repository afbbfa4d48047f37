"""Every write of the werkgroepen app: werkgroepen, actions, progress, comments, and what they
notify.

`werkgroepen` holds the werkgroepen's writes, `acties` those of actions and progress;
`meldingen` the notification a status change brings, which the Celery task in
werkgroepen.tasks runs after commit (kept apart so that the task and the service enqueuing it
do not import each other).
"""

from werkgroepen.services.acties import (
    ALLE_VELDEN,
    PRAKTISCHE_VELDEN,
    VersieConflict,
    Wijziging,
    actie_archiveer,
    actie_bewerk,
    actie_maak,
    actie_volg_voortgang,
    acties_bulkwijzig,
    opmerking_plaats,
    voortgang_registreer,
)
from werkgroepen.services.meldingen import statusmelding_verstuur
from werkgroepen.services.werkgroepen import (
    WERKGROEP_VELDEN,
    werkgroep_archiveer,
    werkgroep_bewerk,
    werkgroep_maak,
)

__all__ = [
    "ALLE_VELDEN",
    "PRAKTISCHE_VELDEN",
    "WERKGROEP_VELDEN",
    "VersieConflict",
    "Wijziging",
    "actie_archiveer",
    "actie_bewerk",
    "actie_maak",
    "actie_volg_voortgang",
    "acties_bulkwijzig",
    "opmerking_plaats",
    "statusmelding_verstuur",
    "voortgang_registreer",
    "werkgroep_archiveer",
    "werkgroep_bewerk",
    "werkgroep_maak",
]
