"""A production Sinergia for attack tests: gunicorn with several workers, `DEBUG=0`, behind a
(simulated) TLS proxy, on a fresh SQLite database with the bundled and demonstration data,
sharing its cache through Redis when one answers at 127.0.0.1:6379.

`ProductionServer.client()` gives a minimal browser: it keeps cookies (secure ones too, since
the proxy is simulated), sends the proxy's headers and the CSRF token like a page would.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETUP = """
import json, os
from django_otp.plugins.otp_totp.models import TOTPDevice
from django.contrib.auth import get_user_model
from sinergia.accounts.tokens import token_create
User = get_user_model()
reviewer = User.objects.get(username="revisora")
TOTPDevice.objects.create(user=reviewer, name="phone", confirmed=True, key="3132333435363738393031323334353637383930")
secrets = {}
for username, scope in [("punto-focal-col", {"country": "COL"}), ("punto-focal-crm", {"mechanism": "CRM"}), ("secretaria", {})]:
    _token, secrets[username] = token_create(actor=User.objects.get(username=username), name="attack", **scope)
json.dump(secrets, open(os.environ["SECRETS_FILE"], "w"))
"""


def free_port() -> int:
    """A TCP port of the loopback interface that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_answers() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def json(self) -> object:
        return json.loads(self.body)


@dataclass
class Client:
    port: int
    address: str = "198.51.100.1"  # the client's address, as the proxy reports it
    host: str = "127.0.0.1"
    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 90,
    ) -> Response:
        sent = {
            "Host": self.host,
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.address,
            "Referer": f"https://{self.host}/",
            **(
                {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
                if self.cookies
                else {}
            ),
            **(headers or {}),
        }
        if "csrftoken" in self.cookies and method not in {"GET", "HEAD"}:
            sent.setdefault("X-CSRFToken", self.cookies["csrftoken"])
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        started = time.perf_counter()
        connection.request(method, path, body=body, headers=sent)
        answer = connection.getresponse()
        content = answer.read()
        seconds = time.perf_counter() - started
        for header, value in answer.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        connection.close()
        return Response(
            answer.status, {k.lower(): v for k, v in answer.getheaders()}, content, seconds
        )

    def get(self, path: str, **headers: str) -> Response:
        return self.request("GET", path, headers=headers)

    def post_form(self, path: str, fields: dict[str, str], **headers: str) -> Response:
        if "csrftoken" in self.cookies:
            fields = {"csrfmiddlewaretoken": self.cookies["csrftoken"], **fields}
        body = urllib.parse.urlencode(fields).encode()
        return self.request(
            "POST", path, body, {"Content-Type": "application/x-www-form-urlencoded", **headers}
        )

    def post_json(self, path: str, payload: object, token: str | None = None) -> Response:
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return self.request("POST", path, json.dumps(payload).encode(), headers)

    def form_page(self, path: str) -> Response:
        """Open a page with a form, as a browser does before posting it (gets the CSRF cookie)."""
        page = self.get(path)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        if match and "csrftoken" not in self.cookies:
            raise AssertionError(f"{path}: a form without its CSRF cookie")
        return page


class ProductionServer:
    def __init__(self, directory: Path):
        self.directory = directory
        self.log = directory / "server.log"
        self.port = free_port()
        base = {
            key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "DEBUG"}
        }
        base.update(
            {
                "SINERGIA_VAR_DIR": str(directory),
                "DJANGO_SETTINGS_MODULE": "sinergia.settings",
                "PYTHONPATH": str(ROOT),
            }
        )
        self.env = {
            **base,
            "DEBUG": "0",
            "SECRET_KEY": "production-attack-test-" + "k" * 40,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SITE_URL": "https://sinergia.example.org",
            "BEHIND_PROXY": "1",
            "SECURE_SSL_REDIRECT": "0",
            "SINERGIA_READS_PER_MINUTE": "5000",
            "SINERGIA_WRITES_PER_MINUTE": "20",
            "SINERGIA_PUBLIC_CACHE_SECONDS": "600",
            "WEB_CONCURRENCY": "5",  # as `sinergia serve` has on two cores
        }
        if redis_answers():
            self.env["REDIS_URL"] = f"redis://127.0.0.1:6379/{7}"
            # No worker beside this server: its jobs (reports) run in the web processes.
            self.env["CELERY_BROKER_URL"] = ""
            subprocess.run(
                [sys.executable, "-c", "import redis; redis.Redis(db=7).flushdb()"],
                check=True,
                timeout=30,
            )
        self.secrets_file = directory / "secrets.json"
        development = {**base, "DEBUG": "1"}
        for command in (["init"], ["demo"]):
            subprocess.run(
                [sys.executable, "-m", "sinergia.cli", *command, "--verbosity", "0"],
                env=development, check=True, timeout=900, cwd=ROOT, stdout=subprocess.DEVNULL,
            )  # fmt: skip
        subprocess.run(
            [sys.executable, "-m", "sinergia.cli", "shell", "--no-imports", "-c", SETUP],
            env={**development, "SECRETS_FILE": str(self.secrets_file)}, check=True, timeout=300,
            cwd=ROOT,
        )  # fmt: skip
        self.secrets: dict[str, str] = json.loads(self.secrets_file.read_text())
        # The deploy step, once: collect and compress the static files `serve` needs.
        subprocess.run(
            [sys.executable, "-m", "sinergia.cli", "build"],
            env=self.env, check=True, timeout=900, cwd=ROOT, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sinergia.cli", "serve", "--port", str(self.port)],
            env=self.env, cwd=ROOT, stdout=self.log.open("w"), stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                if self.client().get("/healthz").status == 200:
                    return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"the server did not start: {self.log.read_text()[-2000:]}")

    def client(self, address: str = "198.51.100.1", host: str = "127.0.0.1") -> Client:
        return Client(self.port, address=address, host=host)

    def worker_memory_bytes(self) -> list[int]:
        """The resident memory of each gunicorn worker."""
        children = subprocess.run(
            ["/usr/bin/pgrep", "-P", str(self.process.pid)],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.split()
        sizes = []
        for pid in children:
            status = Path(f"/proc/{pid}/status")
            if status.exists():
                found = re.search(r"VmRSS:\s+(\d+) kB", status.read_text())
                if found:
                    sizes.append(int(found.group(1)) * 1024)
        return sizes

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
