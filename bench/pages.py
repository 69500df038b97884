"""Page weights: every page type in Spanish, as transferred (gzip) and uncompressed, without
the charts (their data load only when shown). Target: under 150 KB each.

The last line printed is one JSON object. Run: `.venv/bin/python bench/pages.py`.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sinergia.settings")
os.environ["SINERGIA_VAR_DIR"] = tempfile.mkdtemp(prefix="sinergia-pages-bench-")
os.environ.pop("DATABASE_URL", None)

import django

django.setup()

from django.core.management import call_command
from django.test import Client

PAGES = [
    "/es/", "/es/mechanisms/", "/es/mechanisms/CRM/", "/es/countries/", "/es/countries/COL/",
    "/es/themes/", "/es/practices/", "/es/practices/1/", "/es/statistics/",
    "/es/statistics/areas/COL/", "/es/synergy/", "/es/dialogue/", "/es/dialogue/1/",
    "/es/follow-up/", "/es/meetings/", "/es/api/",
]  # fmt: skip


def main() -> None:
    call_command("init", verbosity=0)
    call_command("demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    client = Client(HTTP_HOST="localhost")
    figures = {}
    for path in PAGES:
        compressed = len(client.get(path, HTTP_ACCEPT_ENCODING="gzip").content)
        raw = len(client.get(path).content)
        figures[path] = {"gzip_kb": round(compressed / 1024, 1), "raw_kb": round(raw / 1024, 1)}
        print(f"{path:32} {compressed / 1024:7.1f} KB gzip {raw / 1024:8.1f} KB raw")
    heaviest = max(figures.items(), key=lambda item: item[1]["gzip_kb"])
    print(f"heaviest: {heaviest[0]} {heaviest[1]['gzip_kb']} KB (target < 150 KB)")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
