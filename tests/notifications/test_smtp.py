"""Notification mail through a real SMTP server: it arrives, as text and HTML, and a slow
server holds no page back."""

from __future__ import annotations

import time

import pytest
from django.core import mail
from django.urls import reverse

from sinergia.notifications.mail import mail_wait
from sinergia.practices import services as practices
from tests.notifications.smtp import smtp_server
from tests.practices.helpers import draft, reviewer, state_focal_point

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp(settings):
    with smtp_server() as (port, inbox):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        settings.DEFAULT_FROM_EMAIL = "sinergia@oas.example"
        yield inbox


def test_a_submission_mail_reaches_the_smtp_server(smtp, django_capture_on_commit_callbacks):
    author, checker = state_focal_point(), reviewer(email="revisora@oas.example")
    practice = draft(author)
    with django_capture_on_commit_callbacks(execute=True):
        practices.practice_submit(actor=author, practice=practice)

    (message,) = smtp.wait_for(1)
    assert smtp.to("revisora@oas.example") == [message]
    assert message["From"] == "sinergia@oas.example"
    assert (
        str(message["Subject"]).strip()
        == f"[Sinergia] Práctica enviada a revisión: {practice.title}"
    )
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert f"http://127.0.0.1:8000/es/practices/{practice.pk}/" in text
    assert f'href="http://127.0.0.1:8000/es/practices/{practice.pk}/"' in html
    assert "http://127.0.0.1:8000/es/notifications/preferences/" in text
    assert checker.notifications.get().emailed


def test_a_slow_smtp_server_holds_no_page_back(
    settings, client, django_capture_on_commit_callbacks
):
    with smtp_server(delay_seconds=3) as (port, inbox):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        author = state_focal_point()
        reviewer()
        practice = draft(author)
        client.force_login(author)
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("practice_transition", args=[practice.pk, "submit"]))
        assert response.status_code == 302
        assert time.monotonic() - started < 2.5
        assert inbox.wait_for(1, timeout_seconds=20)
        mail_wait()
    assert mail.outbox == []  # sent through SMTP, not kept by the test backend
