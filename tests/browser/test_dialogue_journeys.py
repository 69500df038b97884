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
