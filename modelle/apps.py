from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModelleConfig(AppConfig):
    name = "modelle"
    verbose_name = _("Prozessmodelle")
