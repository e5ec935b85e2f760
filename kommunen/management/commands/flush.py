"""Django's `flush`, able to empty the append-only audit log on SQLite.

PostgreSQL empties tables with TRUNCATE, which the audit log's row trigger lets through. SQLite
deletes row by row, which the trigger refuses: the guard is lifted for the flush and renewed right
after it (also by post_migrate, which flush emits). Test runs flush after every transactional
test; in production `flush` wipes everything anyway.
"""

from __future__ import annotations

from django.core.management.commands import flush
from django.db import connections

from kommunen import auditschutz


class Command(flush.Command):
    def handle(self, **options):
        connection = connections[options["database"]]
        if connection.vendor != "sqlite":
            return super().handle(**options)
        auditschutz.aufheben(connection)
        try:
            return super().handle(**options)
        finally:
            auditschutz.anlegen(connection)
