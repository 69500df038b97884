"""The interface is complete in the four languages, and the compiled catalogs are current."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from sinergia.i18n import LANGUAGE_CODES

LOCALE = Path(__file__).resolve().parents[2] / "sinergia" / "locale"


@pytest.mark.parametrize("language", list(LANGUAGE_CODES))
def test_every_string_is_translated(language):
    with (LOCALE / language / "LC_MESSAGES" / "django.po").open("rb") as handle:
        catalog = read_po(handle)
    missing = [
        message.id
        for message in catalog
        if message.id
        and (
            message.fuzzy
            or not message.string
            or (isinstance(message.string, tuple) and not all(message.string))
        )
    ]
    assert not missing, f"{language}: untranslated or fuzzy: {missing[:10]}"


def _text(context: str | bytes | None) -> str | None:
    return context.decode() if isinstance(context, bytes) else context


def _key(value: object) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, list | tuple) else (str(value),)


@pytest.mark.parametrize("language", list(LANGUAGE_CODES))
def test_the_compiled_catalog_matches_the_source(language):
    folder = LOCALE / language / "LC_MESSAGES"
    with (folder / "django.po").open("rb") as handle:
        source = {
            (m.context, *_key(m.id)): _key(m.string)
            for m in read_po(handle)
            if m.id and not m.fuzzy
        }
    with (folder / "django.mo").open("rb") as handle:
        compiled = {
            (_text(m.context), *_key(m.id)): _key(m.string) for m in read_mo(handle) if m.id
        }
    assert source == compiled, f"{language}: run `make messages` to compile the catalog"
