from django.db import migrations


def planning_uit_tekst(apps, schema_editor):
    """Actions stored with a planning text but without kind or dates (typed before the form
    read the text) get them from the text, as a new action would. A text the parser does not
    read stays onbepaald."""
    from werkgroepen.planning import lees_planning

    Actie = apps.get_model("werkgroepen", "Actie")
    acties = (
        Actie.objects.filter(timing_soort="onbepaald", timing_start=None, timing_eind=None)
        .exclude(timing_tekst="")
        .select_related("agenda")
    )
    gewijzigd = []
    for actie in acties.iterator():
        planning = lees_planning(
            actie.timing_tekst,
            periode_start=actie.agenda.periode_start,
            periode_eind=actie.agenda.periode_eind,
        )
        if planning.begrepen and planning.soort != "onbepaald":
            actie.timing_soort = planning.soort
            actie.timing_start, actie.timing_eind = planning.start, planning.eind
            gewijzigd.append(actie)
    Actie.objects.bulk_update(
        gewijzigd, ["timing_soort", "timing_start", "timing_eind"], batch_size=500
    )


class Migration(migrations.Migration):
    dependencies = [
        ("werkgroepen", "0006_actie_voortgezet_uit"),
    ]

    operations = [
        migrations.RunPython(planning_uit_tekst, migrations.RunPython.noop),
    ]
