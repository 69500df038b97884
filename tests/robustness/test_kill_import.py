"""An import killed mid-way with SIGKILL leaves the database as it was, and the same import
run again completes. A real `sinergia` process on its own SQLite database."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.robustness

ROWS = 1500


def _env(var_dir: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "SINERGIA_VAR_DIR": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "sinergia.settings",
    }
    env.pop("DATABASE_URL", None)
    return env


def _practices(database: Path) -> int:
    with sqlite3.connect(database) as connection:
        return connection.execute("SELECT COUNT(*) FROM practices_practice").fetchone()[0]


def test_a_killed_import_leaves_nothing_and_a_rerun_completes(tmp_path):
    var_dir = tmp_path / "var"
    subprocess.run([sys.executable, "-m", "sinergia.cli", "init", "--verbosity", "0"],
                   env=_env(var_dir), check=True, timeout=600)  # fmt: skip
    demo = json.loads(
        (Path(settings.SINERGIA_DATA_DIR) / "practices" / "demo_practices.json").read_text()
    )
    rows = [
        {
            **demo[n % len(demo)],
            "external_id": f"bulk-{n}",
            "title": f"{demo[n % len(demo)]['title']} ({n})",
        }
        for n in range(ROWS)
    ]
    source = tmp_path / "bulk.json"
    source.write_text(json.dumps(rows, ensure_ascii=False))
    database = var_dir / "sinergia.sqlite3"
    before = _practices(database)

    command = [sys.executable, "-m", "sinergia.cli", "practices", "import", str(source)]
    process = subprocess.Popen(
        command, env=_env(var_dir), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    time.sleep(4)  # well into the writes: the import of 1,500 rows takes longer than this
    assert process.poll() is None, "the import finished before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL

    assert _practices(database) == before  # nothing half-written
    rerun = subprocess.run(command, env=_env(var_dir), capture_output=True, text=True, timeout=900)
    assert rerun.returncode == 0, rerun.stderr
    assert _practices(database) == before + ROWS
