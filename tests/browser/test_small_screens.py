"""On a phone (390 × 844), in the four languages, no page scrolls sideways (WCAG 1.4.10
reflow) once its charts have drawn, and the good practices come before their filters."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from playwright.sync_api import expect

from sinergia.i18n import LANGUAGE_CODES

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
PUBLIC = [
    "/{lang}/",
    "/{lang}/mechanisms/",
    "/{lang}/mechanisms/CRM/",
    "/{lang}/countries/",
    "/{lang}/countries/GTM/",
    "/{lang}/themes/",
    "/{lang}/themes/regularization/",
    "/{lang}/practices/",
    "/{lang}/practices/?q=migración",
    "/{lang}/practices/1/",
    "/{lang}/dialogue/",
    "/{lang}/dialogue/1/",
    "/{lang}/meetings/",
    "/{lang}/follow-up/",
    "/{lang}/synergy/",
    "/{lang}/synergy/?focus=country-GTM",
    "/{lang}/synergy/opportunities/CRM--MIRPS/",
    "/{lang}/synergy/countries/GTM/",
    "/{lang}/synergy/gaps/northern_america/health/",
    "/{lang}/statistics/",
    "/{lang}/statistics/?measure=stock",
    "/{lang}/statistics/areas/COL/",
    "/{lang}/statistics/areas/019/",
    "/{lang}/statistics/check/",
    "/{lang}/search/?q=Guatemala",
    "/{lang}/accounts/login/",
    "/{lang}/api/",
]
SIGNED_IN = [
    "/{lang}/practices/new/",
    "/{lang}/practices/mine/",
    "/{lang}/practices/review/",
    "/{lang}/dialogue/1/contribute/",
]
NOT_FOUND = "/{lang}/no-such-page/"
LANGUAGES = list(LANGUAGE_CODES)
FIGURES = (
    "En las Américas, según datos del 2020, hay 73.5 millones de migrantes internacionales, "
    "incluidos 12.5 millones en América Latina y el Caribe."
)


def _draw_charts(page) -> list[str]:  # type: ignore[no-untyped-def]
    """Draw every chart of the page; the addresses of those drawn with no width."""
    empty = []
    for chart in page.locator("[data-chart-url]").all():
        chart.scroll_into_view_if_needed()
        chart.locator("svg.marks").wait_for(state="attached", timeout=20_000)
        if not chart.locator("svg.marks").evaluate("svg => svg.getBoundingClientRect().width"):
            empty.append(chart.get_attribute("data-chart-url"))
    page.evaluate("window.scrollTo(0, 0)")
    return empty


def _overflow(page) -> str | None:  # type: ignore[no-untyped-def]
    """None when the page fits the viewport's width; else what sticks out."""
    widths = page.evaluate(
        "({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
    )
    if widths["scroll"] <= widths["inner"]:
        return None
    culprits = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
            .slice(0, 3).map(e => e.tagName.toLowerCase() + '.' + e.className)"""
    )
    return f"{widths['scroll']} px wide: {', '.join(culprits)}"


def _walk(page, paths: list[str]) -> dict[str, str]:  # type: ignore[no-untyped-def]
    found = {}
    for path in paths:
        response = page.goto(path)
        assert response and response.ok, f"{path}: {response and response.status}"
        if empty := _draw_charts(page):
            found[path] = f"charts drawn with no width: {', '.join(empty)}"
        elif problem := _overflow(page):
            found[path] = problem
    return found


@pytest.fixture(scope="module")
def phone(browser, server_url):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=server_url, viewport=PHONE)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def signed_in_phone(browser, server_url):  # type: ignore[no-untyped-def]
    """The secretariat on a phone, with a contribution of its own to look at."""
    context = browser.new_context(base_url=server_url, viewport=PHONE)
    page = context.new_page()
    page.goto("/en/accounts/login/")
    page.get_by_label("User name").fill("secretaria")
    page.get_by_label("Password").fill("sinergia-demo")
    page.get_by_role("button", name="Sign in").click()
    page.goto("/en/dialogue/1/contribute/")
    page.get_by_label("Guiding question").select_option(index=1)
    page.get_by_label("Language of the contribution").select_option("es")
    page.locator("textarea").first.fill(
        "Una mesa técnica conjunta sobre regularización migratoria e integración "
        "socioeconómica, con una dirección larga: https://example.org/"
        + "una-direccion-muy-larga-sin-espacios-"
        * 4
    )
    page.get_by_role("button", name="Save the contribution").click()
    page.wait_for_url(re.compile(r"/en/contributions/\d+/"))
    page.contribution_path = re.sub(r"^https?://[^/]+/en/", "/{lang}/", page.url)  # type: ignore[attr-defined]
    yield page
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_public_page_scrolls_sideways_on_a_phone(phone, lang):
    found = _walk(phone, [path.format(lang=lang) for path in PUBLIC])
    assert not found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_signed_in_page_scrolls_sideways_on_a_phone(signed_in_phone, lang):
    paths = [*SIGNED_IN, signed_in_phone.contribution_path]
    found = _walk(signed_in_phone, [path.format(lang=lang) for path in paths])
    assert not found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_figure_checks_answer_fits_a_phone(phone, lang):
    phone.goto(f"/{lang}/statistics/check/")
    phone.locator("main textarea").fill(FIGURES)
    phone.locator("main form button[type=submit]").click()
    expect(phone.get_by_text(re.compile(r"14\D794\D623")).first).to_be_visible()
    assert _overflow(phone) is None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_not_found_fits_a_phone(phone, lang):
    """The served site runs with DEBUG on (Django's own 404 page): the site's 404 page is
    rendered here as production renders it and shown at the same address."""
    path = NOT_FOUND.format(lang=lang)
    response = Client().get(path)
    assert response.status_code == 404
    phone.route(
        f"**{path}",
        lambda route: route.fulfill(
            status=404, body=response.content, content_type="text/html; charset=utf-8"
        ),
    )
    try:
        phone.goto(path)
        expect(phone.locator("main h1")).to_be_visible()
        assert _overflow(phone) is None
    finally:
        phone.unroute(f"**{path}")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_on_a_phone_the_practices_come_before_their_folded_filters(phone, lang):
    phone.goto(f"/{lang}/practices/")
    filters = phone.locator("aside.facets details")
    expect(filters).not_to_have_attribute("open", re.compile(".*"))
    first_filter = phone.locator("aside.facets input[type=checkbox]").first
    expect(first_filter).to_be_hidden()
    # The first practice is within reach of a thumb, not after screens of filters.
    first_result_top = phone.evaluate(
        "document.querySelector('.hits li').getBoundingClientRect().top"
    )
    assert first_result_top < 1.5 * PHONE["height"]
    # Unfolded by the keyboard, the filters work as before.
    filters.locator("summary").focus()
    phone.keyboard.press("Enter")
    expect(first_filter).to_be_visible()
    first_filter.check()
    phone.locator("aside.facets button[type=submit]").click()
    expect(phone.locator("aside.facets details")).to_have_attribute("open", "")
    assert _overflow(phone) is None


def test_on_a_wide_screen_the_filters_are_open_beside_the_results(page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/en/practices/")
    expect(page.locator("aside.facets details")).to_have_attribute("open", "")
    expect(page.get_by_role("checkbox").first).to_be_visible()


@pytest.mark.parametrize("language", LANGUAGES)
def test_on_a_phone_the_menu_is_folded_so_that_the_page_comes_first(signed_in_phone, language):
    """A focal point on a phone sees the page's title on the first screen, not two screens
    of links; the menu unfolds from the keyboard with every section, their own links and
    the unread count, and folds again."""
    page = signed_in_phone
    page.goto(f"/{language}/practices/")
    header = page.locator(".site-header").bounding_box()
    assert header and header["height"] < 130, header
    heading = page.get_by_role("heading", level=1).bounding_box()
    assert heading and heading["y"] + heading["height"] < PHONE["height"] / 3
    account = page.locator("nav.account")
    expect(account).to_be_hidden()
    summary = page.locator("details.menu-fold > summary")
    summary.focus()
    page.keyboard.press("Enter")
    expect(account).to_be_visible()
    expect(page.locator("nav.account a").first).to_be_visible()
    expect(page.locator(".menu .nav a[aria-current=page]")).to_be_visible()
    expect(page.get_by_role("search").first).to_be_visible()
    assert _overflow(page) is None
    page.keyboard.press("Enter")  # the summary keeps the focus: folded again
    expect(account).to_be_hidden()


def test_on_a_wide_screen_the_menu_is_open(page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/en/mechanisms/")
    expect(page.locator("details.menu-fold")).to_have_attribute("open", "")
    expect(page.locator("details.menu-fold > summary")).to_be_hidden()
    expect(
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Statistics")
    ).to_be_visible()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_gaps_by_subregion_show_every_subregion_on_a_phone(phone, lang):
    """The heat map of gaps is read across: on a phone all five subregions are in view at
    once, none hidden past the frame's edge."""
    phone.goto(f"/{lang}/synergy/")
    chart = phone.locator("[data-chart-url$='/charts/gaps.json']")
    chart.scroll_into_view_if_needed()
    chart.locator("svg.marks").wait_for(state="attached", timeout=20_000)
    fits = chart.evaluate("frame => frame.scrollWidth <= frame.clientWidth")
    assert fits and chart.evaluate("frame => frame.clientWidth") <= PHONE["width"]


def test_the_menu_follows_the_screen_and_its_search_keeps_its_height_in_between(page):
    """A tablet held upright (700 px) opens the menu to a search box of one line; turned
    wide, the menu opens by itself, and narrowed again it folds."""
    page.set_viewport_size({"width": 700, "height": 900})
    page.goto("/fr/mechanisms/")
    page.locator("details.menu-fold > summary").click()
    search = page.locator(".menu .site-search").bounding_box()
    assert search and search["height"] < 60, search
    page.locator("details.menu-fold > summary").click()  # folded again by hand
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(page.locator("details.menu-fold")).to_have_attribute("open", "")
    expect(page.locator("details.menu-fold > summary")).to_be_hidden()
    page.set_viewport_size({"width": 390, "height": 844})
    expect(page.locator("details.menu-fold")).not_to_have_attribute("open", "")
