from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KommunenConfig(AppConfig):
    name = "kommunen"
    verbose_name = _("Kommunen und Mitglieder")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import anmeldung
        from .auditschutz import nach_migrate

        post_migrate.connect(nach_migrate, sender=self, dispatch_uid="kommunen_auditschutz")
        anmeldung.signale_verbinden()
