"""The synergy dashboard in a real browser: charts draw, tables and downloads are there."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_dashboard_draws_its_charts_and_opens_an_opportunity(page):
    page.goto("/en/synergy/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Synergies between mechanisms")
    heatmap = page.locator("figure.chart").first
    heatmap.scroll_into_view_if_needed()
    expect(heatmap.locator("svg").first).to_be_visible(timeout=15_000)
    heatmap.get_by_text("Data table").click()
    expect(heatmap.get_by_role("table")).to_be_visible()
    with page.expect_download() as download:
        heatmap.get_by_role("link", name=re.compile("^CSV")).click()
    assert download.value.suggested_filename == "sinergia-overlap-en.csv"

    page.get_by_role("link", name="CRM · MIRPS").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("CRM and MIRPS")
    expect(page.get_by_role("heading", name="Evidence: matching lines of work")).to_be_visible()
    languages = page.get_by_role("navigation", name="Language")
    languages.get_by_role("link", name=re.compile("^ES")).click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_text("comparten 7 Estados miembros")).to_be_visible()
    # Each quote with its date and its source's quality, the original's language in words.
    expect(
        page.get_by_text(re.compile("fuente oficial · original en inglés")).first
    ).to_be_visible()


@pytest.mark.parametrize(
    ("language", "heading", "partners", "forums"),
    [
        (
            "es",
            "Guatemala en los foros",
            "Los Estados con los que más coincide",
            "Foros y funciones",
        ),
        ("en", "Guatemala across the forums", "The states it meets most often", "Forums and roles"),
    ],
)
def test_guatemalas_state_view(page, language, heading, partners, forums):
    page.goto(f"/{language}/countries/GTM/")
    page.get_by_role("link", name=re.compile(heading)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("heading", name=forums)).to_be_visible()
    table = page.get_by_role("region", name=partners)
    expect(table.get_by_role("row").nth(1)).to_contain_text("CRM")
    expect(table.get_by_role("row").nth(1)).to_contain_text("MIRPS")
    for chart in page.locator("figure.chart").all():
        chart.scroll_into_view_if_needed()
        expect(chart.locator("svg").first).to_be_visible(timeout=15_000)
        # The chart is an image with its text alternative, and its data is a table.
        label = chart.locator("[data-chart-url]").get_attribute("aria-label")
        assert label and len(label) > 20
        chart.locator("summary").click()
        expect(chart.get_by_role("table")).to_be_visible()
