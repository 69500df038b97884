"""Load: a mixed workload against two app servers sharing PostgreSQL and Redis, as production
runs them: two gunicorn processes (`sinergia serve`, `DEBUG=0`) on two ports, on a throwaway
PostgreSQL database this script creates and drops, sharing their cache, page cache and rate
limits through Redis. Targets at 64 clients for 60 s: no errors, p99 under 1 s.

The workload (`bench/load_users.py`): people not signed in reading pages in four languages
and programs reading the API, with natural search queries (`tests/practices/eval/` and
`bench/search_corpus.py`, each client in its own order, never the same twice in a row) and
varied filters; people of every demo role signed in through the form (state and mechanism
focal points, reviewer, secretariat) reading their own pages; and one write a second (a
practice created, edited, submitted and published, through the forms and through API
tokens), each audited; each publication moves the practices' data version, which the page
cache and the practice search follow (a draft's life is private). Every client sends its own
address in `X-Forwarded-For`, as the TLS proxy in front would, so the per-address limits
apply per client; the read limit is raised to 6,000 a minute because each load client, with
no pause between requests, stands for many people. Any status other than the expected one
(429 and 5xx included) is an error; after the run every practice the writer published must
be readable by the public.

Load generator: Locust, as a library (pinned in the dev dependencies): the users' classes,
weights and per-request events come with it, and its gevent client costs little CPU (about
1 ms a request, reported) on a machine whose two cores the servers need. Latencies are taken
from the request until the whole body is read; every request started in the window counts,
however late it ends. The writer is an open loop (a write starts every second whatever the
answers' times); readers are a closed loop, with no pause by default (`--pause S`: S seconds
on average between a reader's requests). The CPU time the app servers' workers, the
PostgreSQL backends and the generator used in the window is reported per request, with the
machine's load average: on a shared machine the latencies depend on what else runs.

`.venv/bin/python bench/load.py [--clients 64] [--seconds 60] [--warmup 10] [--pause 0]
[--writes 1] [--workers 3] [--threads 1] [--database postgres://postgres@127.0.0.1:5432/test]
[--redis redis://127.0.0.1:6379/5]`: the throwaway database is `<name>_load_<pid>` on the
named one's server; the Redis database is emptied before and after. The window opens after
`--warmup` seconds (each worker process imports and fills its caches on its first requests)
and once everyone has signed in. Prints the mix, the figures per kind and the slowest
requests; the last line is one JSON object. `BENCH_SMOKE=1`: 8 clients for 5 seconds, with
`DEBUG=1` so that no `sinergia build` collects and compresses the static files (a minute of
work that only production needs).
"""

from __future__ import annotations

# Locust runs its users on gevent, which patches the standard library as it is imported:
# before anything else opens a socket.
from locust import events
from locust.env import Environment

# isort: split
import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import gevent
import psycopg
import redis
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import load_users
from bench.search_corpus import queries as corpus_queries
from bench.timing import percentile, smoke

HOST = "sinergia.example.org"
Sample = tuple[str, str, float, bool]  # kind, name, milliseconds, as expected
STOP_SECONDS = 60
# The database as a maintained production one has it: migrated, the bundled data, the demo
# accounts and practices, an API token for two of them, and the planner's statistics.
SETUP = """
import json, os
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from sinergia.accounts.tokens import token_create
quiet = open(os.devnull, "w")
call_command("init", verbosity=0, stdout=quiet)
call_command("demo", force=True, stdout=quiet)
User = get_user_model()
secrets = {}
for username, scope in [("punto-focal-col", {"country": "COL"}), ("secretaria", {})]:
    _token, secrets[username] = token_create(actor=User.objects.get(username=username), name="load", **scope)
with connection.cursor() as cursor:
    cursor.execute("ANALYZE")
print(json.dumps(secrets))
"""


def _server(base: str) -> str:
    """The server's maintenance database, to create and drop others from."""
    return urlunsplit(urlsplit(base)._replace(path="/postgres"))


def database_create(base: str) -> tuple[str, str]:
    """A new, empty PostgreSQL database named after the one `base` names (which need not
    exist) on the same server; (its URL, its name)."""
    parts = urlsplit(base)
    name = f"{parts.path.lstrip('/') or 'sinergia'}_load_{os.getpid()}"
    with psycopg.connect(_server(base), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}")), name


def database_drop(base: str, name: str) -> None:
    with psycopg.connect(_server(base), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(server: str, path: str) -> tuple[int, Any]:
    """GET through the proxy's headers, untimed; (status, JSON body or None)."""
    request = urllib.request.Request(  # noqa: S310 - always http:// to the servers started here
        server + path, headers={"Host": HOST, "X-Forwarded-Proto": "https"}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            body = response.read()
            kind = response.headers.get("Content-Type", "")
            return response.status, json.loads(body) if "json" in kind else None
    except urllib.error.HTTPError as error:
        return error.code, None


def wait_until_up(server: str, process: subprocess.Popen[bytes], log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"A server stopped before answering:\n{log.read_text()[-3000:]}")
        try:
            if fetch(server, "/healthz")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    sys.exit(f"A server did not answer /healthz within {seconds:.0f} s.")


def cpu_seconds(pids: list[int]) -> dict[int, float]:
    """The CPU time (user and system) each process has used so far."""
    found = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
        except OSError:
            continue
        found[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return found


def children(parents: list[int]) -> list[int]:
    """The processes whose parent is one of `parents` (the gunicorn workers of each master)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rpartition(")")[2].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if ppid in parents:
            found.append(int(stat.parent.name))
    return found


class CpuMeter:
    """CPU time used during the measured window by the app servers' workers, by the
    PostgreSQL backends serving the throwaway database, and by this load generator."""

    def __init__(self, masters: list[int], base_url: str, database: str):
        self.masters, self.base_url, self.database = masters, base_url, database
        self.before: dict[int, float] = {}
        self.generator_before = 0.0

    def _backends(self) -> list[int]:
        with psycopg.connect(_server(self.base_url), autocommit=True) as connection:
            rows = connection.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s", [self.database]
            ).fetchall()
        return [pid for (pid,) in rows]

    def _all(self) -> tuple[list[int], list[int]]:
        return children(self.masters), self._backends()

    def start(self) -> None:
        workers, backends = self._all()
        self.before = cpu_seconds(workers + backends)
        self.generator_before = time.process_time()

    def stop(self) -> dict[str, float]:
        """Seconds of CPU: {"app": ..., "database": ..., "generator": ...}."""
        generator = time.process_time() - self.generator_before
        workers, backends = self._all()
        after = cpu_seconds(workers + backends)
        used = {pid: seconds - self.before.get(pid, 0.0) for pid, seconds in after.items()}
        return {
            "app": sum(used.get(pid, 0.0) for pid in workers),
            "database": sum(used.get(pid, 0.0) for pid in backends),
            "generator": generator,
        }


def discover(server: str) -> None:
    """What the users will ask for: read once through the API before the run, untimed."""
    plan = load_users.PLAN
    _status, mechanisms = fetch(server, "/api/v1/mechanisms")
    plan.mechanisms = [m["acronym"] for m in mechanisms]
    _status, countries = fetch(server, "/api/v1/countries")
    members = [c for c in countries if c["oas_member"]]
    plan.countries = [c["iso3"] for c in members]
    _status, themes = fetch(server, "/api/v1/themes")
    plan.themes = [t["key"] for t in themes]
    plan.mechanism_filters = [
        {},
        *({"kind": kind} for kind in sorted({m["kind"] for m in mechanisms})),
        *({"scope": scope} for scope in sorted({m["scope"] for m in mechanisms})),
        *({"subregion": key} for key in sorted({c["subregion"] for c in members})),
    ]
    page: int | None = 1
    while page:
        _status, found = fetch(server, f"/api/v1/practices?sort=date&page={page}")
        plan.practices += [hit["id"] for hit in found["results"]]
        page = page + 1 if found["next"] else None
    _status, sessions = fetch(server, "/api/v1/sessions")
    plan.sessions = [s["id"] for s in sessions]
    for session in plan.sessions:
        _status, contributions = fetch(server, f"/api/v1/sessions/{session}/contributions")
        plan.contributions += [c["id"] for c in contributions or []]
    areas = ["019", "021", "419", "029", "013", "005"]
    big = ["USA", "CAN", "MEX", "COL", "BRA", "ARG", "CHL", "PER", "ECU", "GTM", "CRI", "PAN"]
    candidates = [
        *(f"/statistics/migrant-stock?area={a}&year={y}" for a in areas for y in (2010, 2020)),
        *(f"/statistics/migrant-stock?area={c}&year=2020" for c in big),
        *(f"/statistics/origins?destination={c}&year=2019" for c in big),
        *(f"/statistics/refugees?country={c}&year=2023" for c in big),
    ]
    plan.statistics = [path for path in candidates if fetch(server, "/api/v1" + path)[0] == 200]
    queries = yaml.safe_load((ROOT / "tests/practices/eval/search_queries.yaml").read_text())
    plan.queries = sorted({(q["language"], q["query"]) for q in queries} | set(corpus_queries()))


def user_counts(clients: int) -> dict[type, int]:
    """One writer, a quarter of the clients signed in (the four roles alike), the rest
    reading without signing in, half pages and half API."""
    roles = load_users.ROLES
    per_role = max(1, clients // 4 // len(roles))
    anonymous = max(2, clients - 1 - per_role * len(roles))
    counts: dict[type, int] = {load_users.Writer: 1}
    counts.update(dict.fromkeys(roles, per_role))
    counts[load_users.PageReader] = anonymous - anonymous // 2
    counts[load_users.ApiReader] = anonymous // 2
    return counts


def run(
    clients: int, seconds: float, warmup: float, meter: CpuMeter, times: ServerTimes
) -> tuple[list[Sample], list[str], float, dict[type, int], dict[str, float]]:
    """Start every user, let them warm the servers up for `warmup` seconds (every worker
    process imports and fills its caches on its first requests) and until every person has
    signed in, then measure `seconds`:
    every request started in that window counts, however long after it ends it finishes
    (the slowest would otherwise be left out)."""
    counts = user_counts(clients)
    for user_class, count in counts.items():
        user_class.fixed_count = count
    samples: list[Sample] = []
    failures: list[str] = []
    measured_from, measured_until = float("inf"), float("inf")

    def on_request(
        name: str, response_time: float, exception: Any, start_time: float, **_: Any
    ) -> None:
        if not measured_from <= start_time < measured_until:
            return
        samples.append((name.split(" ", 1)[0], name, response_time, exception is None))
        if exception is not None:
            failures.append(f"{name}: {exception}")

    # Stopping, each user ends the task under way (STOP_SECONDS at most) instead of being cut
    # off in the middle of a request.
    environment = Environment(user_classes=list(counts), events=events, stop_timeout=STOP_SECONDS)
    environment.events.request.add_listener(on_request)
    runner = environment.create_local_runner()
    runner.start(sum(counts.values()), spawn_rate=max(clients, 1))
    gevent.sleep(warmup)
    signing_in = sum(
        n for c, n in counts.items() if c not in (load_users.PageReader, load_users.ApiReader)
    )
    deadline = time.monotonic() + 300
    while load_users.PLAN.signed_in < signing_in and time.monotonic() < deadline:
        gevent.sleep(0.2)  # the window opens once every person is signed in
    meter.start()
    times.start()
    measured_from = time.time()
    gevent.sleep(seconds)
    measured_until = time.time()
    cpu = meter.stop()
    times.stop()
    runner.quit()
    elapsed = measured_until - measured_from
    for error in runner.exceptions.values():
        failures.append(f"{error['msg']} ({error['count']}x)")
    return samples, failures, elapsed, counts, cpu


def figures_of(samples: list[Sample]) -> dict[str, Any]:
    times = [ms for _kind, _name, ms, _ok in samples]
    return {
        "requests": len(samples),
        "errors": sum(1 for *_rest, ok in samples if not ok),
        "p50_ms": round(percentile(times, 0.50), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "p99_ms": round(percentile(times, 0.99), 1),
    }


# gunicorn's access log, as each server writes it: the time it took each request from its
# first byte read to its last written (queueing for a worker thread excluded).
ACCESS_LOG_FORMAT = "served %(m)s %(U)s %(s)s %(D)s"
_SERVED = re.compile(r"^served (\S+) (\S+) (\d+) (\d+)$")
_RECORD = re.compile(  # /practices/12/ as /practices/[x]/, but not /practices/new/
    r"/(mechanisms|countries|themes|practices|dialogue|contributions|sessions|areas)/"
    r"(?!new/|mine/|review/|export)[^/]+"
)


class ServerTimes:
    """The time each server spent on each request of the window, read from its access log."""

    def __init__(self, logs: list[Path]):
        self.logs = logs
        self.offsets: list[int] = []
        self.ends: list[int] = []

    def start(self) -> None:
        self.offsets = [log.stat().st_size for log in self.logs]

    def stop(self) -> None:
        self.ends = [log.stat().st_size for log in self.logs]

    def by_path(self) -> dict[str, list[float]]:
        """{method and path, records collapsed to [x]: [milliseconds, ...]}."""
        found: dict[str, list[float]] = {}
        for log, start, end in zip(self.logs, self.offsets, self.ends, strict=True):
            with log.open("rb") as file:
                file.seek(start)
                text = file.read(end - start).decode(errors="replace")
            for line in text.splitlines():
                if served := _SERVED.match(line.strip()):
                    method, path, _status, microseconds = served.groups()
                    name = f"{method} {_RECORD.sub(lambda m: f'/{m.group(1)}/[x]', path)}"
                    found.setdefault(name, []).append(int(microseconds) / 1000)
        return found


def served_figures(by_path: dict[str, list[float]]) -> dict[str, Any]:
    """The servers' own time: percentiles over every request, and the addresses that took
    most of it (their share of the total, mean and p95), printed and returned."""
    every = [ms for times in by_path.values() for ms in times]
    if not every:
        return {}
    total = sum(every)
    heaviest = sorted(by_path.items(), key=lambda item: -sum(item[1]))[:10]
    figures = {
        "served_p50_ms": round(percentile(every, 0.50), 1),
        "served_p95_ms": round(percentile(every, 0.95), 1),
        "served_p99_ms": round(percentile(every, 0.99), 1),
        "served_by_path": {
            name: {
                "requests": len(times),
                "share_percent": round(100 * sum(times) / total, 1),
                "mean_ms": round(sum(times) / len(times), 1),
                "p95_ms": round(percentile(times, 0.95), 1),
            }
            for name, times in heaviest
        },
    }
    print(f"time in the servers (from the first byte read to the last written): p50 "
          f"{figures['served_p50_ms']} ms, p95 {figures['served_p95_ms']} ms, p99 "
          f"{figures['served_p99_ms']} ms; the addresses that took most of it:")  # fmt: skip
    for name, found in figures["served_by_path"].items():
        print(f"  {found['share_percent']:5.1f}%  {name} ({found['requests']} requests, mean "
              f"{found['mean_ms']} ms, p95 {found['p95_ms']} ms)")  # fmt: skip
    return figures


def server_problems(logs: list[Path]) -> list[str]:
    """The servers' errors: each traceback by its last frame and its exception, and every
    line logged as an error, the most frequent first."""
    found: dict[str, int] = {}
    for log in logs:
        text = log.read_text(errors="replace") if log.exists() else ""
        lines = text.splitlines()
        for number, line in enumerate(lines):
            if line.startswith("Traceback"):
                end = number + 1
                while end < len(lines) and lines[end].startswith(" "):
                    end += 1
                frame = lines[end - 2].strip() if end - 2 > number else ""
                exception = lines[end] if end < len(lines) else ""
                key = f"{exception} (at {frame})"
            elif "ERROR" in line:
                key = line
            else:
                continue
            found[key] = found.get(key, 0) + 1
    ranked = sorted(found.items(), key=lambda item: -item[1])
    return [f"{count} x {problem}" for problem, count in ranked[:20]]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=8 if smoke() else 64)
    parser.add_argument("--seconds", type=float, default=5 if smoke() else 60)
    parser.add_argument("--warmup", type=float, default=3 if smoke() else 10)
    parser.add_argument("--pause", type=float, default=0.0,
                        help="a reader's mean pause between two requests, in seconds")  # fmt: skip
    parser.add_argument("--writes", type=float, default=1.0, help="writes a second")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers per server")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker")
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432/test")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/5")
    options = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="sinergia-load-"))
    database_url, database_name = database_create(options.database)
    shared = redis.Redis.from_url(options.redis)
    shared.flushdb()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "sinergia.settings",
        "SINERGIA_VAR_DIR": str(var_dir),
        "DATABASE_URL": database_url,
        "REDIS_URL": options.redis,
        "DEBUG": "1" if smoke() else "0",
        "SECRET_KEY": "load-bench-" + "x" * 40,
        "ALLOWED_HOSTS": HOST,
        "SITE_URL": f"https://{HOST}",
        "BEHIND_PROXY": "1",
        "SINERGIA_PUBLIC_CACHE_SECONDS": "600",
        "SINERGIA_READS_PER_MINUTE": "6000",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "GUNICORN_CMD_ARGS": f"--access-logformat '{ACCESS_LOG_FORMAT}'",
    }
    processes: list[subprocess.Popen[bytes]] = []
    logs: list[Path] = []
    started = time.monotonic()
    try:
        secrets = var_dir / "secrets.json"
        setup = subprocess.Popen(
            [sys.executable, "-m", "sinergia.cli", "shell", "--no-imports", "-c", SETUP],
            env=env, cwd=ROOT, stdout=secrets.open("w"),
        )  # fmt: skip
        processes.append(setup)
        if not smoke():  # the deploy step: the static files collected once, for both servers
            subprocess.run([sys.executable, "-m", "sinergia.cli", "build"], env=env, cwd=ROOT,
                           check=True, stdout=subprocess.DEVNULL, timeout=900)  # fmt: skip
        for number in range(2):
            port = free_port()
            server = f"http://127.0.0.1:{port}"
            log = var_dir / f"server-{number}.log"
            command = [sys.executable, "-m", "sinergia.cli", "serve", "--port", str(port),
                       "--workers", str(options.workers), "--threads", str(options.threads)]  # fmt: skip
            process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log.open("w"),
                                       stderr=subprocess.STDOUT)  # fmt: skip
            processes.append(process)
            logs.append(log)
            load_users.PLAN.servers.append(server)
        for server, process, log in zip(load_users.PLAN.servers, processes[1:], logs, strict=True):
            wait_until_up(server, process, log, seconds=300)
        if setup.wait(timeout=900):
            sys.exit(f"The database setup failed (exit status {setup.returncode}).")
        load_users.PLAN.tokens = json.loads(secrets.read_text().splitlines()[-1])
        load_users.PLAN.host = HOST
        load_users.PLAN.pause_seconds = options.pause
        load_users.PLAN.writes_per_second = options.writes
        print(f"database {database_name} with the demo data and two servers answering, "
              f"in {time.monotonic() - started:.0f} s")  # fmt: skip
        discover(load_users.PLAN.servers[0])
        meter = CpuMeter([p.pid for p in processes[1:]], options.database, database_name)
        times = ServerTimes(logs)
        load_before = os.getloadavg()[0]
        samples, failures, elapsed, counts, cpu = run(
            options.clients, options.seconds, options.warmup, meter, times
        )
        load_after = os.getloadavg()[0]
        # Each publication must be public at once, on either server.
        for number, practice in enumerate(load_users.PLAN.published):
            server = load_users.PLAN.servers[number % 2]
            if fetch(server, f"/api/v1/practices/{practice}")[0] != 200:
                failures.append(f"practice {practice} published but not public")
        problems = server_problems(logs)
        served = times.by_path()
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        database_drop(options.database, database_name)
        shared.flushdb()
        shutil.rmtree(var_dir, ignore_errors=True)
    figures = report(options, samples, failures, elapsed, counts, problems)
    figures["cpu_ms_per_request"] = {
        name: round(1000 * seconds / max(figures["requests"], 1), 1)
        for name, seconds in cpu.items()
    }
    figures["load_average"] = [round(load_before, 1), round(load_after, 1)]
    figures.update(served_figures(served))
    per_request = figures["cpu_ms_per_request"]
    print(f"CPU per request: app servers {per_request['app']} ms, PostgreSQL "
          f"{per_request['database']} ms, load generator {per_request['generator']} ms; "
          f"machine load average {load_before:.1f} before, {load_after:.1f} after "
          f"({os.cpu_count()} cores)")  # fmt: skip
    print(f"targets: no errors {'met' if not figures['errors'] else 'MISSED'}, p99 under 1 s "
          f"{'met' if figures['p99_ms'] < 1000 else 'MISSED'}")  # fmt: skip
    print(json.dumps(figures))


def report(
    options: argparse.Namespace,
    samples: list[Sample],
    failures: list[str],
    elapsed: float,
    counts: dict[type, int],
    problems: list[str],
) -> dict[str, Any]:
    """Print the figures, by kind and by request; return them."""
    if not samples:
        sys.exit(f"No request was made: {failures[:5]}")
    total = figures_of(samples)
    unverified = sum(1 for failure in failures if "not public" in failure)
    failed_users = sum(1 for failure in failures if failure.endswith("x)"))
    kinds = {
        kind: figures_of([s for s in samples if s[0] == kind])
        for kind in sorted({s[0] for s in samples})
    }
    names = {
        name: figures_of([s for s in samples if s[1] == name]) for name in {s[1] for s in samples}
    }
    slowest = sorted(names.items(), key=lambda item: -item[1]["p99_ms"])[:8]
    writes = [s for s in samples if s[0] == "write"]
    figures = {
        "clients": options.clients,
        "seconds": round(elapsed, 1),
        "servers": 2,
        "workers_per_server": options.workers,
        "threads_per_worker": options.threads,
        "database": "postgresql",
        "requests": total["requests"],
        "requests_per_second": round(total["requests"] / elapsed, 1),
        "errors": total["errors"] + unverified + failed_users,
        "p50_ms": total["p50_ms"],
        "p95_ms": total["p95_ms"],
        "p99_ms": total["p99_ms"],
        "max_ms": round(max(ms for _k, _n, ms, _ok in samples), 1),
        "writes": sum(1 for *_rest, ok in writes if ok),
        "writes_per_second": round(len(writes) / elapsed, 2),
        "users": {user_class.__name__: count for user_class, count in counts.items()},
        "mix": {kind: figures["requests"] for kind, figures in kinds.items()},
        "kinds": kinds,
        "slowest": {name: figures["p99_ms"] for name, figures in slowest},
    }
    print("users: " + ", ".join(f"{name} {n}" for name, n in figures["users"].items()))
    print(f"{figures['requests']:,} requests in {figures['seconds']} s from {options.clients} "
          f"clients on 2 servers ({options.workers} workers x {options.threads} threads each): "
          f"{figures['requests_per_second']} requests/s, {figures['writes']} writes")  # fmt: skip
    for kind, found in kinds.items():
        print(f"  {kind:10} {found['requests']:7,} requests, p50 {found['p50_ms']:7.1f} ms, "
              f"p95 {found['p95_ms']:7.1f} ms, p99 {found['p99_ms']:7.1f} ms, "
              f"errors {found['errors']}")  # fmt: skip
    print(
        "slowest (p99): " + "; ".join(f"{name} {ms} ms" for name, ms in figures["slowest"].items())
    )
    print(f"latency p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, p99 "
          f"{figures['p99_ms']} ms; errors {figures['errors']}")  # fmt: skip
    for failure in sorted(set(failures))[:10]:
        print(f"  error: {failure}")
    for line in problems:
        print(f"  server: {line}")
    return figures


if __name__ == "__main__":
    main()
