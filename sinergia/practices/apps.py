from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "sinergia.practices"
    verbose_name = _("Good practices")

    def ready(self) -> None:
        # A restored practice goes back into the search index as it now reads.
        from sinergia.accounts.versions import restore_follower_register
        from sinergia.practices.search import index_practice

        restore_follower_register("practices.practice", index_practice)
