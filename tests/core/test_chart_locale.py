"""The charts the browser draws group digits as the page's language does."""

from __future__ import annotations

import json
import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "decimal", "thousands"),
    [("es", ",", "."), ("en", ".", ","), ("fr", ",", "\u202f"), ("pt", ",", ".")],
)
def test_a_page_with_charts_gives_them_its_languages_number_format(
    client, language, decimal, thousands
):
    page = client.get(f"/{language}/statistics/").content.decode()
    found = re.search(
        r'<script id="chart-format-locale" type="application/json">(.*?)</script>', page
    )
    assert found, "the page gives its charts no number format"
    locale = json.loads(found.group(1))
    assert locale["decimal"] == decimal and locale["thousands"] == thousands
