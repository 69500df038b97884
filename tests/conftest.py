"""Shared fixtures. The bundled reference data is loaded once per test session; every test
runs in a transaction that is rolled back, so each sees the same registry."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches

from sinergia.core.demo import demo_practices_load
from sinergia.dialogue.bundled import bundled_sessions_load
from sinergia.reference.loading import reference_data_load
from sinergia.reference.validation import read_bundle
from sinergia.statistics.importers import bundled_statistics_load


@pytest.fixture(scope="session")
def bundle():
    return read_bundle(settings.SINERGIA_DATA_DIR)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, bundle):
    with django_db_blocker.unblock():
        reference_data_load(bundle=bundle, actor_label="test setup")
        bundled_statistics_load()
        demo_practices_load()
        bundled_sessions_load()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled data, for tests that break or edit it."""
    target = tmp_path / "data"
    shutil.copytree(settings.SINERGIA_DATA_DIR, target)
    return target


@pytest.fixture(autouse=True)
def _reports_wait_for_their_build(monkeypatch):
    """A page waits `WAIT_SECONDS` for a report's build before it answers 503; a test machine
    running other suites may take longer than a server to build a PDF. The tests of the 503
    set their own wait."""
    from sinergia.dialogue.report import store

    monkeypatch.setattr(store, "WAIT_SECONDS", 120.0)


@pytest.fixture(autouse=True)
def _no_public_page_cache(settings):
    """Tests write and read within one second; the page cache has its own test. Rate counts
    start from zero in every test."""
    from sinergia.data_version import versioned_forget

    settings.SINERGIA_PUBLIC_CACHE_SECONDS = 0
    for alias in settings.CACHES:
        caches[alias].clear()
    versioned_forget()  # factories write without moving the data version


@pytest.fixture(autouse=True)
def _search_reads_its_corpus(monkeypatch):
    """The average length of a practice, which search keeps for ten minutes while the
    practices change little, is that of each test's own practices."""
    from sinergia.practices.search import ranking

    monkeypatch.setattr(ranking, "_length", None)


@pytest.fixture(autouse=True)
def _media_per_test(settings, tmp_path):
    """Uploads, stored reports and open-data packages of one test never reach another (each
    is stored per version of the data, and factories write without changing that version)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.VAR_DIR = tmp_path / "var"
