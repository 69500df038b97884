"""Mail of notifications, sent away from the request that caused it.

With a task queue (a broker), each mail is a task that a worker sends, retried with growing
waits while the SMTP server is down or slow. Without one, a thread of this process sends it,
retried a few times: a slow SMTP server never holds a page back either way. A message is a
plain dict (to, subject, text, html), so that sending it reads nothing from the database."""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives

logger = logging.getLogger(__name__)

# Waits between tries, in seconds, when no worker sends the mail.
THREAD_RETRY_SECONDS = (2.0, 10.0, 30.0)
_pending: set[threading.Thread] = set()
_pending_lock = threading.Lock()


def mail_message(*, to: str, subject: str, text: str, html: str) -> dict[str, Any]:
    return {"to": [to], "subject": subject, "text": text, "html": html}


def mail_send(message: dict[str, Any]) -> None:
    """Send one message now through Django's email backend (SMTP from the environment);
    raises the backend's error (an OSError for SMTP) if it cannot."""
    email = EmailMultiAlternatives(
        subject=message["subject"],
        body=message["text"],
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=message["to"],
    )
    email.attach_alternative(message["html"], "text/html")
    email.send(fail_silently=False)


def mail_queue(message: dict[str, Any]) -> None:
    """Have `message` sent in the background: by a worker, or else by a thread."""
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        from sinergia.notifications.tasks import mail_send_task

        mail_send_task.delay(message)
        return
    thread = threading.Thread(target=_send_with_retries, args=(message,), daemon=True)
    with _pending_lock:
        _pending.add(thread)
    thread.start()


def _send_with_retries(message: dict[str, Any]) -> None:
    try:
        for attempt, wait_seconds in enumerate((*THREAD_RETRY_SECONDS, None)):
            try:
                mail_send(message)
                return
            except OSError as error:  # smtplib's errors are OSErrors
                if wait_seconds is None:
                    # Never the message itself: it may hold what only its reader may see.
                    logger.error(
                        "A notification mail could not be sent after %s tries: %s",
                        attempt + 1,
                        type(error).__name__,
                    )
                    return
                time.sleep(wait_seconds)
    finally:
        with _pending_lock:
            _pending.discard(threading.current_thread())


def mail_wait(timeout_seconds: float = 30.0) -> None:
    """Wait until the mail this process is sending has gone (for commands and tests)."""
    deadline = time.monotonic() + timeout_seconds
    while True:
        with _pending_lock:
            pending = list(_pending)
        if not pending:
            return
        for thread in pending:
            thread.join(max(0.0, deadline - time.monotonic()))
        if time.monotonic() >= deadline:
            return
