"""Loading the reference data, the tagger, and the server time of the main pages: each
prints its figures, and the last line printed is one JSON object of them all.

A fresh SQLite database in a temporary folder, never the development one.
Run: `.venv/bin/python bench/run.py`; `BENCH_SMOKE=1` runs it tiny.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sinergia.settings")
os.environ["SINERGIA_VAR_DIR"] = tempfile.mkdtemp(prefix="sinergia-bench-")
os.environ.pop("DATABASE_URL", None)


def main() -> None:
    import django

    django.setup()
    from bench import bench_loading, bench_pages, bench_tagger
    from bench.timing import smoke

    print(f"database: {os.environ['SINERGIA_VAR_DIR']}/sinergia.sqlite3")
    figures = {
        "loading": bench_loading.run(),
        "tagger": bench_tagger.run(texts_timed=500 if smoke() else 20_000),
        "pages": bench_pages.run(repeat=2 if smoke() else 30),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
