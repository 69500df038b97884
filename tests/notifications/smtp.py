"""A real SMTP server for the tests (aiosmtpd), on a free port of this machine, that keeps
every message it receives."""

from __future__ import annotations

import asyncio
import email
import email.policy
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inbox:
    """What the server received, each message parsed, with its envelope's recipients."""

    def __init__(self, delay_seconds: float = 0.0):
        self.delay_seconds = delay_seconds
        self.messages: list[tuple[list[str], EmailMessage]] = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.delay_seconds:
            await asyncio.sleep(self.delay_seconds)  # a slow server
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            self.messages.append((list(envelope.rcpt_tos), message))  # type: ignore[arg-type]
        return "250 Message accepted for delivery"

    def wait_for(self, count: int = 1, timeout_seconds: float = 30.0) -> list[EmailMessage]:
        """The messages, once there are at least `count` (fails after the timeout)."""
        deadline = time.monotonic() + timeout_seconds
        while time.monotonic() < deadline:
            with self._lock:
                if len(self.messages) >= count:
                    return [message for _to, message in self.messages]
            time.sleep(0.1)
        raise AssertionError(f"{count} message(s) expected, {len(self.messages)} received")

    def to(self, address: str) -> list[EmailMessage]:
        with self._lock:
            return [message for to, message in self.messages if address in to]


@contextmanager
def smtp_server(delay_seconds: float = 0.0) -> Iterator[tuple[int, Inbox]]:
    inbox = Inbox(delay_seconds)
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield port, inbox
    finally:
        controller.stop()
