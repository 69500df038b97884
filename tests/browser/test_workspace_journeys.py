"""Each role signs in and lands on its workspace, with its work linked: the focal point's
practice reaches the reviewer's queue, the mechanism's meeting reaches its calendar, the
secretariat follows its links to the review queue and to the data that needs confirming."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import open_menu

pytestmark = pytest.mark.browser

TITLE = "Ventanilla única de documentación para personas retornadas"
MEETING = "XXXII Reunión Viceministerial de la CRM"


def _sign_in(browser, server_url, username, *, viewport=None):
    options = {"base_url": server_url}
    if viewport:
        options["viewport"] = viewport
    page = browser.new_context(**options).new_page()
    page.goto("/en/practices/")
    open_menu(page)
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Sign in").click()
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill("sinergia-demo")
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/en/workspace/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My workspace")
    return page


def _account(page):
    return page.get_by_role("navigation", name="Account")


def test_a_focal_point_s_practice_reaches_the_reviewer_s_home(browser, server_url):
    author = _sign_in(browser, server_url, "punto-focal-col")
    expect(author.get_by_text("Focal point of Colombia")).to_be_visible()
    practices = author.get_by_role("region", name=re.compile("^My practices"))
    practices.get_by_role("link", name="New good practice").click()
    author.get_by_label("Title").fill(TITLE)
    author.get_by_label("Summary").fill(
        "Un solo punto de atención para que las personas retornadas obtengan sus documentos."
    )
    author.get_by_label("Countries").select_option("COL")
    author.get_by_role("button", name="Save draft").click()
    author.get_by_role("button", name="Submit for review").click()

    _account(author).get_by_role("link", name="My workspace").click()
    practices = author.get_by_role("region", name=re.compile("^My practices"))
    expect(practices.get_by_text(re.compile(r"Submitted: \d"))).to_be_visible()
    expect(practices.get_by_role("link", name=TITLE)).to_be_visible()
    expect(_account(author).get_by_role("link", name=re.compile("Review queue"))).to_have_count(0)

    reviewer = _sign_in(browser, server_url, "revisora")
    queue_link = _account(reviewer).get_by_role("link", name=re.compile("Review queue"))
    expect(queue_link).to_contain_text(re.compile(r"\d"))
    expect(queue_link).to_have_accessible_name(re.compile(r"practices? waits? for review"))
    review = reviewer.get_by_role("region", name=re.compile("^Practices to review"))
    review.get_by_role("link", name=TITLE).click()
    expect(reviewer.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(reviewer.get_by_role("button", name="Publish")).to_be_visible()
    for absent in ("Audit trail", "Follow-up", "New meeting"):
        expect(_account(reviewer).get_by_role("link", name=absent)).to_have_count(0)


def test_a_mechanism_focal_point_adds_a_meeting_from_its_home(browser, server_url):
    page = _sign_in(browser, server_url, "punto-focal-crm")
    expect(page.get_by_text("Focal point of CRM")).to_be_visible()
    expect(page.get_by_role("link", name="Members of CRM")).to_be_visible()
    meetings = page.get_by_role("region", name=re.compile("^Coming meetings"))
    meetings.get_by_role("link", name="Add a meeting").click()
    day = datetime.date.today() + datetime.timedelta(days=45)
    page.get_by_label("Mechanism").last.select_option("CRM")
    page.get_by_label("Title").fill(MEETING)
    page.get_by_label("First day").fill(day.isoformat())
    page.get_by_label("Place").fill("Ciudad de Panamá")
    page.get_by_role("button", name="Add the meeting").click()
    expect(page.get_by_text("Meeting added to the calendar.")).to_be_visible()

    _account(page).get_by_role("link", name="My workspace").click()
    meetings = page.get_by_role("region", name=re.compile("^Coming meetings"))
    expect(meetings.get_by_text(MEETING)).to_be_visible()
    meetings.get_by_role("link", name="Meetings calendar").click()
    expect(page).to_have_url(re.compile(r"/en/meetings/\?mechanism=CRM$"))
    expect(page.get_by_role("rowheader", name=MEETING)).to_be_visible()


def test_the_secretariat_finds_the_review_queue_and_the_data_to_confirm(browser, server_url):
    page = _sign_in(browser, server_url, "secretaria")
    expect(page.get_by_text("CAM secretariat")).to_be_visible()
    for block in (
        "Practices to review",
        "Contributions awaiting submission",
        "Follow-up actions due",
        "Coming meetings",
        "Data needing confirmation",
    ):
        expect(page.get_by_role("region", name=re.compile(f"^{block}"))).to_be_visible()
    expect(page.get_by_role("region", name=re.compile("^My practices"))).to_have_count(0)

    page.get_by_role("link", name="Open the review queue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Review queue")
    expect(_account(page).get_by_role("link", name=re.compile("Review queue"))).to_have_attribute(
        "aria-current", "page"
    )
    _account(page).get_by_role("link", name="My workspace").click()

    data = page.get_by_role("region", name=re.compile("^Data needing confirmation"))
    data.get_by_role("link", name="Everything that needs confirming").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Data needing confirmation")
    page.get_by_role("link", name="OAS — Venezuela").click()
    expect(page).to_have_url(re.compile(r"/en/mechanisms/OAS/members/$"))


def test_each_home_fits_a_narrow_phone_in_spanish(browser, server_url):
    for username in ("secretaria", "punto-focal-col"):
        page = _sign_in(browser, server_url, username, viewport={"width": 390, "height": 844})
        page.get_by_role("navigation", name="Language").get_by_role(
            "link", name=re.compile("^ES")
        ).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Mi espacio")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.context.close()
