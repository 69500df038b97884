"""Settings: development needs nothing; production refuses to start insecure."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

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


def test_production_static_files_collect_with_their_manifest(tmp_path):
    """Every vendored file and every reference inside it resolves: production serves them
    hashed, and a missing file (a source map, say) would stop the server from starting."""
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "collectstatic-test-" + "x" * 40,
        "ALLOWED_HOSTS": "localhost",
        "SINERGIA_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "sinergia.settings",
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "sinergia.cli", "collectstatic", "--noinput", "--verbosity", "0"],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]


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
