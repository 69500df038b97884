"""A background job's state and progress, for programs that follow one (the address a
report answers with while a worker builds it)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.views.decorators.cache import never_cache
from ninja import Router, Schema
from ninja.decorators import decorate_view

from sinergia.jobs import selectors

router = Router(tags=["jobs"])


class JobOut(Schema):
    kind: str
    state: str
    step: str
    done: int
    total: int
    result: dict[str, Any]
    link: str
    created_at: str
    finished_at: str | None


# A job moves on without the public data changing: never kept by the public page cache, a
# browser or a proxy, or a program following it would see it under way until the next write.
@router.get("/jobs/{token}", response=JobOut, summary="A background job's progress")
@decorate_view(never_cache)
def get_job(request: HttpRequest, token: str) -> dict[str, Any]:
    """`state` is queued, running, done or failed; `done` of `total` steps so far; once done,
    `link` is where its result is (a report to download, say)."""
    job = selectors.job_get(request.user, token)
    view = selectors.job_view(job)
    return {
        "kind": job.kind,
        "state": job.state,
        "step": view.step,
        "done": view.done,
        "total": view.total,
        "result": job.result if job.state == "done" else {},
        "link": view.link,
        "created_at": job.created_at.isoformat(),
        "finished_at": job.finished_at.isoformat() if job.finished_at else None,
    }
