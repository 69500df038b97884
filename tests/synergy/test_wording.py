"""Evidence in the reader's language where a translation exists, otherwise the original
marked with its language in words, with its date and its source's quality."""

from __future__ import annotations

import datetime

import pytest

from sinergia.synergy.snapshot import TextItem
from sinergia.synergy.wording import evidence_quote

ENGLISH = TextItem(
    key="agenda:1",
    mechanism="CRM",
    kind="agenda",
    text="Working Groups on Border Management and Protection",
    language="en",
    themes=frozenset({"border-management"}),
    date=datetime.date(2023, 11, 1),
    date_precision="month",
    source_quality="official",
    translations={"es": "Grupos de trabajo sobre gestión de fronteras y protección"},
)


def test_a_translation_is_shown_and_marked_as_one():
    quote = evidence_quote(ENGLISH, "es")
    assert quote.text == "Grupos de trabajo sobre gestión de fronteras y protección"
    assert quote.language == "es" and quote.translated
    assert quote.note == "2023-11 · fuente oficial · traducción; original en inglés"


@pytest.mark.parametrize(
    ("language", "note"),
    [
        ("fr", "2023-11 · source officielle · original en anglais"),
        ("pt", "2023-11 · fonte oficial · original em inglês"),
        ("en", "2023-11 · official source"),
    ],
)
def test_without_a_translation_the_original_says_its_language(language, note):
    quote = evidence_quote(ENGLISH, language)
    assert quote.text == ENGLISH.text and quote.language == "en"
    assert quote.note == note


def test_an_undated_text_from_the_press_says_so():
    undated = TextItem(
        "agenda:2",
        "OCAM",
        "agenda",
        "Gestión migratoria",
        "es",
        frozenset(),
        source_quality="press",
    )
    assert evidence_quote(undated, "en").note == "undated · press · original in Spanish"
    assert evidence_quote(undated, "es").note == "sin fecha · prensa"
