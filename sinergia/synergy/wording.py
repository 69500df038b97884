"""The analysis in words: suggestions and explanations in the reader's language.

The computations return codes (a form, theme keys, ISO3 codes); this module writes them
as sentences through gettext, so they read naturally in es, en, fr and pt.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from babel import Locale
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from sinergia.i18n import localized, territory_name
from sinergia.synergy.alignment import JointContribution
from sinergia.synergy.analysis import Opportunity
from sinergia.synergy.snapshot import Snapshot, TextItem

FORMS = {
    "joint_meeting": gettext_lazy("joint meeting"),
    "shared_working_group": gettext_lazy("shared working group"),
    "division_of_labour": gettext_lazy("division of labour"),
}

QUALITY_LABELS = {
    "official": gettext_lazy("official source"),
    "intergovernmental": gettext_lazy("intergovernmental source"),
    "press": gettext_lazy("press"),
    "other": gettext_lazy("other source"),
}

REVIEW_NAMES = {
    "gcm-regional-review": gettext_lazy(
        "Regional review of the Global Compact for Migration in Latin America and the Caribbean"
    ),
    "lad-ministerial": gettext_lazy("Ministerial meeting of the Los Angeles Declaration"),
    "cam-annual-session": gettext_lazy("Annual session of the CAM on migration governance"),
}

# How one item of each framework is named in a sentence.
ITEM_NAMES = {
    "gcm": gettext_lazy("GCM objective %(code)s"),
    "lad": gettext_lazy("LAD pillar %(code)s"),
    "agres2988": gettext_lazy("¶56: %(label)s"),
}
ITEMS_NAMES = {
    "gcm": gettext_lazy("GCM objectives %(codes)s"),
    "lad": gettext_lazy("LAD pillars %(codes)s"),
    "agres2988": gettext_lazy("¶56: %(codes)s"),
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
        if opportunity.form == "division_of_labour":
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
        reviews = reviews_sentence(opportunity.reviews, snapshot, language=language)
        return " ".join(part for part in (opening, advice, reviews) if part)


def item_names(
    framework: str, codes: list[str], snapshot: Snapshot, language: str, *, limit: int = 6
) -> str:
    """ "GCM objectives 7, 10 and 11", "LAD pillar 2", "¶56: regularization and integration"."""
    with translation.override(language):
        if framework == "agres2988":
            labels = {
                item.code: item.labels
                for f in snapshot.frameworks
                if f.key == framework
                for item in f.items
            }
            shown = [
                _in_sentence(localized(labels.get(code, {}), language) or code) for code in codes
            ]
        else:
            shown = list(codes)
        if len(shown) > limit:
            rest = len(shown) - limit
            shown = [
                *shown[:limit],
                ngettext("%(count)s other", "%(count)s others", rest) % {"count": rest},
            ]
        if len(codes) == 1:
            return str(ITEM_NAMES.get(framework, "%(code)s")) % {
                "code": codes[0],
                "label": shown[0],
            }
        return str(ITEMS_NAMES.get(framework, "%(codes)s")) % {"codes": _join(shown)}


def review_name(review: str, language: str | None = None) -> str:
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        return str(REVIEW_NAMES.get(review, review))


def reviews_sentence(reviews: list[JointContribution], snapshot: Snapshot, *, language: str) -> str:
    """One sentence suggesting joint contributions to the reviews that exist, or ""."""
    if not reviews:
        return ""
    with translation.override(language):
        parts = [
            _("%(review)s (%(items)s)")
            % {
                "review": review_name(joint.review, language),
                "items": item_names(joint.framework, joint.codes, snapshot, language, limit=4),
            }
            for joint in reviews
        ]
        return _(
            "Both advance the same commitments of instruments their shared states adopted, and "
            "could contribute jointly to these reviews, so that those states report once: "
            "%(reviews)s."
        ) % {"reviews": "; ".join(parts)}


def quality_label(quality: str, language: str | None = None) -> str:
    with translation.override(language or translation.get_language() or settings.LANGUAGE_CODE):
        return str(QUALITY_LABELS.get(quality, QUALITY_LABELS["other"]))


@cache
def language_name(code: str, language: str) -> str:
    """The name of language `code` in `language`, as written inside a sentence: "inglés",
    "English", "anglais", "inglês"."""
    return Locale.parse(language).languages.get(code, code)


@dataclass(frozen=True)
class Quote:
    """A text as a reader in one language sees it: in that language where a translation
    exists, else in its original language, with its date and its source's quality."""

    text: str
    language: str  # the language `text` is in
    translated: bool
    note: str  # "2023-11-19 · official source · original in English"


def evidence_quote(item: TextItem, language: str) -> Quote:
    """`item` for a reader of `language`: its translation when there is one (marked as such),
    otherwise the original marked with its language in words when it is another."""
    with translation.override(language):
        translation_text = item.translations.get(language, "") if item.language != language else ""
        if translation_text:
            text, shown, marker = (
                translation_text,
                language,
                _("translation; original in %(language)s")
                % {"language": language_name(item.language, language)},
            )
        elif item.language != language:
            text, shown, marker = (
                item.text,
                item.language,
                _("original in %(language)s")
                % {"language": language_name(item.language, language)},
            )
        else:
            text, shown, marker = item.text, item.language, ""
        date = item.date_display or _("undated")
        note = " · ".join(
            part for part in (date, quality_label(item.source_quality), marker) if part
        )
        return Quote(text=text, language=shown, translated=bool(translation_text), note=note)


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
