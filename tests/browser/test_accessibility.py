"""axe-core (vendored from npm) over every page type in the four languages, in Chromium,
after the charts have drawn: no WCAG 2.1 A or AA violation. Signed-in pages too."""

from __future__ import annotations

from pathlib import Path

import pytest

from sinergia.i18n import LANGUAGE_CODES

pytestmark = pytest.mark.browser

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text(encoding="utf-8")
PUBLIC = [
    "/{lang}/",
    "/{lang}/mechanisms/",
    "/{lang}/mechanisms/?scope=subregional",
    "/{lang}/mechanisms/CRM/",
    "/{lang}/countries/",
    "/{lang}/countries/COL/",
    "/{lang}/themes/",
    "/{lang}/themes/regularization/",
    "/{lang}/practices/?q=migración",
    "/{lang}/search/?q=Guatemala",
    "/{lang}/practices/1/",
    "/{lang}/statistics/",
    "/{lang}/statistics/areas/COL/",
    "/{lang}/statistics/check/",
    "/{lang}/synergy/",
    "/{lang}/synergy/opportunities/CRM--MIRPS/",
    "/{lang}/synergy/countries/GTM/",
    "/{lang}/synergy/gaps/northern_america/health/",
    "/{lang}/dialogue/",
    "/{lang}/dialogue/1/",
    "/{lang}/follow-up/",
    "/{lang}/meetings/",
    "/{lang}/meetings/month/?month=2023-05",
    "/{lang}/api/",
    "/{lang}/accounts/login/",
]
SIGNED_IN = [
    "/{lang}/workspace/",
    "/{lang}/workspace/unconfirmed/",
    "/{lang}/practices/new/",
    "/{lang}/practices/mine/",
    "/{lang}/practices/review/",
    "/{lang}/dialogue/1/contribute/",
    "/{lang}/dialogue/new/",
    "/{lang}/dialogue/1/participants/",
    "/{lang}/meetings/new/",
    "/{lang}/mechanisms/CRM/members/",
    "/{lang}/audit/",
    "/{lang}/accounts/tokens/",
    "/{lang}/accounts/two-factor/",
    "/{lang}/notifications/",
    "/{lang}/notifications/preferences/",
]
LANGUAGES = list(LANGUAGE_CODES)
RULES = "{runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}"


def violations(page, path):
    page.goto(path)
    charts = page.locator("[data-chart-url]")
    for chart in charts.all():  # draw the charts, which load as they come into view
        chart.scroll_into_view_if_needed()
        chart.locator("svg.marks").wait_for(state="attached", timeout=20_000)
    page.add_script_tag(content=AXE)
    return page.evaluate(
        f"""async () => (await axe.run(document, {RULES})).violations.map(
            v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))"""
    )


@pytest.fixture(scope="module")
def public_page(browser, server_url):
    # The policy forbids inline scripts; axe is injected by the test alone.
    context = browser.new_context(base_url=server_url, bypass_csp=True)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def secretariat_page(browser, server_url):
    context = browser.new_context(base_url=server_url, bypass_csp=True)
    page = context.new_page()
    page.goto("/en/accounts/login/")
    page.get_by_label("User name").fill("secretaria")
    page.get_by_label("Password").fill("sinergia-demo")
    page.get_by_role("button", name="Sign in").click()
    yield page
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_public_pages_have_no_violation(public_page, lang):
    found = {path: violations(public_page, path.format(lang=lang)) for path in PUBLIC}
    assert not {path: v for path, v in found.items() if v}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_signed_in_pages_have_no_violation(secretariat_page, lang):
    found = {path: violations(secretariat_page, path.format(lang=lang)) for path in SIGNED_IN}
    assert not {path: v for path, v in found.items() if v}


def test_keyboard_reaches_the_content_with_a_visible_focus(public_page):
    public_page.goto("/es/mechanisms/")
    public_page.keyboard.press("Tab")
    skip = public_page.evaluate("document.activeElement.getAttribute('href')")
    assert skip == "#main"
    outline = public_page.evaluate(
        "getComputedStyle(document.activeElement).outlineStyle + ' ' + getComputedStyle(document.activeElement).outlineWidth"
    )
    assert not outline.startswith("none")
    public_page.keyboard.press("Enter")
    assert public_page.evaluate("location.hash") == "#main"


def test_the_header_search_box_works_on_a_narrow_phone(browser, server_url):
    """WCAG 1.4.10 reflow: at 390 px the box fits without horizontal scrolling, is reached by
    its label, and searching from it leads to the results in the page's language."""
    context = browser.new_context(base_url=server_url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto("/fr/mechanisms/")
    page.get_by_text("Menu", exact=True).click()  # folded on a phone
    box = page.get_by_role("search", name="Tout le site").get_by_label(
        "Rechercher dans tout le site"
    )
    bounds = box.bounding_box()
    assert bounds and bounds["x"] >= 0 and bounds["x"] + bounds["width"] <= 390
    assert page.evaluate("document.querySelector('.site-header').scrollWidth") <= 390
    box.fill("Conférence régionale")
    box.press("Enter")
    page.wait_for_url("**/fr/search/?q=*")
    assert page.get_by_role(
        "heading", name="Conférence régionale sur les migrations (CRM)"
    ).is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()
