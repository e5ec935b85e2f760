from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModelleConfig(AppConfig):
    name = "modelle"
    verbose_name = _("Prozessmodelle")

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from .suche import sqlite_funktionen
        from .unveraenderlich import nach_migrate

        post_migrate.connect(nach_migrate, sender=self, dispatch_uid="modelle_unveraenderlich")
        # The catalog's SQLite fallback folds umlauts in SQL with a Python function.
        connection_created.connect(sqlite_funktionen, dispatch_uid="modelle_sqlite_funktionen")
        # Registers the Celery tasks in every process, so services can enqueue them by name
        # (prozessbibliothek/auftraege.py) without importing them.
        from . import tasks  # noqa: F401
