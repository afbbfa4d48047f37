"""Every existing agenda gets its version row, so its pages are cached from the start."""

from django.db import migrations


def vul(apps, schema_editor):
    Agenda = apps.get_model("lea", "Agenda")
    Agendaversie = apps.get_model("lea", "Agendaversie")
    Agendaversie.objects.bulk_create(
        (Agendaversie(agenda_id=pk) for pk in Agenda.objects.values_list("pk", flat=True)),
        ignore_conflicts=True,
        batch_size=1000,
    )


class Migration(migrations.Migration):
    dependencies = [("lea", "0014_agendaversie")]

    operations = [migrations.RunPython(vul, migrations.RunPython.noop)]
