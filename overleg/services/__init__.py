"""Every write of the governance app.

`vergaderingen` holds the secretary's and the members' writes on a meeting (re-exported here);
`cyclus` the meeting cycle's (planner, reminders, mailings), run by the tasks in overleg.tasks;
`onderwerpen` seeds the statutory topics.
"""

from overleg.services.organen import (
    LID_VELDEN,
    ORGAAN_VELDEN,
    orgaan_archiveer,
    orgaan_bewerk,
    orgaan_maak,
    orgaanlid_bewerk,
    orgaanlid_voeg_toe,
)
from overleg.services.vergaderingen import (
    aanwezigheid_vastleg,
    actiepunt_naar_actie,
    actiepunt_status,
    actiepunt_vastleg,
    agenda_stel_samen,
    agendapunt_beoordeel,
    agendapunt_stel_voor,
    agendapunt_verplaats,
    agendapunt_voeg_toe,
    besluit_vastleg,
    notulen_vastleg,
    orgaan_ics_vernieuw,
    stuk_verwijder,
    stuk_voeg_toe,
    vergadering_wijzig,
)

__all__ = [
    "LID_VELDEN",
    "ORGAAN_VELDEN",
    "aanwezigheid_vastleg",
    "actiepunt_naar_actie",
    "actiepunt_status",
    "actiepunt_vastleg",
    "agenda_stel_samen",
    "agendapunt_beoordeel",
    "agendapunt_stel_voor",
    "agendapunt_verplaats",
    "agendapunt_voeg_toe",
    "besluit_vastleg",
    "notulen_vastleg",
    "orgaan_archiveer",
    "orgaan_bewerk",
    "orgaan_ics_vernieuw",
    "orgaan_maak",
    "orgaanlid_bewerk",
    "orgaanlid_voeg_toe",
    "stuk_verwijder",
    "stuk_voeg_toe",
    "vergadering_wijzig",
]
