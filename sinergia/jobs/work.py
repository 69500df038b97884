"""What each kind of job does, reporting its progress; each returns the job's result, a
small JSON object the job's page shows."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from django.conf import settings

from sinergia.accounts.services import SystemActor
from sinergia.dialogue.models import Session
from sinergia.dialogue.report import FORMATS, report_store
from sinergia.dialogue.report.build import REPORT_LANGUAGES
from sinergia.jobs.models import Job
from sinergia.jobs.services import JobRefused, Progress
from sinergia.opendata.package import datapackage_file
from sinergia.practices.importing import ImportProblem, read_rows
from sinergia.practices.importing import practices_import as rows_import
from sinergia.practices.search import rebuild_index
from sinergia.registry.selectors import today
from sinergia.synergy.selectors import registry_analysis

UPLOADS = "jobs/imports"


def report(job: Job, progress: Progress) -> dict[str, Any]:
    """One report of a session, in one language and format, stored for the current data."""
    session = Session.objects.get(pk=job.params["session"])
    progress(step="report", done=0, total=1)
    stored = report_store(
        session=session, language=job.params["language"], fmt=job.params["format"]
    )
    stored.file.close()
    return {"size_bytes": stored.size_bytes}


def reports(job: Job, progress: Progress) -> dict[str, Any]:
    """Every report of a session, each language and format, stored for the current data;
    those already stored are not built again."""
    session = Session.objects.get(pk=job.params["session"])
    combinations = list(itertools.product(REPORT_LANGUAGES, FORMATS))
    for done, (language, fmt) in enumerate(combinations):
        progress(step="reports", done=done, total=len(combinations))
        report_store(session=session, language=language, fmt=fmt).file.close()
    progress(step="reports", done=len(combinations), total=len(combinations))
    return {"count": len(combinations)}


def practices_import(job: Job, progress: Progress) -> dict[str, Any]:
    """A file of practices, all or nothing (run in one transaction with the job's end)."""
    path = Path(settings.MEDIA_ROOT) / job.params["file"]
    actor = job.requested_by or SystemActor("sinergia import")
    progress(step="check")
    try:
        rows = read_rows(path)
        imported = rows_import(
            actor=actor,
            rows=rows,
            publish=job.params.get("publish", False),
            progress=lambda done, total: progress(step="import", done=done, total=total),
        )
    except ImportProblem as problem:
        raise JobRefused(
            [line.replace(str(path), job.params["name"]) for line in problem.problems]
        ) from None
    return {
        "created": imported.created,
        "updated": imported.updated,
        "published": imported.published,
    }


def reindex(job: Job, progress: Progress) -> dict[str, Any]:
    """The search index rebuilt (in one transaction: until it commits, searches use the old)."""
    progress(step="index")
    return {"count": rebuild_index()}


def package(job: Job, progress: Progress) -> dict[str, Any]:
    """The open-data package for the current data."""
    progress(step="package")
    path = datapackage_file()
    return {"size_bytes": path.stat().st_size}


def analysis(job: Job, progress: Progress) -> dict[str, Any]:
    """The synergy analysis of today's registry, computed into the shared cache."""
    steps = ["memberships", "coverage", "texts", "near-duplicates", "opportunities"]

    def step(name: str) -> None:
        if name in steps:
            progress(step="analysis", done=steps.index(name), total=len(steps))

    result = registry_analysis(today(), progress=step)
    return {"opportunities": len(result.opportunities)}


def leftovers_remove(job: Job) -> None:
    """The files a finished job kept: its upload and its lock."""
    if job.params.get("file"):
        (Path(settings.MEDIA_ROOT) / job.params["file"]).unlink(missing_ok=True)
    (Path(settings.MEDIA_ROOT) / "jobs" / "locks" / f"job-{job.pk}.lock").unlink(missing_ok=True)
