"""The cluster of `cluster.py`, started once for the module, with the logs of its servers and
worker printed under any test that fails."""

from __future__ import annotations

import pytest

from tests.scaleout.cluster import Cluster


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    running = Cluster(tmp_path_factory.mktemp("scaleout"))
    try:
        running.start()
    except BaseException:
        print(running.logs())
        running.stop()
        raise
    yield running
    errors = running.server_errors()
    running.stop()
    assert not errors, "\n".join(errors)


@pytest.fixture(autouse=True)
def _logs_on_failure(request):
    yield
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed and "cluster" in request.fixturenames:
        print(request.getfixturevalue("cluster").logs())
