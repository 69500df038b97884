"""Template helpers: multilingual content, the marks pages put on facts, and safe links."""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from sinergia.accounts.permissions import can_edit_mechanism
from sinergia.i18n import (
    ShownText,
    chart_format_locale,
    current_language,
    format_date_as,
    localized,
    localized_language,
)
from sinergia.inputs import is_web_address
from sinergia.registry.organizations import organization_name
from sinergia.statistics.selectors import area_name as statistics_area_name

register = template.Library()


@register.filter
def local_date(day: Any, skeleton: str) -> str:
    """{{ day|local_date:"yMMMM" }}: a date as the reader's language writes it (CLDR)."""
    return format_date_as(day, skeleton) if day else ""


@register.filter
def in_language(values: dict[str, str] | None, language: str | None = None) -> str:
    """{{ mechanism.names|in_language }}: the text in the reader's language, or a fallback."""
    return localized(values, language)


@register.filter
def language_of(values: dict[str, str] | None) -> str:
    """The language of the text `in_language` picks, for lang="" attributes and notices."""
    return localized_language(values)


@register.filter
def lang_attr(language: str | None) -> SafeString:
    """<cite{{ source.language|lang_attr }}>: ` lang="en"` when the text is in another
    language than the page (WCAG 3.1.2), nothing otherwise or when the language is unknown."""
    if not language or language == current_language():
        return SafeString("")
    return format_html(' lang="{}"', language)


@register.filter
def with_lang(shown: ShownText | str | None) -> SafeString:
    """{{ membership.note_shown|with_lang }}: an editorial text in the reader's language, or
    in its own marked with `lang`; a machine translation says so."""
    if not shown:
        return SafeString("")
    if not isinstance(shown, ShownText):
        return format_html("{}", shown)
    if shown.language != current_language():
        html = format_html('<span lang="{}">{}</span>', shown.language, shown.text)
    else:
        html = format_html("{}", shown.text)
    if shown.machine:
        html = format_html(
            '{} <span class="machine-translation">({})</span>', html, _("machine translation")
        )
    return html


# The bundled data say where a copy of a document is kept in English, in parentheses after
# the publisher's name: "Conferencia Regional sobre Migración (copy hosted by studylib.es)".
_PROVENANCE = re.compile(
    r"^(?P<name>.*?)\s*\((?P<note>[^()]*\b(?:copy|copies|hosted|reproducing|reproduction|blog|"
    r"archive|archived|mirror|citing|edition)\b[^()]*)\)$"
)


@register.filter
def publisher(source: Any) -> SafeString:
    """{{ source|publisher }}: the publisher's name marked with its language, and the note on
    where the copy is kept marked as English when the name is in another language."""
    if source is None:
        return SafeString("")
    language = source.publisher_language
    match = _PROVENANCE.match(source.publisher)
    if match and language and language != "en":
        return format_html(
            "<span{}>{}</span> <span{}>({})</span>",
            lang_attr(language),
            match["name"],
            lang_attr("en"),
            match["note"],
        )
    return format_html("<span{}>{}</span>", lang_attr(language), source.publisher)


@register.filter
def area_name(m49: str) -> str:
    """{{ finding.area|area_name }}: a statistical area (M49) named in the reader's language."""
    return statistics_area_name(m49)


@register.filter
def organization(name: str) -> str:
    """{{ name|organization }}: a supporting organization's acronym in the reader's language."""
    return organization_name(name)


@register.filter
def get_item(mapping: dict[str, Any] | None, key: str) -> Any:
    return (mapping or {}).get(key)


@register.filter
def mul(value: int, factor: int) -> int:
    return int(value) * int(factor)


@register.filter
def safe_href(value: object) -> str:
    """{{ source.url|safe_href }}: the address when a page may link to it (an http or https web
    address, see `sinergia.inputs.web_address_problem`), otherwise "" — so an address stored
    before that rule, or by a door that skipped it, never becomes a script in a link."""
    return value if isinstance(value, str) and is_web_address(value) else ""


@register.filter
def may_edit_mechanism(user: Any, mechanism: Any) -> bool:
    """{% if user|may_edit_mechanism:mechanism %}: the secretariat or the mechanism's focal
    points, who keep its members, commitments and meetings current."""
    return can_edit_mechanism(user, mechanism.pk)


@register.simple_tag
def chart_locale() -> dict[str, object]:
    """The reader's d3-format locale (digit grouping, decimal mark), from the same CLDR data
    as the numbers in the tables, for the charts the browser draws."""
    return chart_format_locale()


@register.filter
def unconfirmed_note(mechanism: Any, field: str) -> ShownText:
    """{{ mechanism|unconfirmed_note:"status" }}: why a fact of it is unconfirmed, shown in
    the reader's language or marked with its own."""
    return mechanism.unconfirmed_note(field)
