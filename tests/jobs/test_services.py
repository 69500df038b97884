"""A job runs once however often it is asked for or delivered, retries what passes (the
database or Redis restarting), leaves nothing half-written when it fails, and runs again."""

from __future__ import annotations

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError

from sinergia.accounts.models import AuditEntry
from sinergia.dialogue.report.locks import lock_try
from sinergia.jobs import services, work
from sinergia.jobs.models import Job, JobKind, JobState
from sinergia.jobs.requests import analysis_request, import_request, reindex_request
from sinergia.jobs.services import _lock_path
from sinergia.jobs.tasks import nightly_refresh
from sinergia.practices.models import Practice
from tests.factories import secretariat_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def reindexes(monkeypatch) -> list[int]:
    """Every run of the reindex job's work, by job id."""
    runs: list[int] = []
    real = work.reindex

    def counted(job, progress):
        runs.append(job.pk)
        return real(job, progress)

    monkeypatch.setattr(work, "reindex", counted)
    return runs


def rows(count: int, prefix: str = "bulk") -> list[dict[str, object]]:
    return [
        {
            "external_id": f"{prefix}-{number}",
            "title": f"Ventanilla única de regularización migratoria {number}",
            "summary": "Atención integral a personas migrantes en un solo lugar.",
            "language": "es",
            "countries": ["COL"],
            "themes": ["regularization"],
        }
        for number in range(count)
    ]


def upload(content: list[dict[str, object]], name: str = "practices.json") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, json.dumps(content).encode())


def test_without_a_broker_a_job_runs_at_once_and_records_its_result(reindexes):
    job = reindex_request()
    assert job.state == JobState.DONE and job.attempts == 1
    assert job.result["count"] == Practice.objects.filter(status="published").count()
    assert job.finished_at is not None and reindexes == [job.pk]


def test_the_same_job_asked_for_twice_runs_once(reindexes):
    first, second = reindex_request(), reindex_request()
    assert first.pk == second.pk and reindexes == [first.pk]
    assert Job.objects.filter(kind=JobKind.REINDEX).count() == 1


def test_a_job_delivered_twice_runs_once(queued, reindexes):
    job = reindex_request()
    assert job.state == JobState.QUEUED and queued == [job]
    queued.deliver(job)
    queued.deliver(job)  # the broker gave it out again
    assert job.state == JobState.DONE and reindexes == [job.pk]


def test_a_job_under_way_in_another_worker_is_left_to_it(queued, reindexes, monkeypatch):
    monkeypatch.setattr(services, "LOCK_WAIT_SECONDS", 0.1)
    job = reindex_request()
    held = lock_try(_lock_path(job.pk), key=f"jobs/{job.pk}")
    assert held is not None
    try:
        assert queued.deliver(job).state == JobState.QUEUED
        assert reindexes == []
    finally:
        held.release()
    assert queued.deliver(job).state == JobState.DONE and reindexes == [job.pk]


def test_a_transient_database_error_is_retried_and_the_job_completes(monkeypatch):
    calls: list[int] = []
    real = work.analysis

    def flaky(job, progress):
        calls.append(job.pk)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real(job, progress)

    monkeypatch.setattr(work, "analysis", flaky)
    job = analysis_request()
    assert job.state == JobState.DONE and job.attempts == 2
    assert len(calls) == 2 and job.result["opportunities"] > 0


def test_a_job_that_keeps_failing_transiently_ends_failed(monkeypatch):
    def down(job, progress):
        raise OperationalError("the database is restarting")

    monkeypatch.setattr(work, "analysis", down)
    job = analysis_request()
    assert job.state == JobState.FAILED and "restarting" in job.error
    assert job.attempts == 7  # the first try and six retries


def test_an_import_killed_mid_way_leaves_nothing_and_runs_again(monkeypatch, queued):
    secretariat = secretariat_user()
    before = Practice.objects.count(), AuditEntry.objects.count()

    class Killed(BaseException):
        """As a worker's death: nothing in the job catches it."""

    real = work.rows_import

    def dies_at_row_20(**arguments):
        progress = arguments["progress"]

        def watched(done, total):
            if done == 20:
                raise Killed
            progress(done, total)

        return real(**{**arguments, "progress": watched})

    monkeypatch.setattr(work, "rows_import", dies_at_row_20)
    job = import_request(upload=upload(rows(40)), publish=True, by=secretariat)
    with pytest.raises(Killed):
        queued.deliver(job)
    job.refresh_from_db()
    assert job.state == JobState.RUNNING  # as a killed worker leaves it
    assert (Practice.objects.count(), AuditEntry.objects.count()) == before
    monkeypatch.setattr(work, "rows_import", real)
    queued.deliver(job)  # delivered again
    assert job.state == JobState.DONE and job.attempts == 2
    assert job.result == {"created": 40, "updated": 0, "published": 40}
    assert Practice.objects.count() == before[0] + 40
    assert Practice.objects.filter(external_id__startswith="bulk-").count() == 40
    queued.deliver(job)  # and once more: nothing happens twice
    assert Practice.objects.count() == before[0] + 40


def test_the_same_file_imported_twice_is_imported_once():
    secretariat = secretariat_user()
    first = import_request(upload=upload(rows(3)), publish=False, by=secretariat)
    second = import_request(upload=upload(rows(3)), publish=False, by=secretariat)
    assert first.pk == second.pk and first.result["created"] == 3
    assert Practice.objects.filter(external_id__startswith="bulk-").count() == 3


def test_a_refused_file_fails_with_its_problems_and_writes_nothing():
    bad = rows(2)
    bad[1]["countries"] = ["XXX"]
    before = Practice.objects.count()
    job = import_request(upload=upload(bad, "mine.json"), publish=False, by=secretariat_user())
    assert job.state == JobState.FAILED
    assert job.result["problems"] == ["row 2 (bulk-1): countries: unknown XXX"]
    assert Practice.objects.count() == before


def test_a_failed_job_asked_for_again_runs_again(monkeypatch, reindexes):
    def broken(job, progress):
        raise RuntimeError("the index is locked")

    monkeypatch.setattr(work, "reindex", broken)
    job = reindex_request()
    assert job.state == JobState.FAILED and "locked" in job.error
    monkeypatch.undo()
    again = reindex_request()
    assert again.pk == job.pk and again.state == JobState.DONE and again.attempts == 2


def test_the_nightly_refresh_queues_the_analysis_and_package_and_forgets_old_jobs(queued):
    old = Job.objects.create(
        kind=JobKind.REINDEX,
        key="reindex:old",
        state=JobState.DONE,
        finished_at=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC),
    )
    nightly_refresh.apply()
    assert sorted(job.kind for job in queued) == ["analysis", "package"]
    assert not Job.objects.filter(pk=old.pk).exists()
    queued.deliver_all()
    package = Job.objects.get(kind=JobKind.PACKAGE)
    assert package.state == JobState.DONE and package.result["size_bytes"] > 10_000
    nightly_refresh.apply()  # twice in a night, nothing new to do
    assert queued == []
