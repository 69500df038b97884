"""A focal point submits a practice; the reviewer sees it in the header and in the list of
notifications, marks it read, and the SMTP server received the mail: in a real browser,
against a Sinergia that sends mail to a real SMTP server the test starts."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import _sinergia, served
from tests.notifications.smtp import Inbox, smtp_server

pytestmark = pytest.mark.browser

TITLE = "Ventanilla única de orientación para personas migrantes retornadas"
REVIEWER_ADDRESS = "revisora@oas.example"


@pytest.fixture(scope="module")
def smtp() -> Iterator[tuple[int, Inbox]]:
    with smtp_server() as found:
        yield found


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory, smtp) -> Iterator[str]:
    """Sinergia as the journeys' server, sending its mail to the test's SMTP server."""
    smtp_port, _inbox = smtp
    var_dir: Path = tmp_path_factory.mktemp("var-notify")
    env = {
        **os.environ,
        "SINERGIA_VAR_DIR": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "sinergia.settings",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "DEFAULT_FROM_EMAIL": "sinergia@oas.example",
    }
    env.pop("DATABASE_URL", None)
    _sinergia("init", "--verbosity", "0", env=env)
    _sinergia("demo", env=env)
    _sinergia(
        "shell",
        "-c",
        "from django.contrib.auth.models import User; "
        f"User.objects.filter(username='revisora').update(email='{REVIEWER_ADDRESS}')",
        env=env,
    )
    with served(env, workers=1) as url:
        yield url


def _sign_in(page, username):
    page.goto("/es/accounts/login/")
    page.get_by_label("Nombre de usuario").fill(username)
    page.get_by_label("Contraseña").fill("sinergia-demo")
    page.get_by_role("button", name="Iniciar sesión").click()


def test_a_submission_reaches_the_reviewer_in_the_header_the_list_and_the_mail(
    browser, server_url, smtp
):
    _port, inbox = smtp
    author = browser.new_context(base_url=server_url).new_page()
    _sign_in(author, "punto-focal-col")
    author.get_by_role("link", name="Nueva buena práctica").click()
    author.get_by_label("Título").fill(TITLE)
    author.get_by_label("Resumen").fill(
        "Una ventanilla en cada paso fronterizo orienta a las personas retornadas sobre "
        "documentos, salud y empleo."
    )
    author.get_by_label("Países").select_option("COL")
    author.get_by_role("button", name="Guardar borrador").click()
    author.get_by_role("button", name="Enviar a revisión").click()
    expect(author.get_by_text("enviada", exact=False).first).to_be_visible()

    reviewer = browser.new_context(base_url=server_url).new_page()
    _sign_in(reviewer, "revisora")
    account = reviewer.get_by_role("navigation", name="Cuenta")
    link = account.get_by_role("link", name=re.compile(r"^Notificaciones 1 sin leer"))
    expect(link).to_be_visible()
    link.click()
    expect(reviewer.get_by_role("heading", level=1)).to_have_text("Notificaciones")
    subject = f"Práctica enviada a revisión: {TITLE}"
    expect(
        reviewer.get_by_role("heading", level=2, name=re.compile(re.escape(subject)))
    ).to_be_visible()
    reviewer.get_by_role("button", name=re.compile("^Marcar como leída")).click()
    expect(account.get_by_role("link", name="Notificaciones", exact=True)).to_be_visible()
    reviewer.get_by_role("link", name=re.compile(rf"^Abrir\s*: {re.escape(subject)}")).click()
    expect(reviewer.get_by_role("heading", level=1)).to_have_text(TITLE)

    (message,) = [m for m in inbox.wait_for(1) if TITLE in str(m["Subject"])]
    assert inbox.to(REVIEWER_ADDRESS) == [message]
    text = message.get_body(("plain",)).get_content()
    assert re.search(r"http://127\.0\.0\.1:8000/es/practices/\d+/", text)


def test_the_reviewer_chooses_not_to_be_mailed_of_submissions(browser, server_url):
    page = browser.new_context(base_url=server_url).new_page()
    _sign_in(page, "revisora")
    page.goto("/es/notifications/preferences/")
    by_email = page.get_by_label("Una práctica se envía a revisión: por correo electrónico")
    expect(by_email).to_be_checked()
    by_email.uncheck()
    page.get_by_label("Idioma de los mensajes").select_option("en")
    page.get_by_role("button", name="Guardar").click()
    expect(page.get_by_text("Se guardaron sus preferencias.")).to_be_visible()
    expect(
        page.get_by_label("Una práctica se envía a revisión: por correo electrónico")
    ).not_to_be_checked()
    expect(page.get_by_label("Una práctica se envía a revisión: en Sinergia")).to_be_checked()
