"""Template helpers: multilingual content and the marks pages put on facts."""

from __future__ import annotations

from typing import Any

from django import template

from sinergia.i18n import localized, localized_language

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
