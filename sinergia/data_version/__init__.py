"""The change signal for the data the public reads, one per domain.

Every service records its write in the audit trail, and the audit record moves the version
of the written record's domain (its app: the registry, the vocabulary, the reference
frameworks, the statistics, the dialogue, the practices) in the same transaction
(`data_version_bump`), unless the write is private: a person's account, roles, tokens and
second factor, or a practice that the public does not see before or after the write (a
draft). Every cache of public data is keyed on the versions of the domains it is made of:
the public page cache and `Last-Modified` on all of them, the synergy analysis on all but
the practices, the search facets and spelling on the practices and the vocabulary, each
kind of site-search record on its own. A change is therefore seen at once by every process
that shares the database, nothing else has to be told, and a publication does not make
every process recompute the analysis.

Reading them is one query over a handful of rows; within a request they are read once
(`data_version_read_once`, opened by `sinergia.middleware.DataVersionMiddleware`) and read
again only after the request itself writes.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, TypeVar

T = TypeVar("T")

# Writes that change nothing the public reads: a person's account, roles, tokens and second
# factor. Their audit entries leave the version where it is.
PRIVATE_ACTIONS = ("account.", "role.", "token.", "two_factor.")

# The domains of public data: the apps whose records the public reads. A write to a record of
# another app (or to none) moves them all.
DOMAINS = ("registry", "vocabulary", "reference", "statistics", "dialogue", "practices")
# What the coordination analysis, the site search and the registry's pages are made of.
ALL_BUT_PRACTICES = tuple(domain for domain in DOMAINS if domain != "practices")


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

Rows = dict[str, tuple[int, "datetime | None"]]  # {domain: (token, changed_at)}

# Within a request: [the rows read, or None until they are read].
_request_version: ContextVar[list[Rows | None] | None] = ContextVar(
    "sinergia_data_version", default=None
)


def is_public_action(action: str) -> bool:
    """Whether an audited action changes what the public reads."""
    return not action.startswith(PRIVATE_ACTIONS)


def domain_of(target: Any) -> tuple[str, ...]:
    """The domains a write to `target` (a model instance, or None) changes."""
    label = getattr(getattr(target, "_meta", None), "app_label", None)
    return (label,) if label in DOMAINS else DOMAINS


def _read() -> Rows:
    from sinergia.data_version.models import DataVersion

    return {
        domain: (token, changed_at)
        for domain, token, changed_at in DataVersion.objects.values_list(
            "domain", "token", "changed_at"
        )
    }


def _rows() -> Rows:
    held = _request_version.get()
    rows = held[0] if held is not None else None
    if rows is None:
        rows = _read()
        if held is not None:
            held[0] = rows
    return rows


def data_version(*domains: str) -> Version:
    """The version of the data of `domains` (of every domain when none is named): one query,
    or none within a request that has read the versions already. Its token changes whenever
    one of theirs does; its time is the latest of their changes."""
    rows = _rows()
    named = sorted(domains or DOMAINS)
    found = [rows[domain] for domain in named if domain in rows]
    if not found:
        return NO_VERSION
    digest = hashlib.blake2b(
        ",".join(f"{domain}:{rows[domain][0]}" for domain in named if domain in rows).encode(),
        digest_size=8,
    ).digest()
    times = [changed for _token, changed in found if changed is not None]
    return Version(token=int.from_bytes(digest) >> 2 or 1, changed_at=max(times, default=None))


def data_changed_at(*domains: str) -> datetime | None:
    """When the public data (of `domains`, or of all) last changed (None before any write)."""
    return data_version(*domains).changed_at


@contextmanager
def data_version_read_once() -> Iterator[None]:
    """Within the block (one request), the version is read from the database once, so that
    the page cache, the headers and the view see the same data version."""
    reset = _request_version.set([None])
    try:
        yield
    finally:
        _request_version.reset(reset)


def data_version_bump(domains: Iterable[str] = DOMAINS) -> None:
    """Move the versions of `domains` (all by default). Called inside the writing transaction
    (by `audit_record`), so that the new versions and the write are seen together or not at
    all; the rows stay locked until the transaction ends, so versions follow the order in
    which writes commit, and writes to different domains do not wait for each other."""
    from django.db import connection
    from django.db.models.functions import Now
    from django.utils import timezone

    from sinergia.data_version.models import DataVersion

    # PostgreSQL's clock is the one clock every app server shares; SQLite serves one machine.
    changed_at = Now() if connection.vendor == "postgresql" else timezone.now()
    for domain in sorted(set(domains)):  # always in one order: two writes cannot deadlock
        token = secrets.randbits(62) or 1
        row = DataVersion.objects.filter(domain=domain)
        if not row.update(token=token, changed_at=changed_at):
            DataVersion.objects.bulk_create([DataVersion(domain=domain)], ignore_conflicts=True)
            row.update(token=token, changed_at=changed_at)
    held = _request_version.get()
    if held is not None:
        held[0] = None  # this request wrote: read the version again


class VersionedValue(Generic[T]):
    """A value each process builds from the database and keeps until the data version moves.
    When it moves, `read` (one small query) fetches what the value is made of again, and
    `build` (the costly part) runs only if that changed: a write elsewhere in the data does
    not make every process rebuild a tagger whose vocabulary stayed the same."""

    def __init__(
        self, read: Callable[[], Any], build: Callable[[Any], T], domains: tuple[str, ...] = ()
    ):
        self._read = read
        self._build = build
        self._domains = domains  # the domains the value is made of (all when empty)
        self._lock = threading.Lock()
        self._state: tuple[int, Any, T] | None = None  # (version token, inputs, value)

    def get(self) -> T:
        token = data_version(*self._domains).token
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


# The results every `versioned` function keeps, to forget them all at once.
_every_kept: list[dict[tuple[Any, ...], Any]] = []


def versioned_forget() -> None:
    """Forget every result kept by `versioned` functions in this process (for a test whose
    data were written without moving the version)."""
    for kept in _every_kept:
        kept.clear()


def versioned(*domains: str, size: int = 32) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Keep a function's results in this process until the version of `domains` (all when
    none is named) moves: for what a page computes from the data alone, the same for every
    reader. Arguments must be hashable; at most `size` results are kept."""

    def decorate(function: Callable[..., T]) -> Callable[..., T]:
        lock = threading.Lock()
        kept: dict[tuple[Any, ...], T] = {}
        _every_kept.append(kept)
        version = [0]

        def wrapper(*args: Any) -> T:
            token = data_version(*domains).token
            with lock:
                if version[0] != token:
                    kept.clear()
                    version[0] = token
                elif args in kept:
                    return kept[args]
            value = function(*args)
            with lock:
                if version[0] == token:
                    if len(kept) >= size:
                        kept.pop(next(iter(kept)))
                    kept[args] = value
            return value

        wrapper.__doc__, wrapper.__name__ = function.__doc__, function.__name__
        return wrapper

    return decorate
