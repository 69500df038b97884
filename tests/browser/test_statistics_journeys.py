"""Statistics in a real browser: the map draws, a figure check flags the note's figure."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_map_and_country_figures(page):
    page.goto("/en/statistics/?year=2020")
    map_figure = page.locator("figure.chart").first
    map_figure.scroll_into_view_if_needed()  # charts are drawn as they come into view
    expect(map_figure.locator("svg").first).to_be_visible(timeout=15_000)
    map_figure.get_by_text("Data table").click()
    map_figure.get_by_role("link", name="Colombia").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Colombia")
    expect(page.get_by_text(re.compile(r"1\D905\D393")).first).to_be_visible()


def test_the_figure_check_flags_the_concept_notes_figure(page):
    page.goto("/es/statistics/check/")
    page.get_by_role("textbox").fill(
        "En las Américas, según datos del 2020, hay 73.5 millones de migrantes internacionales, "
        "incluidos 12.5 millones en América Latina y el Caribe."
    )
    page.get_by_role("button", name=re.compile("Comprobar|Verificar")).click()
    expect(page.get_by_text(re.compile(r"14\D794\D623"))).to_be_visible()
