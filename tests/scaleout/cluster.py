"""Sinergia scaled out on one host, as production runs it: two app servers (`sinergia serve`
on two ports) and one `sinergia worker`, sharing a throwaway PostgreSQL database, a Redis
database (cache, rate limits, locks, task queue) and one folder of uploads and stored reports.

The database is made with `sinergia init` and `sinergia demo`, while `sinergia build`
collects the static files once for both servers. `Cluster.stop()` stops every process it
started and drops the database.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
import redis

from tests.security.live import ROOT, Client, free_port

REDIS_DB = 9
REDIS_URL = f"redis://127.0.0.1:6379/{REDIS_DB}"
HOST = "sinergia.example.org"  # the name the proxy in front of both servers is reached at
DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
START_SECONDS = 180
# A token's calls and an account's writes a minute: the token's limit is the lower, so that
# it binds before the account's does, and two tokens of one account reach the account's.
API_RATE_PER_MINUTE = 8
WRITES_PER_MINUTE = 12
REDELIVERY_SECONDS = 5
TOKENS = """
import json, os
from django.contrib.auth import get_user_model
from sinergia.accounts.tokens import token_create
User = get_user_model()
def secret(username, name, **scope):
    return token_create(actor=User.objects.get(username=username), name=name, **scope)[1]
json.dump({
    "secretariat": secret("secretaria", "scale-out"),
    "reader": secret("punto-focal-crm", "reader", mechanism="CRM"),
    "writer-a": secret("punto-focal-col", "writer on A", country="COL"),
    "writer-b": secret("punto-focal-col", "writer on B", country="COL"),
}, open(os.environ["SECRETS_FILE"], "w"))
"""


def wait_for(condition: Callable[[], Any], seconds: float, what: str, poll: float = 0.2) -> Any:
    """The first true value of `condition()`, asked every `poll` seconds for `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        found = condition()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {seconds:.0f} s")
        time.sleep(poll)


def _server_url() -> str:
    """The PostgreSQL server of `DATABASE_URL` (when it names one), its `postgres` database."""
    given = os.environ.get("DATABASE_URL", "")
    if not given.startswith(("postgres://", "postgresql://")):
        return DEFAULT_SERVER
    return urllib.parse.urlsplit(given)._replace(path="/postgres").geturl()


# What configures Sinergia: none of it reaches the processes from the caller's environment.
CONFIGURATION_PREFIXES = ("SINERGIA_", "CELERY_", "EMAIL_", "AXES_", "DATABASE_", "SECURE_", "WEB_")
CONFIGURATION = {
    "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "BEHIND_PROXY", "SITE_URL",
    "REDIS_URL", "STATIC_ROOT", "MEDIA_ROOT", "HOST", "PORT", "LOG_LEVEL", "DEFAULT_FROM_EMAIL",
    "DJANGO_SETTINGS_MODULE", "PYTHONPATH",
}  # fmt: skip


def _configures(name: str) -> bool:
    return name in CONFIGURATION or name.startswith(CONFIGURATION_PREFIXES)


class Process:
    """A command of the `sinergia` CLI run in the background in a session of its own, its
    output in `log`."""

    def __init__(self, name: str, arguments: list[str], env: dict[str, str], log: Path):
        self.name = name
        self.arguments = arguments
        self.env = env
        self.log = log
        self.popen: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.log.open("ab") as output:
            self.popen = subprocess.Popen(
                [sys.executable, "-m", "sinergia.cli", *self.arguments],
                env=self.env, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip

    @property
    def running(self) -> bool:
        return self.popen is not None and self.popen.poll() is None

    def kill(self) -> None:
        """SIGKILL to the process and all its children at once, as a crash would."""
        assert self.popen is not None
        os.killpg(self.popen.pid, signal.SIGKILL)
        self.popen.wait(timeout=30)

    def terminate(self) -> None:
        """SIGTERM to the process and its children: they finish what they are doing."""
        if self.popen is not None and self.popen.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.popen.pid, signal.SIGTERM)

    def stop(self) -> None:
        """SIGTERM, then SIGKILL to whatever is left of its session after 30 seconds."""
        if self.popen is None:
            return
        self.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.popen.wait(timeout=30)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.popen.pid, signal.SIGKILL)
        self.popen.wait(timeout=30)

    def tail(self, characters: int = 6000) -> str:
        try:
            text = self.log.read_text(errors="replace")
        except FileNotFoundError:
            return "(no output)"
        return text[-characters:]


class Server(Process):
    def __init__(self, name: str, env: dict[str, str], directory: Path):
        self.port = free_port()
        super().__init__(
            name, ["serve", "--port", str(self.port)], env, directory / f"server-{name}.log"
        )

    def client(self, address: str = "198.51.100.1") -> Client:
        return Client(self.port, address=address, host=HOST)

    def healthy(self) -> bool:
        if not self.running:
            raise AssertionError(f"server {self.name} stopped:\n{self.tail()}")
        try:
            return self.client().get("/healthz").status == 200
        except OSError:
            return False


class Worker(Process):
    def __init__(self, env: dict[str, str], directory: Path):
        super().__init__("worker", ["worker", "--concurrency", "1"], env, directory / "worker.log")
        self._ready_count = 0

    def start(self) -> None:
        self._ready_count = self.tail(10**9).count(" ready.")
        super().start()

    def ready(self) -> bool:
        if not self.running:
            raise AssertionError(f"the worker stopped:\n{self.tail()}")
        return self.tail(10**9).count(" ready.") > self._ready_count


class Cluster:
    def __init__(self, directory: Path):
        self.directory = directory
        self.var_dir = directory / "var"
        self.media = self.var_dir / "media"
        self.database = f"test_scaleout_{os.getpid()}_{secrets.token_hex(3)}"
        server = _server_url()
        self.admin_url = server
        self.database_url = (
            urllib.parse.urlsplit(server)._replace(path=f"/{self.database}").geturl()
        )
        self.redis = redis.Redis.from_url(REDIS_URL)
        base = {key: value for key, value in os.environ.items() if not _configures(key)}
        base.update(
            {
                "PYTHONPATH": str(ROOT),
                "DJANGO_SETTINGS_MODULE": "sinergia.settings",
                "SINERGIA_VAR_DIR": str(self.var_dir),
                "DATABASE_URL": self.database_url,
                "LOG_LEVEL": "INFO",
            }
        )
        self.env = {
            **base,
            "DEBUG": "0",
            "SECRET_KEY": "scale-out-test-" + "s" * 50,
            "ALLOWED_HOSTS": f"{HOST},127.0.0.1",
            "SITE_URL": f"https://{HOST}",
            "BEHIND_PROXY": "1",
            "SECURE_SSL_REDIRECT": "0",
            "REDIS_URL": REDIS_URL,
            "SINERGIA_PUBLIC_CACHE_SECONDS": "600",
            "SINERGIA_READS_PER_MINUTE": "5000",
            "SINERGIA_WRITES_PER_MINUTE": str(WRITES_PER_MINUTE),
            "SINERGIA_API_RATE_PER_MINUTE": str(API_RATE_PER_MINUTE),
            "SINERGIA_JOB_REDELIVERY_SECONDS": str(REDELIVERY_SECONDS),
            "WEB_CONCURRENCY": "2",
        }
        self.development = {**base, "DEBUG": "1"}
        self.a = Server("A", self.env, directory)
        self.b = Server("B", self.env, directory)
        self.worker = Worker(self.env, directory)
        self.secrets: dict[str, str] = {}

    # Starting and stopping

    def start(self) -> None:
        self.redis.flushdb()
        self._admin(f'CREATE DATABASE "{self.database}"')
        self.var_dir.mkdir(parents=True, exist_ok=True)
        build = Process("build", ["build"], self.env, self.directory / "build.log")
        build.start()  # the deploy step, beside the database's setup
        try:
            for command in (["init", "--verbosity", "0"], ["demo", "--verbosity", "0"]):
                self._run(command, self.development)
            secrets_file = self.directory / "secrets.json"
            self._run(
                ["shell", "--no-imports", "-c", TOKENS],
                {**self.development, "SECRETS_FILE": str(secrets_file)},
            )
            self.secrets = json.loads(secrets_file.read_text())
            self.worker.start()  # it needs no static files
            assert build.popen is not None
            if build.popen.wait(timeout=600) != 0:
                raise AssertionError(f"sinergia build failed:\n{build.tail()}")
        finally:
            build.stop()
        for process in (self.a, self.b):
            process.start()
        wait_for(lambda: self.a.healthy() and self.b.healthy(), START_SECONDS, "both servers")
        wait_for(self.worker.ready, START_SECONDS, "the worker")

    def _run(self, arguments: list[str], env: dict[str, str]) -> None:
        done = subprocess.run(
            [sys.executable, "-m", "sinergia.cli", *arguments],
            env=env, cwd=ROOT, capture_output=True, text=True, timeout=900, check=False,
        )  # fmt: skip
        if done.returncode:
            raise AssertionError(f"sinergia {arguments[0]} failed:\n{done.stdout}\n{done.stderr}")

    def stop(self) -> None:
        processes = (self.worker, self.a, self.b)
        for process in processes:
            process.terminate()  # all at once: each takes a few seconds to finish
        try:
            for process in processes:
                process.stop()
        finally:
            self._admin(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
            self.redis.flushdb()

    def logs(self) -> str:
        return "\n".join(
            f"----- {process.name} ({process.log.name}) -----\n{process.tail()}"
            for process in (self.a, self.b, self.worker)
        )

    def server_errors(self) -> list[str]:
        """Lines of the logs that tell of a server error: a traceback, or an answer 5xx other
        than 503 (a report not built yet)."""
        found = []
        for process in (self.a, self.b, self.worker):
            for line in process.tail(10**9).splitlines():
                status = re.search(r'" (5\d\d) ', line)
                if "Traceback" in line or (status and status.group(1) != "503"):
                    found.append(f"{process.name}: {line}")
        return found

    # What the servers share, read directly

    def _admin(self, sql: str) -> None:
        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(sql)

    def query(self, sql: str, *params: object) -> list[tuple[Any, ...]]:
        with psycopg.connect(self.database_url, autocommit=True) as connection:
            return connection.execute(sql, params).fetchall()

    def one(self, sql: str, *params: object) -> Any:
        [row] = self.query(sql, *params)
        return row[0] if len(row) == 1 else row

    def page_cache_keys(self) -> set[bytes]:
        return set(self.redis.scan_iter(match="sinergia-pages:*", count=1000))

    def reports(self, session_id: int) -> dict[str, Path]:
        """The stored reports of a session by name, and any file a build left unfinished."""
        folder = self.media / "reports" / f"session-{session_id}"
        if not folder.exists():
            return {}
        return {path.name: path for path in folder.iterdir() if not path.name.endswith(".lock")}


REPORT_NAME = re.compile(r"report\.(?P<language>[a-z]{2})\.(?P<version>\d+)\.(?P<format>\w+)")
