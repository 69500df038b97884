"""Limits on how often one account writes and one address reads or signs in, counted in
Django's default cache: shared by every process and host when `REDIS_URL` is set, per process
otherwise.

A limit is a fixed window: at most `limit` hits per `window_seconds` for one identity.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache


@dataclass(frozen=True)
class Limit:
    scope: str  # what is counted: "write", "read", "signin-failure", "password-reset"
    limit: int
    window_seconds: int


def _window(limit: Limit) -> tuple[int, int]:
    now = int(time.time())
    start = now - now % limit.window_seconds
    return start, start + limit.window_seconds - now


def rate_count(*, limit: Limit, identity: str) -> int:
    """How many hits `identity` has made in the current window."""
    start, _left = _window(limit)
    return int(cache.get(f"rate:{limit.scope}:{identity}:{start}", 0))


def rate_hit(*, limit: Limit, identity: str) -> int | None:
    """Count one hit; None while within the limit, else the seconds until the window ends
    (for `Retry-After`). A limit of 0 or less means no limit."""
    if limit.limit <= 0:
        return None
    start, left = _window(limit)
    count = _count_hit(f"rate:{limit.scope}:{identity}:{start}", limit.window_seconds + 10)
    return max(left, 1) if count > limit.limit else None


def _count_hit(key: str, timeout: int) -> int:
    """Add one to the count under `key`, which expires `timeout` seconds after its first hit;
    the new count. On Redis one round trip (the count made with its expiry if new, then
    incremented, in one transaction), as every request is counted; elsewhere the cache's own
    add and incr."""
    shared = caches["default"]
    if isinstance(shared, RedisCache):
        full_key = shared.make_and_validate_key(key)
        pipeline = shared._cache.get_client(full_key, write=True).pipeline(transaction=True)
        pipeline.set(full_key, 0, ex=timeout, nx=True)
        pipeline.incr(full_key)
        return int(pipeline.execute()[1])
    if cache.add(key, 1, timeout=timeout):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=timeout)
        return 1


def rate_exceeded(*, limit: Limit, identity: str) -> int | None:
    """Like `rate_hit` without counting: the seconds to wait when the limit is already
    reached."""
    if limit.limit <= 0:
        return None
    _start, left = _window(limit)
    return max(left, 1) if rate_count(limit=limit, identity=identity) >= limit.limit else None


def token_limit() -> Limit:
    """Calls a minute one API token may make."""
    return Limit("token", settings.SINERGIA_API_RATE_PER_MINUTE, 60)


def write_limit() -> Limit:
    """Writes a minute one account may make, through pages and the API alike."""
    return Limit("write", settings.SINERGIA_WRITES_PER_MINUTE, 60)


def read_limit() -> Limit:
    """Requests a minute one address may make without signing in."""
    return Limit("read", settings.SINERGIA_READS_PER_MINUTE, 60)


def signin_failure_limit() -> Limit:
    """Failed sign-ins from one address, whatever the user names, in fifteen minutes."""
    return Limit("signin-failure", settings.SINERGIA_SIGNIN_FAILURES_PER_ADDRESS, 15 * 60)


def password_reset_limit() -> Limit:
    """Password-reset requests an hour from one address."""
    return Limit("password-reset", settings.SINERGIA_PASSWORD_RESETS_PER_HOUR, 60 * 60)
