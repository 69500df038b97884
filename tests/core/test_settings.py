"""Settings: development needs nothing; production refuses to start insecure."""

from __future__ import annotations

import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

PRODUCTION = {"DEBUG": "0", "ALLOWED_HOSTS": "sinergia.example.org"}


def _manage(*arguments: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        env={**environment, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_without_a_secret_key_refuses_to_start():
    result = _manage("check", **PRODUCTION)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_pass_the_deployment_checks():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(50),
        **PRODUCTION,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_development_needs_no_environment():
    result = _manage("check")
    assert result.returncode == 0, result.stderr


def _production(tmp_path) -> dict[str, str]:
    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "collectstatic-test-" + "x" * 40,
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "SINERGIA_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "sinergia.settings",
    }
    env.pop("DATABASE_URL", None)
    return env


def _serve(env: dict[str, str]) -> tuple[subprocess.Popen[bytes], int]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "sinergia.cli", "serve", "--port", str(port), "--workers", "2"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    return server, port


def _answers(port: int, path: str) -> int:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_production_serves_within_seconds_of_starting_once_built(tmp_path):
    """`sinergia build` collects and compresses the static files once, with their manifest
    (every vendored file and every reference inside it resolves: a missing one would stop the
    build). Then `serve` refuses nothing and answers within seconds; two servers start side
    by side from the same files. Without the build, `serve` refuses clearly."""
    env = _production(tmp_path)
    subprocess.run(
        [sys.executable, "-m", "sinergia.cli", "init", "--verbosity", "0"],
        env=env, check=True, timeout=600, capture_output=True,
    )  # fmt: skip
    refused = subprocess.run(
        [sys.executable, "-m", "sinergia.cli", "serve", "--port", "1"],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert refused.returncode != 0
    assert "run `sinergia build`" in refused.stderr
    built = subprocess.run(
        [sys.executable, "-m", "sinergia.cli", "build"],
        env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr[-2000:]
    assert (tmp_path / "static" / "staticfiles.json").exists()
    collected = sorted(path.name for path in (tmp_path / "static").rglob("*"))
    started = time.monotonic()
    servers = [_serve(env), _serve(env)]
    try:
        for server, port in servers:
            while _up(port) is False:
                assert server.poll() is None, server.stdout.read().decode()[-2000:]  # type: ignore[union-attr]
                assert time.monotonic() - started < STARTUP_SECONDS, "not up in time"
                time.sleep(0.1)
        seconds = time.monotonic() - started
        page = urllib.request.urlopen(f"http://127.0.0.1:{servers[0][1]}/es/", timeout=30).read()
        stylesheet = re.search(rb'href="(/static/sinergia/sinergia\.[0-9a-f]+\.css)"', page)
        assert stylesheet, "the page does not name the hashed stylesheet"
        assert _answers(servers[1][1], stylesheet.group(1).decode()) == 200
    finally:
        for server, _port in servers:
            server.terminate()
            server.wait(timeout=30)
    assert sorted(path.name for path in (tmp_path / "static").rglob("*")) == collected
    print(f"two servers answered {seconds:.1f} s after starting")


# Each gunicorn worker imports Sinergia (about two seconds on an idle machine); collecting the
# static files at start took thirty more, and twice as long with two servers at once.
STARTUP_SECONDS = 30


def _up(port: int) -> bool:
    try:
        return _answers(port, "/healthz") == 200
    except OSError:
        return False


def _environment_reads(root):
    """{variable: [files]} of every environment variable the code reads: the package, the
    benchmarks, the tests and their helpers (os.environ.get, os.getenv, os.environ[...],
    `in os.environ`, settings' _env_* helpers), and the CI scripts' ${NAME:-default}."""
    import ast
    import re

    found = {}
    files = [
        root / "manage.py",
        *(p for d in ("sinergia", "bench", "tests") for p in (root / d).rglob("*.py")),
    ]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            name = None
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
                function = ast.unparse(node.func)
                if function.endswith(
                    ("environ.get", "getenv", "environ.pop", "environ.setdefault")
                ) or function.startswith("_env_"):
                    name = node.args[0].value
            elif isinstance(node, ast.Subscript) and ast.unparse(node.value).endswith("environ"):
                name = node.slice.value if isinstance(node.slice, ast.Constant) else None
            elif (
                isinstance(node, ast.Compare)
                and isinstance(node.left, ast.Constant)
                and any(ast.unparse(c).endswith("environ") for c in node.comparators)
            ):
                name = node.left.value
            if isinstance(name, str):
                found.setdefault(name, []).append(str(path.relative_to(root)))
    for script in (root / ".ci").iterdir():
        for name in re.findall(r"\$\{([A-Z_][A-Z0-9_]*):?-", script.read_text(encoding="utf-8")):
            found.setdefault(name, []).append(str(script.relative_to(root)))
    return found


def test_every_environment_variable_read_anywhere_is_in_the_readme():
    """The README's configuration table names every variable the code, the benchmarks, the
    tests and the CI scripts read."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    readme = (root / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    reads = _environment_reads(root)
    assert {"DATABASE_URL", "SECRET_KEY", "PORT", "BENCH_SMOKE"} <= set(reads), (
        "the scan is out of date"
    )
    missing = {name: files for name, files in reads.items() if f"`{name}`" not in table}
    assert missing == {}
