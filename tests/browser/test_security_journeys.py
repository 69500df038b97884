"""The Content Security Policy holds in a real browser: charts draw, nothing is refused."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PAGES = [
    ("/en/synergy/", 5),
    ("/es/statistics/", 1),
    ("/fr/statistics/areas/COL/", 1),
    ("/pt/dialogue/1/", 0),
    ("/api/v1/docs", 0),
]


@pytest.mark.parametrize(("path", "charts"), PAGES)
def test_pages_run_under_the_policy_without_a_violation(page, path, charts):
    problems = []
    page.on("console", lambda message: problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    response = page.goto(path)
    policy = response.headers["content-security-policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "script-src 'self'" in policy
    # Charts draw as they come into view: walk down to the foot of the page and back.
    for _step in range(12):
        page.mouse.wheel(0, 2500)
        page.wait_for_timeout(300)
    for chart in page.locator("figure.chart").all():
        chart.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
    if charts:
        expect(page.locator("svg.marks")).to_have_count(charts, timeout=20_000)
    if path == "/api/v1/docs":
        expect(page.locator(".swagger-ui")).to_be_visible(timeout=10_000)
    violations = [p for p in problems if "Content Security Policy" in p or "Refused" in p]
    assert not violations, violations
