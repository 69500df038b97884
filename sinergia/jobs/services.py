"""Queue a job, run it once, report its progress.

A job is a row (`Job`) and a message on the task queue carrying the row's id. Asking for the
same work twice (the same `key`) gives the job already asked for; a worker that receives a
job already done, or under way in another worker, leaves it. A job's writes are atomic: a
job that writes to the database does so in one transaction that also marks it done, and one
that writes files writes each under a temporary name and renames it into place; so a worker
killed mid-job leaves nothing half-written, and the job, delivered again, runs again.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from sinergia.dialogue.report.locks import CACHE_LOCK_SECONDS, POLL_SECONDS, Lock, lock_try
from sinergia.jobs.models import Job, JobKind, JobState

logger = logging.getLogger(__name__)

PROGRESS_SECONDS = 0.5  # the most often progress is written while it only counts up
LOCK_WAIT_SECONDS = CACHE_LOCK_SECONDS * 1.5


class JobUnderWay(Exception):
    """Another worker is running the job (a second delivery of it): the task tries again
    later, and then finds it done, or finds the other worker dead and runs it."""


class JobRefused(Exception):
    """The job cannot do its work (a bad file, say); `problems` say why, for the person who
    asked. Retrying would not help."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def job_enqueue(
    *,
    kind: JobKind,
    key: str,
    params: dict[str, Any] | None = None,
    public: bool = False,
    by: Any = None,
    redo: bool = False,
) -> Job:
    """The job doing the work named `key`: the one already queued, under way or done, or else
    a new one (or the failed one, again; with `redo`, the done one again, whose result was
    lost), sent to the queue. Without a broker the job runs here, before this returns."""
    user = by if isinstance(by, get_user_model()) and by.is_authenticated else None
    defaults = {"kind": kind, "params": params or {}, "public": public, "requested_by": user}
    try:
        with transaction.atomic():
            job, created = Job.objects.select_for_update().get_or_create(key=key, defaults=defaults)
            again = JobState.FAILED, *((JobState.DONE,) if redo else ())
            send = created or job.state in again or _lost(job)
            if send and not created:
                Job.objects.filter(pk=job.pk).update(
                    state=JobState.QUEUED, step="", done=0, total=0, error="", result={}
                )
    except IntegrityError:  # asked for at the same moment elsewhere: that one goes
        return Job.objects.get(key=key)
    if send:
        _send(job)
        job.refresh_from_db()
    return job


def _lost(job: Job) -> bool:
    """Queued or under way, but untouched for longer than the broker takes to deliver a job
    again: its message was lost (a broker emptied), so it is sent again. Twice is harmless."""
    waited = timezone.now() - job.updated_at
    return not job.finished and waited > timedelta(
        seconds=2 * settings.SINERGIA_JOB_REDELIVERY_SECONDS
    )


def _send(job: Job) -> None:
    from sinergia.jobs.tasks import TASKS

    task = TASKS[JobKind(job.kind)]
    if settings.CELERY_TASK_ALWAYS_EAGER:
        task.delay(job.pk)
    else:
        # Once the row is committed, or the worker could look for it before it exists.
        transaction.on_commit(lambda: task.delay(job.pk))


class Progress:
    """How far a job has got: `progress(step=..., done=..., total=...)`. Kept in the shared
    cache (seen at once by every process when the cache is Redis) and, outside a transaction,
    in the job's row too."""

    def __init__(self, job: Job):
        self.job = job
        self._written_at = 0.0
        self._step = ""

    def __call__(self, *, step: str, done: int = 0, total: int = 0) -> None:
        now = time.monotonic()
        if step == self._step and done < total and now - self._written_at < PROGRESS_SECONDS:
            return
        self._step, self._written_at = step, now
        cache.set(progress_key(self.job.pk), (step, done, total), timeout=24 * 3600)
        if not connection.in_atomic_block:
            Job.objects.filter(pk=self.job.pk).update(step=step, done=done, total=total)


def progress_key(job_id: int) -> str:
    return f"jobs:progress:{job_id}"


def job_progress(job: Job) -> tuple[str, int, int]:
    """(step, done, total) of a job as last reported."""
    if not job.finished:
        found = cache.get(progress_key(job.pk))
        if found:
            return found
    return job.step, job.done, job.total


Work = Callable[[Job, Progress], dict[str, Any]]


def job_run(job_id: int, work: Work, *, atomic: bool) -> None:
    """Run a job's `work` unless it is done or under way elsewhere; with `atomic`, in one
    transaction with marking it done. A refused job is marked failed with its problems; any
    other error too, except the transient ones that the task retries (the job waits)."""
    lock = _lock_wait(job_id)
    if lock is None:
        raise JobUnderWay(f"Job {job_id} is under way in another worker")
    try:
        job = Job.objects.filter(pk=job_id).first()
        if job is None or job.state == JobState.DONE:
            return
        Job.objects.filter(pk=job.pk).update(
            state=JobState.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1
        )
        progress = Progress(job)
        try:
            if atomic:
                with transaction.atomic():
                    _done(job, work(job, progress))
            else:
                _done(job, work(job, progress))
        except JobRefused as refused:
            _failed(job, "\n".join(refused.problems), {"problems": refused.problems})
        except Exception as error:
            from sinergia.jobs.tasks import TRANSIENT_ERRORS

            if isinstance(error, TRANSIENT_ERRORS):
                _quietly(lambda: Job.objects.filter(pk=job.pk).update(state=JobState.QUEUED))
                raise
            logger.exception("Job %s (%s) failed", job.pk, job.key)
            _failed(job, f"{type(error).__name__}: {error}", {})
    finally:
        lock.release()
        cache.delete(progress_key(job_id))


def _lock_wait(job_id: int) -> Lock | None:
    """The job's lock, waited for while another worker holds it: long enough for the lock of
    a worker that died to lapse (`CACHE_LOCK_SECONDS`; a file lock goes with its holder)."""
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        lock = lock_try(_lock_path(job_id), key=f"jobs/{job_id}")
        if lock is not None or time.monotonic() >= deadline:
            return lock
        time.sleep(POLL_SECONDS)


def job_give_up(job_id: int, error: BaseException) -> None:
    """A job whose retries are spent: failed (unless another worker has it under way)."""
    if isinstance(error, JobUnderWay):
        return
    job = Job.objects.filter(pk=job_id).first()
    if job is not None and not job.finished:
        _failed(job, f"{type(error).__name__}: {error}", {})


def _done(job: Job, result: dict[str, Any]) -> None:
    step, done, total = job_progress(job)
    Job.objects.filter(pk=job.pk).update(
        state=JobState.DONE,
        result=result,
        step=step,
        done=total or done,
        total=total,
        error="",
        finished_at=timezone.now(),
    )


def _failed(job: Job, error: str, result: dict[str, Any]) -> None:
    Job.objects.filter(pk=job.pk).update(
        state=JobState.FAILED, error=error[:10_000], result=result, finished_at=timezone.now()
    )


def _quietly(action: Callable[[], object]) -> None:
    try:
        action()
    except Exception:
        logger.warning("Could not note a job's retry", exc_info=True)


def _lock_path(job_id: int) -> Path:
    return Path(settings.MEDIA_ROOT) / "jobs" / "locks" / f"job-{job_id}.lock"
