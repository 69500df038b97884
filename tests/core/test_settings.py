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


def test_every_setting_read_from_the_environment_is_documented_in_the_readme():
    """The README's configuration table names every variable settings.py reads."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    settings_text = (root / "sinergia" / "settings.py").read_text()
    readme = (root / "README.md").read_text()
    names = set(
        re.findall(r'(?:os\.environ\.get|_env_bool|_env_list)\(\s*"([A-Z0-9_]+)"', settings_text)
    )
    assert names, "no variables found: the pattern is out of date"
    assert {name for name in names if f"`{name}`" not in readme} == set()
