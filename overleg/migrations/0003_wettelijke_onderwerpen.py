"""Seed the statutory topics (data, not code: a superuser edits them in the beheer)."""

from django.db import migrations

from overleg.services.onderwerpen import onderwerpen_zaai


def zaai_onderwerpen(apps, schema_editor):
    onderwerpen_zaai(model=apps.get_model("overleg", "WettelijkOnderwerp"))


class Migration(migrations.Migration):
    dependencies = [("overleg", "0002_vergaderingen_en_wettelijke_onderwerpen")]

    operations = [migrations.RunPython(zaai_onderwerpen, migrations.RunPython.noop)]
