"""A version's file, hash, size, number and model can never be changed, not even by raw SQL.

PostgreSQL: a BEFORE UPDATE trigger raises. SQLite: an equivalent BEFORE UPDATE trigger per
column. Rows may still be deleted by maintenance (test flushes); the services never delete.
"""

from django.db import migrations

SPALTEN = ("modell_id", "kommune_id", "nummer", "datei", "sha256", "groesse")
MELDUNG = "Modellversion ist unveraenderlich: Datei, Hash, Groesse und Nummer bleiben fest."

PG_FUNKTION = f"""
CREATE OR REPLACE FUNCTION modellversion_unveraenderlich() RETURNS trigger AS $$
BEGIN
  IF {" OR ".join(f"NEW.{s} IS DISTINCT FROM OLD.{s}" for s in SPALTEN)} THEN
    RAISE EXCEPTION '{MELDUNG}' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS modellversion_unveraenderlich ON modelle_modellversion;
CREATE TRIGGER modellversion_unveraenderlich BEFORE UPDATE ON modelle_modellversion
  FOR EACH ROW EXECUTE FUNCTION modellversion_unveraenderlich();
"""
PG_ZURUECK = """
DROP TRIGGER IF EXISTS modellversion_unveraenderlich ON modelle_modellversion;
DROP FUNCTION IF EXISTS modellversion_unveraenderlich();
"""
SQLITE = f"""
CREATE TRIGGER IF NOT EXISTS modellversion_unveraenderlich
BEFORE UPDATE OF {", ".join(SPALTEN)} ON modelle_modellversion
FOR EACH ROW WHEN {" OR ".join(f"NEW.{s} IS NOT OLD.{s}" for s in SPALTEN)}
BEGIN SELECT RAISE(ABORT, '{MELDUNG}'); END;
"""
SQLITE_ZURUECK = "DROP TRIGGER IF EXISTS modellversion_unveraenderlich;"


def _ausfuehren(sql_pg: str, sql_sqlite: str):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        sql = {"postgresql": sql_pg, "sqlite": sql_sqlite}.get(vendor)
        if sql is None:
            raise RuntimeError(f"Kein Unveränderlichkeits-Trigger für {vendor}")
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("modelle", "0001_initial")]

    operations = [
        migrations.RunPython(
            _ausfuehren(PG_FUNKTION, SQLITE), _ausfuehren(PG_ZURUECK, SQLITE_ZURUECK)
        ),
    ]
