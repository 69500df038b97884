"""A focal point records a contribution through the form; the next report holds it."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

pytestmark = pytest.mark.browser

PROPOSAL = (
    "Colombia propone una mesa técnica conjunta entre el Proceso de Quito y el MIRPS sobre "
    "regularización migratoria e integración socioeconómica."
)


def test_a_contribution_entered_in_the_form_appears_in_the_next_report(page):
    page.goto("/en/accounts/login/")
    page.get_by_label("User name").fill("punto-focal-col")
    page.get_by_label("Password").fill("sinergia-demo")
    page.get_by_role("button", name="Sign in").click()

    page.get_by_role("link", name="Dialogue", exact=True).click()
    page.get_by_role("link", name=re.compile("Annual session on migration governance")).click()
    page.get_by_role("link", name="Add a contribution").click()
    expect(page.get_by_label("On behalf of")).to_have_value("country:COL")
    page.get_by_label("Guiding question").select_option("2")
    page.get_by_label("Language of the contribution").select_option("es")
    page.get_by_label("Coordination opportunities").fill(PROPOSAL)
    page.get_by_role("button", name="Save the contribution").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Colombia")
    expect(page.get_by_text(PROPOSAL)).to_be_visible()
    expect(page.get_by_role("link", name="QUITO")).to_be_visible()

    page.get_by_role("link", name=re.compile("Annual session")).click()
    session_url = page.url
    page.locator("li[lang=es]").get_by_role("link", name="HTML").click()  # opens, not saved
    expect(page.get_by_text(PROPOSAL).first).to_be_visible()
    expect(page.get_by_text("Oportunidades de coordinación").first).to_be_visible()
    page.goto(session_url)

    with page.expect_download() as pdf_download:
        page.locator("li[lang=en]").get_by_role("link", name="PDF").click()
    reader = PdfReader(io.BytesIO(Path(pdf_download.value.path()).read_bytes()))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "Colombia propone una mesa técnica conjunta" in text

    page.get_by_role("navigation", name="Language").get_by_role(
        "link", name=re.compile("^FR")
    ).click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", name="Questions directrices")).to_be_visible()
    expect(page.get_by_text("Quelles possibilités et quels espaces")).to_be_visible()


def _sign_in_as_secretariat(page):
    page.goto("/en/accounts/login/")
    page.get_by_label("User name").fill("secretaria")
    page.get_by_label("Password").fill("sinergia-demo")
    page.get_by_role("button", name="Sign in").click()


def test_the_secretariat_adds_mexico_as_participant_then_records_its_contribution(page):
    _sign_in_as_secretariat(page)
    page.get_by_role("link", name="Dialogue", exact=True).click()
    page.get_by_role("link", name=re.compile("Annual session on migration governance")).click()
    page.get_by_role("link", name="Add or remove participants").click()

    page.get_by_label("Mechanism or state").select_option(label="Mexico")
    page.get_by_label("Role").select_option("delegation")
    page.get_by_label("Source that confirms it: title").fill("Lista de participantes")
    page.get_by_label("Source: published by").fill("OEA")
    page.get_by_role("button", name="Add the participant").click()

    expect(page.get_by_text("Mexico added to the participants.")).to_be_visible()
    row = page.get_by_role("row", name=re.compile("^Mexico"))
    expect(row).to_contain_text("Lista de participantes")

    page.get_by_role("link", name=re.compile("Annual session")).click()
    page.get_by_role("link", name="Add a contribution").click()
    page.get_by_label("On behalf of").select_option(label="Mexico")
    page.get_by_label("Guiding question").select_option("1")
    page.get_by_label("Language of the contribution").select_option("es")
    page.get_by_label("Statement").fill("México comparte su programa de movilidad laboral.")
    page.get_by_role("button", name="Save the contribution").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mexico")
    expect(page.get_by_text("México comparte su programa de movilidad laboral.")).to_be_visible()


def test_a_meeting_edited_into_a_clash_is_warned_of_before_it_is_saved(page):
    _sign_in_as_secretariat(page)
    page.goto("/en/meetings/")
    for mechanism, title, day in [
        ("CAM", "Sesión extraordinaria del CAM", "2031-03-10"),
        ("CRM", "Reunión del grupo de enlace", "2031-09-10"),
    ]:
        page.get_by_role("link", name="Add a meeting").click()
        page.get_by_label("Mechanism").select_option(mechanism)
        page.get_by_label("Title").fill(title)
        page.get_by_label("First day").fill(day)
        page.get_by_role("button", name="Add the meeting").click()
        expect(page.get_by_text("Meeting added to the calendar.")).to_be_visible()

    page.get_by_role("link", name="Edit Reunión del grupo de enlace").click()
    page.get_by_label("First day").fill("2031-03-11")
    page.get_by_role("button", name="Save the changes").click()

    warning = page.get_by_role("alert").filter(has_text="This meeting would clash")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("Sesión extraordinaria del CAM")
    expect(page.get_by_label("First day")).to_have_value("2031-03-11")  # kept, not saved

    page.get_by_role("button", name="Save despite the clash").click()
    expect(page.get_by_text("Meeting changed.")).to_be_visible()
    clashes = page.locator("section", has=page.get_by_role("heading", name="Clashes"))
    expect(clashes).to_contain_text("Reunión del grupo de enlace")

    page.goto("/en/meetings/month/?month=2031-03")
    expect(page.get_by_role("table")).to_contain_text("Reunión del grupo de enlace")
