from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SynergyConfig(AppConfig):
    name = "sinergia.synergy"
    verbose_name = _("Synergies")
