"""Loading the reference data: first load on an empty database, then a no-op reload."""

from __future__ import annotations

import resource
import time

from django.conf import settings
from django.core.management import call_command

from sinergia.reference.loading import reference_data_load
from sinergia.reference.validation import read_bundle


def run() -> dict[str, float]:
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    bundle = read_bundle(settings.SINERGIA_DATA_DIR)
    validate_seconds = time.perf_counter() - start

    start = time.perf_counter()
    first = reference_data_load(bundle=bundle, actor_label="bench")
    first_seconds = time.perf_counter() - start

    start = time.perf_counter()
    second = reference_data_load(bundle=bundle, actor_label="bench")
    second_seconds = time.perf_counter() - start

    print("reference data")
    print(f"  validate all files        {validate_seconds * 1000:8.1f} ms")
    print(f"  first load                {first_seconds * 1000:8.1f} ms  ({first.summary()})")
    peak_kilobytes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"  peak resident memory      {peak_kilobytes / 1024:8.1f} MB (whole process)")
    print(f"  second load (no change)   {second_seconds * 1000:8.1f} ms  ({second.summary()})")
    return {
        "validate_ms": round(validate_seconds * 1000, 1),
        "first_load_ms": round(first_seconds * 1000, 1),
        "second_load_ms": round(second_seconds * 1000, 1),
    }
