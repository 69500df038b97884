from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueConfig(AppConfig):
    name = "sinergia.dialogue"
    label = "dialogue"
    verbose_name = _("Annual dialogue")

    def ready(self) -> None:
        from sinergia.accounts.editing import edit_rules_register

        # A restored version brings back what was said, never where a workflow stands nor
        # who said it.
        edit_rules_register(
            "dialogue.contribution",
            protected=["status", "session", "participant", "recorded_by", "on_behalf"],
        )
        edit_rules_register("dialogue.followupaction", protected=["status", "session"])
