"""Small helpers shared by the benchmarks: timing, percentiles, and the smoke size."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable


def smoke() -> bool:
    """Whether to run tiny (`BENCH_SMOKE=1`): `make bench-smoke` runs every benchmark so, to
    show that each still runs to its figures, not to measure anything."""
    return os.environ.get("BENCH_SMOKE", "") not in ("", "0")


def measure(function: Callable[[], object], *, repeat: int) -> list[float]:
    """Wall-clock seconds of each of `repeat` calls."""
    seconds = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        seconds.append(time.perf_counter() - start)
    return seconds


def percentile(values: list[float], share: float) -> float:
    """The `share` quantile of `values` (0.95 for p95), interpolated between neighbours."""
    ordered = sorted(values)
    position = share * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summary(seconds: list[float]) -> str:
    return (
        f"median {statistics.median(seconds) * 1000:.1f} ms, "
        f"p95 {percentile(seconds, 0.95) * 1000:.1f} ms (n={len(seconds)})"
    )
