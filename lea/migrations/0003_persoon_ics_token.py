import uuid

from django.db import migrations, models


def vul(apps, schema_editor):
    persoon = apps.get_model("lea", "Persoon")
    for p in persoon.objects.all():
        p.ics_token = uuid.uuid4()
        p.save(update_fields=["ics_token"])


class Migration(migrations.Migration):
    dependencies = [("lea", "0002_agenda_rapportageperiode_melding")]

    operations = [
        migrations.AddField("persoon", "ics_token", models.UUIDField(null=True, editable=False)),
        migrations.RunPython(vul, migrations.RunPython.noop),
        migrations.AlterField(
            "persoon", "ics_token", models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
        ),
    ]
