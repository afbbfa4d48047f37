import uuid

from django.db import migrations, models


def vul(apps, schema_editor):
    orgaan = apps.get_model("overleg", "Overlegorgaan")
    for o in orgaan.objects.all():
        o.ics_token = uuid.uuid4()
        o.save(update_fields=["ics_token"])


class Migration(migrations.Migration):
    dependencies = [("overleg", "0003_wettelijke_onderwerpen")]

    operations = [
        migrations.AddField(
            "overlegorgaan", "ics_token", models.UUIDField(null=True, editable=False)
        ),
        migrations.RunPython(vul, migrations.RunPython.noop),
        migrations.AlterField(
            "overlegorgaan", "ics_token",
            models.UUIDField(default=uuid.uuid4, unique=True, editable=False),
        ),
    ]
