"""`sinergia export --all` and `sinergia restore`: a restore into an empty database gives an
identical second export, and the restored Sinergia works (search included)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from sinergia.core.backup import RestoreError, export_all, restore_all
from tests.practices.helpers import draft, state_focal_point

pytestmark = pytest.mark.django_db(transaction=False)


def _sinergia(*arguments, var_dir):
    env = {
        **os.environ,
        "SINERGIA_VAR_DIR": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "sinergia.settings",
    }
    env.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "sinergia.cli", *arguments],
        env=env, capture_output=True, text=True, timeout=600, check=True,
    )  # fmt: skip


def test_restore_into_an_empty_database_gives_an_identical_export(tmp_path):
    draft(state_focal_point("COL"), title="Práctica en borrador para la copia")
    first = tmp_path / "first.zip"
    first.write_bytes(export_all())
    target = tmp_path / "restored"
    restored = _sinergia("restore", str(first), var_dir=target)
    assert "Restored" in restored.stdout
    second = tmp_path / "second.zip"
    _sinergia("export", "--all", "--output", str(second), var_dir=target)
    assert second.read_bytes() == first.read_bytes()
    found = _sinergia("practices", "search", "regularización", "--json", var_dir=target)
    assert '"count"' in found.stdout and '"count": 0' not in found.stdout


def test_a_restore_refuses_a_database_that_is_not_empty_or_a_file_that_is_not_a_backup():
    with pytest.raises(RestoreError, match="not empty"):
        restore_all(export_all())
    with pytest.raises(RestoreError, match="not a Sinergia backup"):
        restore_all(b"PK\x03\x04 not really a zip")
