from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DialogueConfig(AppConfig):
    name = "sinergia.dialogue"
    label = "dialogue"
    verbose_name = _("Annual dialogue")

    def ready(self) -> None:
        from sinergia.accounts.editing import edit_rules_register
        from sinergia.dialogue.selectors import contribution_texts
        from sinergia.synergy.selectors import text_source_register

        # The synergy analysis reads the mechanisms' contributions as evidence; the dialogue
        # hands them down, so that the analysis imports nothing of the dialogue.
        text_source_register(contribution_texts)
        # A restored version brings back what was said, never where a workflow stands nor
        # who said it.
        edit_rules_register(
            "dialogue.contribution",
            protected=["status", "session", "participant", "recorded_by", "on_behalf"],
        )
        edit_rules_register("dialogue.followupaction", protected=["status", "session"])
