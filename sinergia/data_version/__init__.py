"""One change signal for the data the public reads.

Every service records its write in the audit trail, and the audit record moves this version
in the same transaction (`data_version_bump`), unless the write is private (a person's
account, roles, tokens, second factor). Every cache of public data is keyed on it: the public
page cache and `Last-Modified`, the synergy analysis, the search facet tables, the site
search records, the vocabulary tagger, the mention finder, the consolidated reports and the
open-data package. A change is therefore seen at once by every process that shares the
database, and nothing else has to be told.

Reading it is one primary-key read; within a request it is read once
(`data_version_read_once`, opened by `sinergia.middleware.DataVersionMiddleware`) and read
again only after the request itself writes.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

T = TypeVar("T")

# Writes that change nothing the public reads: a person's account, roles, tokens and second
# factor. Their audit entries leave the version where it is.
PRIVATE_ACTIONS = ("account.", "role.", "token.", "two_factor.")


@dataclass(frozen=True)
class Version:
    """The data version: a random token, and when the data last changed."""

    token: int
    changed_at: datetime | None

    @property
    def key(self) -> str:
        """The token as a short text, for cache keys and file names."""
        return f"{self.token:x}"


NO_VERSION = Version(token=0, changed_at=None)

# Within a request: [the version read, or None until it is read].
_request_version: ContextVar[list[Version | None] | None] = ContextVar(
    "sinergia_data_version", default=None
)


def is_public_action(action: str) -> bool:
    """Whether an audited action changes what the public reads."""
    return not action.startswith(PRIVATE_ACTIONS)


def _read() -> Version:
    from sinergia.data_version.models import DataVersion

    row = DataVersion.objects.filter(pk=1).values_list("token", "changed_at").first()
    return Version(token=row[0], changed_at=row[1]) if row else NO_VERSION


def data_version() -> Version:
    """The current data version: one primary-key read, or none within a request that has
    read it already."""
    held = _request_version.get()
    version = held[0] if held is not None else None
    if version is None:
        version = _read()
        if held is not None:
            held[0] = version
    return version


def data_changed_at() -> datetime | None:
    """When the public data last changed (None before the first write)."""
    return data_version().changed_at


@contextmanager
def data_version_read_once() -> Iterator[None]:
    """Within the block (one request), the version is read from the database once, so that
    the page cache, the headers and the view see the same data version."""
    reset = _request_version.set([None])
    try:
        yield
    finally:
        _request_version.reset(reset)


def data_version_bump() -> None:
    """Move the data version. Called inside the writing transaction (by `audit_record`), so
    that the new version and the write are seen together or not at all; the row stays locked
    until the transaction ends, so versions follow the order in which writes commit."""
    from django.db import connection
    from django.db.models.functions import Now
    from django.utils import timezone

    from sinergia.data_version.models import DataVersion

    token = secrets.randbits(62) or 1
    # PostgreSQL's clock is the one clock every app server shares; SQLite serves one machine.
    changed_at = Now() if connection.vendor == "postgresql" else timezone.now()
    if not DataVersion.objects.filter(pk=1).update(token=token, changed_at=changed_at):
        DataVersion.objects.bulk_create([DataVersion(pk=1)], ignore_conflicts=True)
        DataVersion.objects.filter(pk=1).update(token=token, changed_at=changed_at)
    held = _request_version.get()
    if held is not None:
        held[0] = None  # this request wrote: read the version again


class VersionedValue(Generic[T]):
    """A value each process builds from the database and keeps until the data version moves.
    When it moves, `read` (one small query) fetches what the value is made of again, and
    `build` (the costly part) runs only if that changed: a write elsewhere in the data does
    not make every process rebuild a tagger whose vocabulary stayed the same."""

    def __init__(self, read: Callable[[], Any], build: Callable[[Any], T]):
        self._read = read
        self._build = build
        self._lock = threading.Lock()
        self._state: tuple[int, Any, T] | None = None  # (version token, inputs, value)

    def get(self) -> T:
        token = data_version().token
        state = self._state
        if state is not None and state[0] == token:
            return state[2]
        with self._lock:
            state = self._state
            if state is not None and state[0] == token:
                return state[2]
            inputs = self._read()
            value = state[2] if state is not None and state[1] == inputs else self._build(inputs)
            self._state = (token, inputs, value)
            return value
