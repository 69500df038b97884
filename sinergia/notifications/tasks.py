"""The task that sends one notification mail on a worker, retried while SMTP fails."""

from __future__ import annotations

from typing import Any

from celery import shared_task

from sinergia.notifications.mail import mail_send


@shared_task(
    name="sinergia.notifications.mail_send",
    autoretry_for=(OSError,),  # smtplib's errors, refused connections, timeouts
    max_retries=8,
    retry_backoff=30,
    retry_backoff_max=3600,
    retry_jitter=True,
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
)
def mail_send_task(message: dict[str, Any]) -> None:
    mail_send(message)
