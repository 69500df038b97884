# The stubs of LocMemCache omit the private methods and attributes this class extends.
# mypy: disable-error-code="attr-defined, misc"
"""An in-process cache bounded in bytes, for the public page cache when no shared cache
(Redis) is configured: Django's LocMemCache counts entries only, and one page may weigh a
hundred times another."""

from __future__ import annotations

from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache

_sizes: dict[str, dict[str, int]] = {}


class ByteBoundedLocMemCache(LocMemCache):
    """LocMemCache that also keeps the pickled size of every entry and, before storing one,
    drops the least recently used until the total fits `OPTIONS["MAX_BYTES"]`. An entry larger
    than a quarter of the bound is not stored."""

    def __init__(self, name: str, params: dict[str, Any]):
        super().__init__(name, params)
        self.max_bytes = int(params.get("OPTIONS", {}).get("MAX_BYTES", 64 * 1024 * 1024))
        self._entry_bytes = _sizes.setdefault(name, {})

    @property
    def total_bytes(self) -> int:
        return sum(self._entry_bytes.values())

    def _set(self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT) -> None:
        size = len(value)
        self._delete(key)
        if size > self.max_bytes // 4:
            return
        total = self.total_bytes
        while self._cache and total + size > self.max_bytes:
            oldest, _value = self._cache.popitem()  # the least recently used is at the end
            self._expire_info.pop(oldest, None)
            total -= self._entry_bytes.pop(oldest, 0)
        super()._set(key, value, timeout)
        self._entry_bytes[key] = size

    def _cull(self) -> None:
        super()._cull()
        for key in [key for key in self._entry_bytes if key not in self._cache]:
            del self._entry_bytes[key]

    def _delete(self, key: str) -> bool:
        self._entry_bytes.pop(key, None)
        return super()._delete(key)

    def clear(self) -> None:
        with self._lock:
            self._cache.clear()
            self._expire_info.clear()
            self._entry_bytes.clear()
