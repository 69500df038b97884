"""PostgreSQL restarts under a running Sinergia (gunicorn, production settings): while it is
down every request gets a clear 503 (problem details from the API), and once it is back the
same server answers normally, with no restart of its own."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.robustness

DATABASE = "sinergia_fault"
URL = f"postgres://postgres@127.0.0.1:5432/{DATABASE}"


def _cluster() -> list[str]:
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    return ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main"]


def _psql(sql: str) -> None:
    subprocess.run([shutil.which("psql") or "psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-c", sql],
                   check=True, capture_output=True, timeout=60)  # fmt: skip


def _get(url: str) -> tuple[int, str, dict[str, str]]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 - loopback
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def _wait_for(url: str, status: int, seconds: float = 60) -> tuple[int, str, dict[str, str]]:
    deadline = time.monotonic() + seconds
    while True:
        try:
            found = _get(url)
            if found[0] == status or time.monotonic() > deadline:
                return found
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.5)


@pytest.mark.skipif(
    not shutil.which("pg_ctlcluster") or os.geteuid() != 0 or not Path("/etc/postgresql").exists(),
    reason="needs the local PostgreSQL cluster and the right to restart it",
)
def test_the_server_answers_clearly_while_postgresql_restarts_and_recovers(tmp_path):
    _psql(f"DROP DATABASE IF EXISTS {DATABASE}")
    _psql(f"CREATE DATABASE {DATABASE}")
    env = {
        **os.environ,
        "DATABASE_URL": URL,
        "SINERGIA_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "sinergia.settings",
        "DEBUG": "0",
        "SECRET_KEY": "robustness-test-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
    }
    for command in (["init", "--verbosity", "0"], ["build"]):
        subprocess.run([sys.executable, "-m", "sinergia.cli", *command],
                       env=env, check=True, timeout=900, stdout=subprocess.DEVNULL)  # fmt: skip
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "sinergia.cli", "serve", "--port", str(port), "--workers", "2"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        assert _wait_for(f"{base}/healthz", 200)[0] == 200
        assert _get(f"{base}/es/mechanisms/")[0] == 200
        subprocess.run([*_cluster(), "stop", "-m", "fast"], check=True, timeout=120)
        try:
            status, body, headers = _get(f"{base}/es/mechanisms/")
            assert status == 503 and "Sinergia" in body and headers.get("Retry-After") == "30"
            status, body, headers = _get(f"{base}/api/v1/mechanisms")
            assert status == 503 and headers["Content-Type"] == "application/problem+json"
            assert _get(f"{base}/healthz")[0] == 503
        finally:
            subprocess.run([*_cluster(), "start"], check=True, timeout=120)
        assert _wait_for(f"{base}/es/mechanisms/", 200)[0] == 200
        assert _get(f"{base}/api/v1/mechanisms/CRM")[0] == 200
        assert server.poll() is None  # the same server, never restarted
    finally:
        server.terminate()
        server.wait(timeout=30)
        _wait_for_database()
        _psql(f"DROP DATABASE IF EXISTS {DATABASE}")


def _wait_for_database() -> None:
    for _attempt in range(60):
        ready = [shutil.which("pg_isready") or "pg_isready", "-h", "127.0.0.1"]
        if subprocess.run(ready, capture_output=True, check=False).returncode == 0:
            return
        time.sleep(0.5)
