"""Jobs as with a worker: `queued` holds what is sent to the queue instead of running it, and
`deliver` hands a job to the task as a worker would."""

from __future__ import annotations

import pytest

from sinergia.jobs import services
from sinergia.jobs.models import Job, JobKind
from sinergia.jobs.tasks import TASKS


class Queue(list[Job]):
    def deliver(self, job: Job) -> Job:
        TASKS[JobKind(job.kind)].apply(args=[job.pk])
        job.refresh_from_db()
        return job

    def deliver_all(self) -> None:
        while self:
            self.deliver(self.pop(0))


@pytest.fixture
def queued(settings, monkeypatch) -> Queue:
    settings.CELERY_TASK_ALWAYS_EAGER = False
    queue = Queue()
    monkeypatch.setattr(services, "_send", queue.append)
    return queue
