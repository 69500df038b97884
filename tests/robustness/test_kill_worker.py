"""A worker killed with SIGKILL in the middle of a job: the job's writes are not there, and
the worker started again finishes it, once, with nothing duplicated. A real `sinergia worker`
with Redis as its broker, on its own SQLite database."""

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

from tests.security.live import redis_answers

pytestmark = [
    pytest.mark.robustness,
    pytest.mark.skipif(not redis_answers(), reason="needs Redis at 127.0.0.1:6379"),
]

ROWS = 1500
REDIS_DB = 3
REDELIVERY_SECONDS = 5


def _env(var_dir: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "SINERGIA_VAR_DIR": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "sinergia.settings",
        "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
        "SINERGIA_JOB_REDELIVERY_SECONDS": str(REDELIVERY_SECONDS),
    }
    env.pop("DATABASE_URL", None)
    env.pop("CELERY_BROKER_URL", None)
    return env


def _flush() -> None:
    import redis

    redis.Redis(db=REDIS_DB).flushdb()


def _query(database: Path, sql: str) -> tuple:
    with sqlite3.connect(database, timeout=30) as connection:
        return connection.execute(sql).fetchone()


def _worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "sinergia.cli", "worker", "--concurrency", "1"],
        env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip


def _wait_for(condition, seconds: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {seconds} s")
        time.sleep(0.2)


def test_a_worker_killed_mid_job_leaves_nothing_and_once_restarted_finishes_it_once(tmp_path):
    _flush()
    var_dir = tmp_path / "var"
    env = _env(var_dir)
    subprocess.run([sys.executable, "-m", "sinergia.cli", "init", "--verbosity", "0"],
                   env=env, check=True, timeout=600, stdout=subprocess.DEVNULL)  # fmt: skip
    demo = json.loads(
        (Path(settings.SINERGIA_DATA_DIR) / "practices" / "demo_practices.json").read_text()
    )
    rows = [
        {**demo[n % len(demo)], "external_id": f"bulk-{n}", "title": f"{demo[n % len(demo)]['title']} ({n})"}
        for n in range(ROWS)
    ]  # fmt: skip
    source = tmp_path / "bulk.json"
    source.write_text(json.dumps(rows, ensure_ascii=False))
    database = var_dir / "sinergia.sqlite3"
    [before] = _query(database, "SELECT COUNT(*) FROM practices_practice")
    audit_creates = (
        "SELECT COUNT(*), COUNT(DISTINCT object_id) FROM accounts_auditentry "
        "WHERE action = 'practice.create'"
    )
    created_before = _query(database, audit_creates)
    log = tmp_path / "worker.log"
    worker = _worker(env, log)
    try:
        queued = subprocess.run(
            [sys.executable, "-m", "sinergia.cli", "jobs", "queue", "import", str(source), "--publish"],
            env=env, check=True, timeout=120, capture_output=True, text=True,
        )  # fmt: skip
        assert "queued" in queued.stdout
        _wait_for(
            lambda: _query(database, "SELECT state FROM jobs_job")[0] == "running",
            120, "the worker never started the job",
        )  # fmt: skip
        time.sleep(4)  # well into the writes: 1,500 practices take longer than this
        assert _query(database, "SELECT state FROM jobs_job")[0] == "running"
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)

        assert _query(database, "SELECT COUNT(*) FROM practices_practice")[0] == before
        assert _query(database, "SELECT state, attempts FROM jobs_job") == ("running", 1)

        worker = _worker(env, log)
        _wait_for(
            lambda: _query(database, "SELECT state FROM jobs_job")[0] in {"done", "failed"},
            600, "the job was never finished",
        )  # fmt: skip
        state, attempts, result = _query(database, "SELECT state, attempts, result FROM jobs_job")
        assert state == "done", log.read_text()[-3000:]
        assert attempts == 2
        assert json.loads(result) == {"created": ROWS, "updated": 0, "published": ROWS}
        assert _query(database, "SELECT COUNT(*) FROM practices_practice")[0] == before + ROWS
        # One audit entry a practice, none twice.
        assert _query(database, audit_creates) == tuple(n + ROWS for n in created_before)
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
            worker.wait(timeout=60)
        _flush()
