from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "sinergia.practices"
    verbose_name = _("Good practices")

    def ready(self) -> None:
        _edit_rules()


def _edit_rules() -> None:
    """What a direct edit or a restored version may change in a practice (its content, never
    its place in the review workflow or who submitted it), and the search index that
    follows practices and the vocabulary they are tagged with."""
    from sinergia.accounts.editing import edit_rules_register
    from sinergia.practices.search import index_practice, rebuild_index

    edit_rules_register(
        "practices.practice",
        protected=[
            "status",
            "published_at",
            "created_by",
            "created_at",
            "submitting_country",
            "submitting_mechanism",
        ],
        after_save=index_practice,
    )
    edit_rules_register(
        "practices.practicetranslation",
        protected=["practice"],
        after_save=lambda translation: index_practice(translation.practice),
    )
    edit_rules_register("vocabulary.concept", after_save=lambda _concept: rebuild_index())
