"""The synergy analysis is computed once per version of the data, however many requests ask
for it at the same moment: after a write, every page that shows it would otherwise compute it
again in every thread of every process (a few hundred milliseconds of CPU each)."""

from __future__ import annotations

import datetime
import threading
import time

import pytest
from django.core.cache import cache

from sinergia.data_version import Version
from sinergia.synergy import selectors
from sinergia.synergy.analysis import analyze
from tests.synergy.cases import small_registry

DAY = datetime.date(2024, 1, 1)
KEY = f"synergy:analysis:{DAY.isoformat()}:1"


@pytest.fixture(autouse=True)
def one_version(monkeypatch):
    cache.clear()
    monkeypatch.setattr(
        selectors, "data_version", lambda *domains: Version(token=1, changed_at=None)
    )
    monkeypatch.setattr(selectors, "registry_snapshot", lambda day: small_registry())
    yield
    cache.clear()


@pytest.fixture
def computations(monkeypatch):
    """Count the computations; each takes a moment, as on the real registry."""
    done: list[int] = []

    def slow_analyze(snapshot, progress=None):
        done.append(1)
        time.sleep(0.3)
        return analyze(snapshot)

    monkeypatch.setattr(selectors, "analyze", slow_analyze)
    return done


def test_requests_arriving_together_share_one_computation(computations):
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(selectors.registry_analysis(DAY)))
        for _ in range(6)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(computations) == 1
    assert len(results) == 6
    assert {len(result.opportunities) for result in results} == {len(results[0].opportunities)}


def test_a_request_waits_for_the_analysis_another_process_is_computing(computations):
    cache.add(f"{KEY}:computing", "another process", 60)
    finished = analyze(small_registry())
    threading.Timer(0.2, lambda: cache.set(KEY, finished, 3600)).start()
    result = selectors.registry_analysis(DAY)
    assert computations == []
    assert len(result.opportunities) == len(finished.opportunities)


def test_a_computation_abandoned_by_another_process_is_taken_over(computations, monkeypatch):
    monkeypatch.setattr(selectors, "ANALYSIS_WAIT_SECONDS", 0.2)
    cache.add(f"{KEY}:computing", "a process that died", 60)
    result = selectors.registry_analysis(DAY)
    assert computations == [1]
    assert cache.get(KEY) is not None
    assert len(result.opportunities) == len(analyze(small_registry()).opportunities)
