"""Checks every input passes, whatever door it came in by: forms already refuse the NUL
character; the API, the importers and query strings refuse it here (PostgreSQL cannot store
it, and no real text has one)."""

from __future__ import annotations

from typing import Any


def nul_paths(value: Any, path: str = "") -> list[str]:
    """The places (field.subfield[2]) in a JSON-like value whose text holds a NUL."""
    if isinstance(value, str):
        return [path or "value"] if "\x00" in value else []
    if isinstance(value, dict):
        return [
            found
            for key, item in value.items()
            for found in nul_paths(item, f"{path}.{key}" if path else str(key))
        ] + ([f"{path or 'key'}"] if any("\x00" in str(key) for key in value) else [])
    if isinstance(value, list | tuple):
        return [found for i, item in enumerate(value) for found in nul_paths(item, f"{path}[{i}]")]
    return []
