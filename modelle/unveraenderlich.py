"""The database trigger that keeps a version's file, hash, size and number unchangeable.

Created by migration 0002 and again after every `migrate` (post_migrate): SQLite drops a table's
triggers when a later migration rebuilds the table, so the guard is re-established idempotently
instead of trusting that no future migration touches the table.
"""

from __future__ import annotations

SPALTEN = ("modell_id", "kommune_id", "nummer", "datei", "sha256", "groesse")
MELDUNG = "Modellversion ist unveraenderlich: Datei, Hash, Groesse und Nummer bleiben fest."
TABELLE = "modelle_modellversion"

PG = f"""
CREATE OR REPLACE FUNCTION modellversion_unveraenderlich() RETURNS trigger AS $$
BEGIN
  IF {" OR ".join(f"NEW.{s} IS DISTINCT FROM OLD.{s}" for s in SPALTEN)} THEN
    RAISE EXCEPTION '{MELDUNG}' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS modellversion_unveraenderlich ON {TABELLE};
CREATE TRIGGER modellversion_unveraenderlich BEFORE UPDATE ON {TABELLE}
  FOR EACH ROW EXECUTE FUNCTION modellversion_unveraenderlich();
"""
# Dropped and created, like on PostgreSQL: a changed column list must replace the old trigger.
# Two statements: SQLite's cursor runs one at a time.
SQLITE = (
    "DROP TRIGGER IF EXISTS modellversion_unveraenderlich",
    f"""
CREATE TRIGGER modellversion_unveraenderlich
BEFORE UPDATE OF {", ".join(SPALTEN)} ON {TABELLE}
FOR EACH ROW WHEN {" OR ".join(f"NEW.{s} IS NOT OLD.{s}" for s in SPALTEN)}
BEGIN SELECT RAISE(ABORT, '{MELDUNG}'); END;
""",
)


def anlegen(connection) -> None:
    """Create (or renew) the trigger on this connection's database."""
    sql = {"postgresql": (PG,), "sqlite": SQLITE}.get(connection.vendor)
    if sql is None:
        raise RuntimeError(f"Kein Unveränderlichkeits-Trigger für {connection.vendor}")
    if TABELLE not in connection.introspection.table_names():
        return
    with connection.cursor() as cursor:
        for anweisung in sql:
            cursor.execute(anweisung)


def nach_migrate(sender, using="default", **kwargs) -> None:
    from django.db import connections

    anlegen(connections[using])
