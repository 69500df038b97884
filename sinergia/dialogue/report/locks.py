"""Locks that hold across the processes building reports: `flock` on a file for the
processes of one host, or an entry in the shared cache (Redis, when `REDIS_URL` is set) for
every process on every host."""

from __future__ import annotations

import fcntl
import threading
import time
import uuid
from pathlib import Path
from typing import IO

from django.conf import settings
from django.core.cache import cache

POLL_SECONDS = 0.2
# A cache lock whose holder died frees itself after this; a live holder renews it.
CACHE_LOCK_SECONDS = 60


class Lock:
    """A lock held until `release` (by any thread of the process that took it)."""

    def release(self) -> None:
        raise NotImplementedError


class FileLock(Lock):
    """`flock` on a file: the kernel releases it when its holder dies. The file is never
    deleted, since a deleted lock file could be locked twice."""

    def __init__(self, handle: IO[bytes]):
        self._handle: IO[bytes] | None = handle

    def release(self) -> None:
        if self._handle is not None:
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None


class CacheLock(Lock):
    """An entry added to the shared cache, renewed while held, removed on release."""

    def __init__(self, key: str, token: str):
        self.key = key
        self.token = token
        self._released = threading.Event()
        threading.Thread(target=self._renew, name=f"renew {key}", daemon=True).start()

    def _renew(self) -> None:
        while not self._released.wait(CACHE_LOCK_SECONDS / 3):
            cache.touch(self.key, CACHE_LOCK_SECONDS)

    def release(self) -> None:
        if not self._released.is_set():
            self._released.set()
            if cache.get(self.key) == self.token:
                cache.delete(self.key)


def lock_try(path: Path, *, key: str, wait: bool = False) -> Lock | None:
    """The lock named `key`, or None when another holds it (with `wait`, wait for it): an
    entry in the cache when the cache is shared, else `flock` on the file `path`."""
    if settings.REDIS_URL:
        token = uuid.uuid4().hex
        while not cache.add(f"lock:{key}", token, CACHE_LOCK_SECONDS):
            if not wait:
                return None
            time.sleep(POLL_SECONDS)
        return CacheLock(f"lock:{key}", token)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("ab")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        return None
    return FileLock(handle)
