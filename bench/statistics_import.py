"""Statistics import benchmark: the origin–destination matrix and the UNHCR file, imported
end to end (read, check, write to SQLite in one transaction), against the time pandas takes
only to read the same file (the floor). Best of fifteen runs each.

The last line printed is one JSON object. Run: `.venv/bin/python bench/statistics_import.py`;
`BENCH_SMOKE=1` runs each once.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sinergia.settings")
os.environ["SINERGIA_VAR_DIR"] = tempfile.mkdtemp(prefix="sinergia-stats-bench-")
os.environ.pop("DATABASE_URL", None)

import django

django.setup()

import pandas
from django.conf import settings
from django.core.management import call_command

from bench.timing import smoke
from sinergia.statistics.importers import (
    import_undesa_origin,
    import_undesa_stock,
    import_unhcr,
)

DATA = Path(settings.SINERGIA_DATA_DIR) / "statistics"
ORIGIN = DATA / "UN_MigrantStockByOriginAndDestination_2019_clean.csv"
UNHCR = DATA / "unhcr_population_2015_2025.csv"


def best(function, repeat: int = 1 if smoke() else 15) -> float:  # type: ignore[no-untyped-def]
    """Best wall time of `repeat` runs, the garbage collector paused during each (for the
    import and the floor alike: the machine's noise is larger than the differences)."""
    times = []
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
        gc.enable()
    return min(times)


def main() -> None:
    call_command("migrate", verbosity=0)
    import_undesa_stock(DATA / "undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx")
    origin_seconds = best(lambda: import_undesa_origin(ORIGIN))
    origin_floor = best(lambda: pandas.read_csv(ORIGIN))
    unhcr_seconds = best(lambda: import_unhcr(UNHCR))
    unhcr_floor = best(lambda: pandas.read_csv(UNHCR))
    print(
        f"origin–destination: import {origin_seconds:.3f} s, pandas read {origin_floor:.3f} s, ratio {origin_seconds / origin_floor:.2f}"
    )
    print(
        f"UNHCR population:   import {unhcr_seconds:.3f} s, pandas read {unhcr_floor:.3f} s, ratio {unhcr_seconds / unhcr_floor:.2f}"
    )
    print(
        json.dumps(
            {
                "origin_import_seconds": round(origin_seconds, 3),
                "origin_pandas_read_seconds": round(origin_floor, 3),
                "origin_ratio": round(origin_seconds / origin_floor, 2),
                "unhcr_import_seconds": round(unhcr_seconds, 3),
                "unhcr_pandas_read_seconds": round(unhcr_floor, 3),
                "unhcr_ratio": round(unhcr_seconds / unhcr_floor, 2),
            }
        )
    )


if __name__ == "__main__":
    main()
