from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchulungenConfig(AppConfig):
    name = "schulungen"
    verbose_name = _("Schulungen")
