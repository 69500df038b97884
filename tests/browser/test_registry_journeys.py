"""What a person does with the registry, in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_browse_filter_and_open_a_mechanism_then_switch_language(page):
    page.goto("/en/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Mechanisms").click()
    expect(page).to_have_url(re.compile(r"/en/mechanisms/$"))

    page.get_by_label("Subregion with members").select_option("caribbean")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("link", name="CMC", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="CSM", exact=True)).to_have_count(0)

    page.get_by_role("link", name="CMC", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Caribbean Migration Consultations"
    )
    expect(page.get_by_role("heading", name=re.compile("Current members"))).to_be_visible()

    page.get_by_role("navigation", name="Language").get_by_role(
        "link", name=re.compile("^FR")
    ).click()
    expect(page).to_have_url(re.compile(r"/fr/mechanisms/CMC/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")


def test_country_page_lists_its_mechanisms(page):
    page.goto("/en/countries/")
    page.get_by_role("link", name="Colombia", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Colombia")
    table = page.get_by_role("region", name=re.compile("Mechanisms it takes part in"))
    expect(table.get_by_role("link", name="CSM", exact=True)).to_be_visible()


def test_the_first_tab_reaches_the_skip_link(page):
    page.goto("/en/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    skip.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
