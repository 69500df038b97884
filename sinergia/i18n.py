"""Content in the reader's language: multilingual values and CLDR names."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Literal, get_args

from babel import Locale
from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise as StrPromise

# The four languages of the interface and of content, Spanish (the default) first: the one
# list that the settings, models, forms, API schemas, bundled files, exports and search read.
LanguageCode = Literal["es", "en", "fr", "pt"]
LANGUAGE_CODES: tuple[LanguageCode, ...] = get_args(LanguageCode)
LANGUAGE_NAMES: dict[LanguageCode, StrPromise] = {
    "es": _("Spanish"),
    "en": _("English"),
    "fr": _("French"),
    "pt": _("Portuguese"),
}
LANGUAGE_CHOICES: list[tuple[str, StrPromise]] = [
    (code, LANGUAGE_NAMES[code]) for code in LANGUAGE_CODES
]


def current_language() -> str:
    """The active interface language, reduced to one of Sinergia's four codes."""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


def localized(values: dict[str, str] | None, language: str | None = None) -> str:
    """Pick the text for `language` (default: the active one) from a {code: text} mapping.

    Falls back to Spanish, then English, then any language present, then "".
    """
    if not values:
        return ""
    language = language or current_language()
    for code in (language, "es", "en", *values):
        if values.get(code):
            return values[code]
    return ""


def localized_language(values: dict[str, str] | None, language: str | None = None) -> str:
    """The language code of the text that `localized` returns for the same arguments."""
    if not values:
        return ""
    language = language or current_language()
    for code in (language, "es", "en", *values):
        if values.get(code):
            return code
    return ""


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(language)


def territory_name(code: str, language: str | None = None) -> str:
    """The CLDR name of a territory (ISO 3166 alpha-2 or UN M49 code like "029")."""
    return _locale(language or current_language()).territories.get(code, code)


def territory_names(code: str) -> dict[str, str]:
    """The CLDR names of a territory in all of Sinergia's languages."""
    return {language: territory_name(code, language) for language in LANGUAGE_CODES}
