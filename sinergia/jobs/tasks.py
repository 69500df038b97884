"""The task queue's tasks: one per kind of job, each running its work through `job_run`
(`sinergia.jobs.services`), and the nightly refresh that `sinergia worker --beat` starts."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import redis.exceptions
from celery import Task, shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from sinergia.jobs import work
from sinergia.jobs.models import Job, JobKind, JobState
from sinergia.jobs.services import JobUnderWay, job_give_up, job_run

# Errors that pass: the database or Redis restarting, a connection dropped, another worker
# running the same job. The job waits and is tried again, a little later each time; it is
# marked failed when the retries are spent.
TRANSIENT_ERRORS = (
    JobUnderWay,
    OperationalError,
    InterfaceError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
)
KEEP_FINISHED_DAYS = 30


class JobTask(Task):
    autoretry_for = TRANSIENT_ERRORS
    max_retries = 6
    retry_backoff = 2
    retry_backoff_max = 300
    retry_jitter = True
    acks_late = True
    reject_on_worker_lost = True

    def on_failure(
        self, exc: BaseException, task_id: str, args: Any, kwargs: Any, einfo: Any
    ) -> None:
        job_give_up(args[0], exc)


@shared_task(base=JobTask, name="sinergia.jobs.report")
def report_task(job_id: int) -> None:
    job_run(job_id, work.report, atomic=False)


@shared_task(base=JobTask, name="sinergia.jobs.reports")
def reports_task(job_id: int) -> None:
    job_run(job_id, work.reports, atomic=False)


@shared_task(base=JobTask, name="sinergia.jobs.import")
def import_task(job_id: int) -> None:
    job_run(job_id, work.practices_import, atomic=True)


@shared_task(base=JobTask, name="sinergia.jobs.reindex")
def reindex_task(job_id: int) -> None:
    job_run(job_id, work.reindex, atomic=True)


@shared_task(base=JobTask, name="sinergia.jobs.package")
def package_task(job_id: int) -> None:
    job_run(job_id, work.package, atomic=False)


@shared_task(base=JobTask, name="sinergia.jobs.analysis")
def analysis_task(job_id: int) -> None:
    job_run(job_id, work.analysis, atomic=False)


TASKS: dict[JobKind, Task] = {
    JobKind.REPORT: report_task,
    JobKind.REPORTS: reports_task,
    JobKind.IMPORT: import_task,
    JobKind.REINDEX: reindex_task,
    JobKind.PACKAGE: package_task,
    JobKind.ANALYSIS: analysis_task,
}


@shared_task(
    name="sinergia.jobs.nightly_refresh",
    autoretry_for=TRANSIENT_ERRORS,
    max_retries=6,
    retry_backoff=2,
    acks_late=True,
    reject_on_worker_lost=True,
)
def nightly_refresh() -> None:
    """Queue the synergy analysis and the open-data package for today's data (each once per
    version of the data), and forget finished jobs older than `KEEP_FINISHED_DAYS`."""
    from sinergia.jobs.requests import analysis_request, package_request

    analysis_request()
    package_request()
    cutoff = timezone.now() - timedelta(days=KEEP_FINISHED_DAYS)
    old = Job.objects.filter(state__in=[JobState.DONE, JobState.FAILED], finished_at__lt=cutoff)
    for job in old:
        work.leftovers_remove(job)
    old.delete()


@shared_task(
    name="sinergia.jobs.action_reminders",
    autoretry_for=TRANSIENT_ERRORS,
    max_retries=6,
    retry_backoff=2,
    acks_late=True,
    reject_on_worker_lost=True,
)
def action_reminders() -> int:
    """Remind the focal points of follow-up actions due soon or overdue; once a day, so a
    second delivery of this task the same day sends nothing more."""
    from sinergia.dialogue.notices import action_reminders_send

    return action_reminders_send()
