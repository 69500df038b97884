"""The analysis in words: suggestions and explanations in the reader's language.

The computations return codes (a form, theme keys, ISO3 codes); this module writes them
as sentences through gettext, so they read naturally in es, en, fr and pt.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sinergia.i18n import localized, territory_name
from sinergia.synergy.analysis import Opportunity
from sinergia.synergy.snapshot import INSTRUMENT_KINDS, Snapshot

FORMS = {
    "joint_meeting": gettext_lazy("joint meeting"),
    "shared_working_group": gettext_lazy("shared working group"),
    "joint_report": gettext_lazy("joint report"),
    "division_of_labour": gettext_lazy("division of labour"),
}


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return _("%(first)s and %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def _in_sentence(label: str) -> str:
    """ "Border management" -> "border management" inside a sentence; acronyms stay."""
    if len(label) > 1 and label[0].isupper() and not label[1].isupper():
        return label[0].lower() + label[1:]
    return label


def theme_labels(keys: list[str], labels: dict[str, dict[str, str]], language: str) -> list[str]:
    return [_in_sentence(localized(labels.get(key, {}), language) or key) for key in keys]


def country_names(codes: list[str], iso2: dict[str, str], language: str) -> list[str]:
    return [territory_name(iso2.get(code, code), language) for code in codes]


def suggestion_text(
    opportunity: Opportunity,
    snapshot: Snapshot,
    *,
    theme_label: dict[str, dict[str, str]],
    iso2: dict[str, str],
    language: str,
) -> str:
    """One paragraph: who should work together, on what, with whom, why, and how."""
    with translation.override(language):
        themes = theme_labels(opportunity.themes[:3], theme_label, language)
        countries = len(opportunity.shared_countries)
        kinds = {m.acronym: m.kind for m in snapshot.mechanisms}
        values = {
            "a": opportunity.a,
            "b": opportunity.b,
            "count": countries,
            "themes": _join(themes),
            "first_theme": themes[0] if themes else "",
        }
        opening = (
            _("%(a)s and %(b)s share %(count)s member states and both work on %(themes)s.") % values
        )
        if opportunity.form == "joint_report":
            instrument, forum = (
                (opportunity.a, opportunity.b)
                if kinds.get(opportunity.a) in INSTRUMENT_KINDS
                else (opportunity.b, opportunity.a)
            )
            advice = _(
                "Suggested: a joint report. The member states of %(forum)s implement "
                "%(instrument)s: one report on its implementation in the region, prepared "
                "together, would serve both and spare the states a second round of reporting."
            ) % {"forum": forum, "instrument": instrument}
            if kinds.get(forum) in INSTRUMENT_KINDS:
                advice = (
                    _(
                        "Suggested: a joint report on the implementation of both instruments, "
                        "so that the states that adopted them report once on %(first_theme)s."
                    )
                    % values
                )
        elif opportunity.form == "division_of_labour":
            advice = _(
                "Suggested: a division of labour. They bring together largely the same states on "
                "the same themes; agreeing which of them leads on each theme would avoid "
                "duplicated effort."
            )
        elif opportunity.form == "shared_working_group":
            advice = (
                _(
                    "Suggested: a shared working group on %(first_theme)s. Lines of work of both "
                    "match, as the evidence shows; one group could take the theme forward for both."
                )
                % values
            )
        else:
            advice = (
                _(
                    "Suggested: a joint meeting on %(first_theme)s, so that their common member "
                    "states can coordinate their positions and their requests for resources."
                )
                % values
            )
        return f"{opening} {advice}"


def suggestion_texts(
    opportunity: Opportunity, snapshot: Snapshot, **labels: dict[str, object]
) -> dict[str, str]:
    """The suggestion in Spanish and English (the languages of the consolidated report)."""
    return {
        language: suggestion_text(opportunity, snapshot, language=language, **labels)  # type: ignore[arg-type]
        for language in ("es", "en")
    }


def form_label(form: str, language: str | None = None) -> str:
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        return str(FORMS.get(form, form))
