"""The database guard that keeps the audit log append-only below the ORM.

`AuditEintrag.save()`/`.delete()` refuse already, but `QuerySet.update()`, `.delete()` and raw SQL
pass by them. These triggers refuse, for every row:
- DELETE;
- UPDATE, except the one Django itself makes when an account or a Kommune is deleted: the
  reference (`wer_id`, `kommune_id`) becomes NULL (`on_delete=SET_NULL`). The names stored in the
  row stay, so the record still says who and where.

Whole-table TRUNCATE (PostgreSQL) is left to the table owner: Django's `flush` uses it, and
whoever may truncate may also drop a trigger. SQLite's `flush` deletes row by row, so our `flush`
command (kommunen/management/commands/flush.py) lifts the guard for its duration.

Created by migration 0004 and again after every `migrate` and `flush` (post_migrate): SQLite drops
a table's triggers when a migration rebuilds the table, and the SQLite trigger names the columns
as they are in the database then.
"""

from __future__ import annotations

TABELLE = "kommunen_auditeintrag"
MELDUNG = "AuditEintrag ist unveraenderlich: Eintraege werden weder geaendert noch geloescht."
VERWEISE = ("wer_id", "kommune_id")  # may only become NULL

PG = f"""
CREATE OR REPLACE FUNCTION auditeintrag_unveraenderlich() RETURNS trigger AS $$
DECLARE
  vergleich {TABELLE};
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION '{MELDUNG}' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  vergleich := NEW;
  IF NEW.wer_id IS NULL THEN vergleich.wer_id := OLD.wer_id; END IF;
  IF NEW.kommune_id IS NULL THEN vergleich.kommune_id := OLD.kommune_id; END IF;
  IF vergleich IS DISTINCT FROM OLD THEN
    RAISE EXCEPTION '{MELDUNG}' USING ERRCODE = 'integrity_constraint_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS auditeintrag_unveraenderlich ON {TABELLE};
CREATE TRIGGER auditeintrag_unveraenderlich BEFORE UPDATE OR DELETE ON {TABELLE}
  FOR EACH ROW EXECUTE FUNCTION auditeintrag_unveraenderlich();
"""

SQLITE_TRIGGER = ("auditeintrag_kein_update", "auditeintrag_kein_delete")


def _sqlite(spalten: list[str]) -> list[str]:
    geaendert = [
        *(f"NEW.{s} IS NOT OLD.{s}" for s in spalten if s not in VERWEISE),
        *(f"(NEW.{s} IS NOT NULL AND NEW.{s} IS NOT OLD.{s})" for s in VERWEISE),
    ]
    return [
        *(f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGER),
        f"CREATE TRIGGER {SQLITE_TRIGGER[0]} BEFORE UPDATE ON {TABELLE} FOR EACH ROW "
        f"WHEN {' OR '.join(geaendert)} BEGIN SELECT RAISE(ABORT, '{MELDUNG}'); END",
        f"CREATE TRIGGER {SQLITE_TRIGGER[1]} BEFORE DELETE ON {TABELLE} FOR EACH ROW "
        f"BEGIN SELECT RAISE(ABORT, '{MELDUNG}'); END",
    ]


def anlegen(connection) -> None:
    """Create (or renew) the guard on this connection's database."""
    if connection.vendor not in ("postgresql", "sqlite"):
        raise RuntimeError(f"Kein Schutz des Audit-Logs für {connection.vendor}")
    with connection.cursor() as cursor:
        if TABELLE not in connection.introspection.table_names(cursor):
            return
        if connection.vendor == "postgresql":
            cursor.execute(PG)
            return
        spalten = [s.name for s in connection.introspection.get_table_description(cursor, TABELLE)]
        for sql in _sqlite(spalten):
            cursor.execute(sql)


def aufheben(connection) -> None:
    """Remove the guard (migration backwards; SQLite's flush)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"DROP TRIGGER IF EXISTS auditeintrag_unveraenderlich ON {TABELLE}")
        else:
            for name in SQLITE_TRIGGER:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def nach_migrate(sender, using="default", **kwargs) -> None:
    from django.db import connections

    anlegen(connections[using])
