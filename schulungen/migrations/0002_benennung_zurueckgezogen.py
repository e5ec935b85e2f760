"""One word per concept: a naming row is a Benennung; a withdrawn enrolment is "zurueckgezogen"
(the UI always said "zurückgezogen", the stored value said "storniert")."""

from django.conf import settings
from django.db import migrations, models


def vorwaerts(apps, schema_editor):
    apps.get_model("schulungen", "Einschreibung").objects.filter(status="storniert").update(
        status="zurueckgezogen"
    )


def rueckwaerts(apps, schema_editor):
    apps.get_model("schulungen", "Einschreibung").objects.filter(status="zurueckgezogen").update(
        status="storniert"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("schulungen", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel(old_name="Teilnehmende", new_name="Benennung"),
        migrations.AlterModelOptions(
            name="benennung",
            options={"verbose_name": "Benennung", "verbose_name_plural": "Benennungen"},
        ),
        migrations.RemoveConstraint(model_name="benennung", name="teilnehmende_einmalig"),
        migrations.AddConstraint(
            model_name="benennung",
            constraint=models.UniqueConstraint(
                fields=("einschreibung", "person"), name="benennung_einmalig"
            ),
        ),
        migrations.AlterField(
            model_name="einschreibung",
            name="status",
            field=models.CharField(
                choices=[
                    ("angefragt", "angefragt"),
                    ("bestaetigt", "bestätigt"),
                    ("warteliste", "Warteliste"),
                    ("abgelehnt", "abgelehnt"),
                    ("zurueckgezogen", "zurückgezogen"),
                ],
                db_index=True,
                max_length=15,
                verbose_name="Status",
            ),
        ),
        migrations.RunPython(vorwaerts, rueckwaerts),
    ]
