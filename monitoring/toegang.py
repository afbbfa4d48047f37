"""The permission-checked fetches of monitoring's own objects (the `haal` of lea.toegang).

Each fetches the object within the agenda of the request (404 otherwise, so an id of another
agenda reveals nothing) and returns the rights on it: those of the agenda as a whole.
"""

from lea.toegang import haal_binnen_agenda
from monitoring.models import (
    Begrotingspost,
    Financiering,
    Indicator,
    Meting,
    Rapport,
    Realisatie,
    School,
    Schoolweging,
    VeCijfers,
    Verantwoording,
)

haal_rapport = haal_binnen_agenda(
    Rapport, "agenda", "Dit rapport bestaat niet in deze agenda.", "agenda", "gemaakt_door"
)
haal_verantwoording = haal_binnen_agenda(
    Verantwoording, "agenda", "Deze jaarverantwoording bestaat niet in deze agenda."
)
haal_indicator = haal_binnen_agenda(
    Indicator, "agenda", "Deze indicator bestaat niet in deze agenda.", "agenda"
)
haal_meting = haal_binnen_agenda(
    Meting, "indicator__agenda", "Deze meting bestaat niet in deze agenda.", "indicator"
)
haal_school = haal_binnen_agenda(
    School, "agenda", "Deze school bestaat niet in deze agenda.", "agenda"
)
haal_weging = haal_binnen_agenda(
    Schoolweging, "school__agenda", "Deze schoolweging bestaat niet in deze agenda.", "school"
)
haal_ve = haal_binnen_agenda(VeCijfers, "agenda", "Deze VE-cijfers bestaan niet in deze agenda.")
haal_post = haal_binnen_agenda(
    Begrotingspost,
    "begroting__agenda",
    "Deze begrotingspost bestaat niet in deze agenda.",
    "begroting",
)
haal_realisatie = haal_binnen_agenda(
    Realisatie,
    "begrotingsbedrag__post__begroting__agenda",
    "Deze realisatie bestaat niet in deze agenda.",
    "begrotingsbedrag__post__begroting",
)
haal_financiering = haal_binnen_agenda(
    Financiering,
    "begroting__agenda",
    "Deze financieringsbron bestaat niet in deze agenda.",
    "begroting",
)
