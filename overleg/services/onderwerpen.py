"""The statutory topics as shipped: seeded by a migration, restored by `manage.py onderwerpen`.

A superuser edits them in the beheer afterwards; seeding only adds what is missing.
"""

from typing import Any

from django.db import transaction

from overleg.models import WettelijkOnderwerp

ONDERWERPEN = [
    ("integratie-segregatie", "Bevorderen van integratie en voorkomen van segregatie",
     "WPO art. 161 / WVO art. 3.42", "lea"),
    ("inschrijving-toelating", "Afstemming van inschrijvings- en toelatingsprocedures",
     "WPO art. 161 / WVO art. 3.42", "lea"),
    ("onderwijsachterstanden", "Bestrijden van onderwijsachterstanden",
     "WPO art. 161 / WVO art. 3.42", "lea"),
    ("evenwichtige-verdeling",
     "Een evenwichtige verdeling van leerlingen met een onderwijsachterstand over de scholen",
     "WPO art. 161 / WVO art. 3.42", "lea"),
    ("ve-doelgroep-toeleiding",
     "Doelgroepdefinitie, toeleiding en doorgaande lijn voor- en vroegschoolse educatie",
     "WPO art. 160", "vve"),
    ("ve-resultaten", "Resultaten van vroegschoolse educatie", "WPO art. 160", "vve"),
    ("nieuwkomers", "Nieuwkomers: plaatsen, inschrijving en doorlopende leerlijn",
     "WPO art. 193c / WVO art. 9.3c", "nieuwkomers"),
]  # fmt: skip


@transaction.atomic
def onderwerpen_zaai(*, model: Any = WettelijkOnderwerp) -> int:
    """Add the topics that are missing (by code); returns how many were added.

    `model` is the migration's historical WettelijkOnderwerp; the current one by default.
    """
    nieuw = 0
    for volgorde, (code, titel, artikel, groep) in enumerate(ONDERWERPEN, start=1):
        _obj, aangemaakt = model.objects.get_or_create(
            code=code,
            defaults={"titel": titel, "wetsartikel": artikel, "groep": groep, "volgorde": volgorde},
        )
        nieuw += aangemaakt
    return nieuw
