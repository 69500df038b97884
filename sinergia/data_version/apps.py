from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DataVersionConfig(AppConfig):
    name = "sinergia.data_version"
    verbose_name = _("Data version")
