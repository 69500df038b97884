"""Browser journeys: a real Sinergia served by gunicorn on a fresh SQLite database, driven
through Debian's Chromium by Playwright."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without these, Chromium tries to reach Google's services at start and on idle.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _sinergia(*arguments: str, env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "-m", "sinergia.cli", *arguments], env=env, check=True, timeout=300
    )


@contextlib.contextmanager
def served(env: dict[str, str], *, workers: int) -> Iterator[str]:
    """`sinergia serve` on a free port with `env`, until the block ends: its address."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "sinergia.cli", "serve", "--port", str(port), "--workers",
         str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _attempt in range(100):
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=2):  # noqa: S310
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("Sinergia did not start")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="session")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    var_dir: Path = tmp_path_factory.mktemp("var")
    env = {
        **os.environ,
        "SINERGIA_VAR_DIR": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "sinergia.settings",
    }
    env.pop("DATABASE_URL", None)
    _sinergia("init", "--verbosity", "0", env=env)
    _sinergia("demo", env=env)
    with served(env, workers=2) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make browser`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, server_url):  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=server_url)
    page = context.new_page()
    yield page
    context.close()
