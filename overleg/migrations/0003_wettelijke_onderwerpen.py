"""Seed the statutory topics (data, not code: a superuser edits them in the beheer)."""

from django.db import migrations

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
]


def zaai(apps, schema_editor):
    onderwerp = apps.get_model("overleg", "WettelijkOnderwerp")
    for volgorde, (code, titel, artikel, groep) in enumerate(ONDERWERPEN, start=1):
        onderwerp.objects.update_or_create(
            code=code,
            defaults={"titel": titel, "wetsartikel": artikel, "groep": groep, "volgorde": volgorde},
        )


class Migration(migrations.Migration):
    dependencies = [("overleg", "0002_vergaderingen_en_wettelijke_onderwerpen")]

    operations = [migrations.RunPython(zaai, migrations.RunPython.noop)]
