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

    page.get_by_role("link", name="CRM · OCAM").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("CRM and OCAM")
    expect(page.get_by_role("heading", name="Evidence: matching lines of work")).to_be_visible()
    languages = page.get_by_role("navigation", name="Language")
    languages.get_by_role("link", name=re.compile("^ES")).click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_text("comparten 8 Estados miembros")).to_be_visible()
