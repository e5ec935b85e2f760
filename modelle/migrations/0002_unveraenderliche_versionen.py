"""A version's file, hash, size, number and model can never be changed, not even by raw SQL.

The SQL lives in modelle/unveraenderlich.py, which also renews the trigger after every migrate
(SQLite loses triggers when a migration rebuilds the table).
"""

from django.db import migrations

ZURUECK = {
    "postgresql": "DROP TRIGGER IF EXISTS modellversion_unveraenderlich ON modelle_modellversion;",
    "sqlite": "DROP TRIGGER IF EXISTS modellversion_unveraenderlich;",
}


def vor(apps, schema_editor):
    from modelle.unveraenderlich import anlegen

    anlegen(schema_editor.connection)


def zurueck(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(ZURUECK[schema_editor.connection.vendor])


class Migration(migrations.Migration):
    dependencies = [("modelle", "0001_initial")]

    operations = [migrations.RunPython(vor, zurueck)]
