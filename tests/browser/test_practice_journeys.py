"""A focal point submits, a reviewer publishes, the public finds it: in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

TITLE = "Mesa técnica de atención a personas retornadas en frontera"


def _sign_in(page, username):
    page.goto("/es/accounts/login/")
    page.get_by_label("Nombre de usuario").fill(username)
    page.get_by_label("Contraseña").fill("sinergia-demo")
    page.get_by_role("button", name="Iniciar sesión").click()


def test_submit_review_publish_and_find(browser, server_url):
    author = browser.new_context(base_url=server_url).new_page()
    _sign_in(author, "punto-focal-col")
    author.get_by_role("link", name="Nueva buena práctica").click()
    author.get_by_label("Título").fill(TITLE)
    author.get_by_label("Resumen").fill(
        "Coordinación entre Migración Colombia y las alcaldías para la reintegración de personas retornadas."
    )
    author.get_by_label("Países").select_option("COL")
    author.get_by_role("button", name="Guardar borrador").click()
    expect(author.get_by_role("heading", level=1)).to_have_text(TITLE)
    author.get_by_role("button", name="Enviar a revisión").click()
    expect(author.get_by_text("enviada", exact=False).first).to_be_visible()

    anonymous = browser.new_context(base_url=server_url).new_page()
    anonymous.goto("/es/practices/?q=retornadas+frontera")
    expect(anonymous.get_by_role("link", name=re.compile("Mesa técnica"))).to_have_count(0)

    reviewer = browser.new_context(base_url=server_url).new_page()
    _sign_in(reviewer, "revisora")
    reviewer.goto("/es/practices/review/")
    reviewer.get_by_role("link", name=TITLE).click()
    reviewer.get_by_role("button", name="Publicar").click()
    expect(reviewer.get_by_text("publicada", exact=False).first).to_be_visible()

    anonymous.goto("/en/practices/?q=returnees")
    expect(anonymous.get_by_role("link", name=re.compile("Mesa técnica"))).to_be_visible()


def test_search_across_languages_with_facets_then_switch_language(page):
    page.goto("/en/practices/?q=trafficking")
    results = page.locator("#results-title")
    expect(results).to_contain_text("practice")
    before = int(results.inner_text().split()[0])
    assert before > 0  # Spanish and Portuguese practices found by an English word
    page.get_by_role("checkbox", name=re.compile("^Spanish")).check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"language=es"))
    after = int(results.inner_text().split()[0])
    assert 0 < after <= before
    page.get_by_role("navigation", name="Language").get_by_role(
        "link", name=re.compile("^PT")
    ).click()
    expect(page.locator("html")).to_have_attribute("lang", "pt")
    expect(page).to_have_url(re.compile(r"/pt/practices/\?.*q=trafficking"))
    expect(page.locator("#results-title")).to_contain_text(str(after))
