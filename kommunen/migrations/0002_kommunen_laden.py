"""Load the 44 Kreise and 1,104 Kommunen of Baden-Württemberg (facts, from the shipped fixture).

Every database has them from the start; existing rows (e.g. membership flags) are left alone.
"""

from django.db import migrations

from kommunen.stammdaten import stammdaten_laden


def laden(apps, schema_editor):
    stammdaten_laden(apps.get_model("kommunen", "Kreis"), apps.get_model("kommunen", "Kommune"))


class Migration(migrations.Migration):
    dependencies = [("kommunen", "0001_initial")]
    operations = [migrations.RunPython(laden, migrations.RunPython.noop)]
