"""Content in the reader's language: multilingual values and CLDR names."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal, get_args

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.numbers import format_compact_decimal, format_decimal
from babel.numbers import format_percent as babel_format_percent
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


@dataclass(frozen=True)
class ShownText:
    """An editorial text as the reader gets it: in `language`, a `machine` translation or not.

    Templates write it through the `with_lang` filter, which marks a text left in another
    language with its `lang` attribute and a machine translation as such."""

    text: str
    language: str
    machine: bool = False

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)


# How a translation of an editorial text was made: by a person (or copied from an official
# text in that language) or by machine. Stored with each translation.
TRANSLATION_KINDS = ("human", "machine")


def translated(
    original: str,
    original_language: str,
    translations: dict[str, dict[str, str]] | None,
    language: str | None = None,
) -> ShownText:
    """`original` (written in `original_language`) in the reader's language when a
    translation exists ({language: {"text": ..., "translation": "human"|"machine"}}),
    else the original, which then keeps its own language."""
    language = language or current_language()
    if original and original_language != language:
        entry = (translations or {}).get(language) or {}
        if entry.get("text"):
            return ShownText(entry["text"], language, entry.get("translation") == "machine")
    return ShownText(original, original_language or language)


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(language)


# Where CLDR's short name is wrong for the statistics: M49 419 is Latin America *and the
# Caribbean* (the UN's names in Spanish, English and French; Portuguese as Brazil writes it).
TERRITORY_NAMES: dict[str, dict[str, str]] = {
    "419": {
        "es": "América Latina y el Caribe",
        "en": "Latin America and the Caribbean",
        "fr": "Amérique latine et Caraïbes",
        "pt": "América Latina e Caribe",
    },
}


def territory_name(code: str, language: str | None = None) -> str:
    """The name of a territory (ISO 3166 alpha-2 or UN M49 code like "029"), from CLDR."""
    language = language or current_language()
    if code in TERRITORY_NAMES:
        return TERRITORY_NAMES[code].get(language) or TERRITORY_NAMES[code]["en"]
    return _locale(language).territories.get(code, code)


def territory_names(code: str) -> dict[str, str]:
    """The CLDR names of a territory in all of Sinergia's languages."""
    return {language: territory_name(code, language) for language in LANGUAGE_CODES}


# Numbers, percentages and dates as the reader's language writes them (CLDR, through Babel):
# the one path the report, its charts and its tables take, so that they never disagree.


def format_number(value: float, language: str | None = None, *, decimals: int = 0) -> str:
    """`value` with the language's digit grouping and decimal mark: "1.605.148" (es),
    "1,605,148" (en), "1 605 148" (fr); `decimals` digits after the mark."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=_locale(language or current_language()))


def format_percent(percent: float, language: str | None = None, *, decimals: int = 1) -> str:
    """A percentage given in percent (7.2 for 7.2 %): "7,2 %" (es, fr), "7.2%" (en, pt)."""
    locale = _locale(language or current_language())
    pattern = locale.percent_formats[None].pattern.replace(
        "#,##0", "#,##0" + ("." + "0" * decimals if decimals else ""), 1
    )
    return babel_format_percent(percent / 100, format=pattern, locale=locale)


def format_large(value: float, language: str | None = None, *, decimals: int = 1) -> str:
    """A large number in words, as a text cites it: "73,5 millones" (es), "73.5 million"
    (en), "73,5 millions" (fr), "73,5 milhões" (pt)."""
    return format_compact_decimal(
        value,
        format_type="long",
        fraction_digits=decimals,
        locale=_locale(language or current_language()),
    )


def format_day(day: datetime.date, language: str | None = None, *, precision: str = "day") -> str:
    """A date in words: "9 de mayo de 2023", "May 9, 2023"; to the month ("mayo de 2023")
    or the year alone when that is all that is known."""
    locale = _locale(language or current_language())
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return format_skeleton("yMMMM", day, locale=locale)
    return format_date(day, "long", locale=locale)


def format_date_as(day: datetime.date, skeleton: str, language: str | None = None) -> str:
    """A date written to a CLDR skeleton in the reader's language: "yMMMM" gives "junio de
    2025" / "juin 2025", "dMMM" "26 may" / "26 mai", "EEEE" "lunes" / "lundi"."""
    locale = _locale(language or current_language())
    if set(skeleton) == {"E"}:  # a weekday's name: a pattern, as a skeleton would abbreviate it
        return format_date(day, skeleton, locale=locale)
    return format_skeleton(skeleton, day, locale=locale)


def chart_format_locale(language: str | None = None) -> dict[str, object]:
    """The d3-format locale of `language` from the same CLDR data, so that chart axes group
    digits and write decimals as the tables beside them do."""
    locale = _locale(language or current_language())
    symbols = locale.number_symbols.get("latn", locale.number_symbols)
    percent = locale.percent_formats[None].pattern
    return {
        "decimal": symbols["decimal"],
        "thousands": symbols["group"],
        "grouping": [3],
        "currency": ["", ""],
        "percent": "\u00a0%" if "\u00a0%" in percent or " %" in percent else "%",
    }
