from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModelleConfig(AppConfig):
    name = "modelle"
    verbose_name = _("Prozessmodelle")

    def ready(self):
        # Registers the Celery tasks in every process, so services can enqueue them by name
        # (prozessbibliothek/auftraege.py) without importing them.
        from . import tasks  # noqa: F401
