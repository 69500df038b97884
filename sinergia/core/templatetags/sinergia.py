"""Template helpers: multilingual content, the marks pages put on facts, and safe links."""

from __future__ import annotations

from typing import Any

from django import template

from sinergia.accounts.permissions import can_edit_mechanism
from sinergia.i18n import chart_format_locale, localized, localized_language
from sinergia.inputs import is_web_address

register = template.Library()


@register.filter
def in_language(values: dict[str, str] | None, language: str | None = None) -> str:
    """{{ mechanism.names|in_language }}: the text in the reader's language, or a fallback."""
    return localized(values, language)


@register.filter
def language_of(values: dict[str, str] | None) -> str:
    """The language of the text `in_language` picks, for lang="" attributes and notices."""
    return localized_language(values)


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
