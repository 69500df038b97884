"""The one rule of a clash between two meetings, asked by the meetings calendar, the form that
adds or edits a meeting, and a state's view in the synergy engine.

Two meetings clash when both are dated to the day, neither is cancelled, they are meetings of
different mechanisms, and they are at most `CLASH_WINDOW_DAYS` apart (0 when they overlap).
Who is affected (the member states in common) is the caller's to say through `shared`: the
calendar asks for members in common, a state's view only looks at the state's own bodies."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Hashable, Iterable
from typing import Protocol, TypeVar

CLASH_WINDOW_DAYS = 3


class Dated(Protocol):
    @property
    def date(self) -> datetime.date: ...

    @property
    def date_precision(self) -> str: ...

    @property
    def last_day(self) -> datetime.date: ...


M = TypeVar("M", bound=Dated)


def _cancelled(meeting: object) -> bool:
    return getattr(meeting, "status", "") == "cancelled"


def clash_pairs(
    meetings: Iterable[M],
    *,
    body: Callable[[M], Hashable],
    shared: Callable[[M, M], bool] = lambda first, second: True,
    window_days: int = CLASH_WINDOW_DAYS,
) -> list[tuple[M, M, int]]:
    """(first, second, days apart) for each pair of `meetings` that clash, the earlier first.
    `body` names a meeting's mechanism; `shared` says whether two meetings' bodies have
    anyone in common."""
    dated = sorted(
        (m for m in meetings if m.date_precision == "day" and not _cancelled(m)),
        key=lambda m: (m.date, getattr(m, "pk", 0) or 0),
    )
    found = []
    for index, first in enumerate(dated):
        for second in dated[index + 1 :]:
            gap = (second.date - first.last_day).days
            if gap > window_days:
                break  # sorted by start: every later meeting starts later still
            if body(second) == body(first):
                continue
            if shared(first, second):
                found.append((first, second, max(gap, 0)))
    return found
