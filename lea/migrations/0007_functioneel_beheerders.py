"""The group "Functioneel beheerders": its members create agendas (permission lea.add_agenda)."""

from django.db import migrations

GROEP = "Functioneel beheerders"


def maak_groep(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    # Permissions are normally made after migrating; make this one now so the group can hold it.
    soort, _ = ContentType.objects.get_or_create(app_label="lea", model="agenda")
    recht, _ = Permission.objects.get_or_create(
        content_type=soort, codename="add_agenda", defaults={"name": "Can add agenda"}
    )
    groep, _ = Group.objects.get_or_create(name=GROEP)
    groep.permissions.add(recht)


def verwijder_groep(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROEP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("lea", "0006_beheer_realisatie_geldregel"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(maak_groep, verwijder_groep)]
