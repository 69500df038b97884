"""Sinergia's benchmarks: each prints its figures. Run with `make bench`.

They use a fresh SQLite database in a temporary folder, never the development one.
"""

from __future__ import annotations

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

    print(f"database: {os.environ['SINERGIA_VAR_DIR']}/sinergia.sqlite3")
    bench_loading.run()
    bench_tagger.run()
    bench_pages.run()


if __name__ == "__main__":
    main()
