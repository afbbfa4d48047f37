from django.db import migrations, models

AFGEROND_IS_100 = (
    "Afgerond betekent 100 % gereed: zet het percentage op 100 of kies een andere status."
)


def afgerond_op_100(apps, schema_editor):
    """Rows recorded before the rule: an afgerond action or update counts as 100 % complete."""
    for model in ("Actie", "Voortgang"):
        apps.get_model("werkgroepen", model).objects.filter(status="afgerond").exclude(
            percentage=100
        ).update(percentage=100)


class Migration(migrations.Migration):
    dependencies = [
        ("werkgroepen", "0003_meta_als_tuples"),
    ]

    operations = [
        migrations.RunPython(afgerond_op_100, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="actie",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "afgerond"), _negated=True), ("percentage", 100), _connector="OR"
                ),
                name="actie_afgerond_is_100",
                violation_error_message=AFGEROND_IS_100,
            ),
        ),
        migrations.AddConstraint(
            model_name="voortgang",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("status", "afgerond"), _negated=True), ("percentage", 100), _connector="OR"
                ),
                name="voortgang_afgerond_is_100",
                violation_error_message=AFGEROND_IS_100,
            ),
        ),
    ]
