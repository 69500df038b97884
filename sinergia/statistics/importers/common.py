"""What every importer shares: progress, errors, summaries, checksums and numbers."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Progress = Callable[[Iterable[Any], int, str], Iterable[Any]]


def no_progress(items: Iterable[Any], total: int, label: str) -> Iterable[Any]:
    return items


class StatisticsFileError(Exception):
    """The file is not what the importer expects; nothing was written."""


@dataclass
class ImportSummary:
    dataset: str
    observations: int
    areas: int
    skipped: list[str] = field(default_factory=list)


# Part of every stored checksum: raising it makes `sinergia init` import the bundled files
# again after a change in how they are stored.
IMPORTER_VERSION = b"sinergia-statistics-3"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256(IMPORTER_VERSION)
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _number(value: Any, where: str) -> int | None:
    if value is None or value == "" or value == "..":
        return None
    try:
        if isinstance(value, int | float):
            return int(value)
        return int(float(str(value).replace(",", "").replace(" ", "")))
    except (ValueError, OverflowError):  # "abc", NaN, infinity
        raise StatisticsFileError(f"{where}: {value!r} is not a number") from None
