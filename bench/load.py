"""Load: 64 concurrent clients for 60 seconds over the home page, practice search, mechanism
pages and the API, on the demo data, served by gunicorn on loopback on this machine. Prints
requests per second, p50, p95, p99 and errors. Targets: no errors, p99 under 1 s.

`.venv/bin/python bench/load.py [--clients 64] [--seconds 60] [--workers N]`. The last line
printed is one JSON object. `BENCH_SMOKE=1`: 4 clients for 3 seconds on 2 workers, with DEBUG
on so that the server starts without collecting and compressing the static files (about a
minute of work that only production needs).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATHS = [
    "/es/",
    "/en/",
    "/es/practices/?q=regularización",
    "/en/practices/?q=trafficking",
    "/fr/practices/?q=migrants&country=COL",
    "/es/mechanisms/",
    "/es/mechanisms/CRM/",
    "/en/mechanisms/CSM/",
    "/pt/mechanisms/MIRPS/",
    "/es/countries/COL/",
    "/api/v1/mechanisms",
    "/api/v1/mechanisms/QUITO",
    "/api/v1/practices?q=trata",
    "/api/v1/synergy/opportunities",
    "/api/v1/statistics/migrant-stock?area=019",
]


def sinergia(*arguments: str, env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-m", "sinergia.cli", *arguments], env=env, check=True,
                   cwd=ROOT, stdout=subprocess.DEVNULL, timeout=900)  # fmt: skip


def client(port: int, stop: float, latencies: list[float], errors: list[str], seed: int) -> None:
    rng = random.Random(seed)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while time.monotonic() < stop:
        path = rng.choice(PATHS)
        started = time.perf_counter()
        try:
            connection.request(
                "GET", urllib.request.quote(path, safe="/?=&"), headers={"Accept-Encoding": "gzip"}
            )
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors.append(f"{response.status} {path}")
        except (OSError, http.client.HTTPException) as error:
            errors.append(f"{type(error).__name__} {path}")
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        latencies.append(time.perf_counter() - started)
    connection.close()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def wait_until_up(port: int, server: subprocess.Popen[bytes], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit(f"The server stopped before answering (exit status {server.returncode}).")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    sys.exit(f"The server did not answer /healthz within {seconds:.0f} s.")


def main() -> None:
    smoke = os.environ.get("BENCH_SMOKE", "") not in ("", "0")
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=4 if smoke else 64)
    parser.add_argument("--seconds", type=float, default=3 if smoke else 60)
    parser.add_argument(
        "--workers", type=int, default=2 if smoke else 2 * (os.cpu_count() or 1) + 1
    )
    options = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="sinergia-load-"))
    env = {**os.environ, "SINERGIA_VAR_DIR": str(var_dir), "DEBUG": "1" if smoke else "0",
           "ALLOWED_HOSTS": "127.0.0.1", "SECRET_KEY": "load-bench-" + "x" * 40,
           "SECURE_SSL_REDIRECT": "0", "DJANGO_SETTINGS_MODULE": "sinergia.settings"}  # fmt: skip
    env.pop("DATABASE_URL", None)
    sinergia("init", "--verbosity", "0", env=env)
    sinergia(
        "practices",
        "import",
        str(ROOT / "sinergia/data/practices/demo_practices.json"),
        "--publish",
        env=env,
    )
    if not smoke:
        sinergia("build", env=env)  # the deploy step: static files collected once
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "sinergia.cli", "serve", "--port", str(port), "--workers", str(options.workers)],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_until_up(port, server, seconds=300)
        latencies: list[float] = []
        errors: list[str] = []
        stop = time.monotonic() + options.seconds
        started = time.monotonic()
        threads = [
            threading.Thread(target=client, args=(port, stop, latencies, errors, n))
            for n in range(options.clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(var_dir, ignore_errors=True)
    if not latencies:
        sys.exit(f"No request succeeded: {sorted(set(errors))[:5]}")
    figures = {
        "clients": options.clients,
        "seconds": round(elapsed, 1),
        "workers": options.workers,
        "requests": len(latencies),
        "requests_per_second": round(len(latencies) / elapsed, 1),
        "p50_ms": round(1000 * percentile(latencies, 0.50), 1),
        "p95_ms": round(1000 * percentile(latencies, 0.95), 1),
        "p99_ms": round(1000 * percentile(latencies, 0.99), 1),
        "errors": len(errors),
    }
    print(f"{figures['requests']:,} requests in {figures['seconds']} s from {options.clients} clients "
          f"({options.workers} gunicorn workers): {figures['requests_per_second']} requests/s")  # fmt: skip
    print(f"latency p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, p99 {figures['p99_ms']} ms; "
          f"errors {figures['errors']} {sorted(set(errors))[:5]}")  # fmt: skip
    print(f"targets: no errors {'met' if not errors else 'MISSED'}, p99 under 1 s "
          f"{'met' if figures['p99_ms'] < 1000 else 'MISSED'}")  # fmt: skip
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
