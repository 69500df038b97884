"""Ask for a job: each function names its work by a key (with the version of the data where
the result depends on it, so that the same data is never worked on twice) and queues it."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from sinergia.dialogue.models import Session
from sinergia.dialogue.report.store import report_version
from sinergia.jobs.models import Job, JobKind
from sinergia.jobs.services import job_enqueue
from sinergia.jobs.work import UPLOADS
from sinergia.registry.selectors import today


def report_request(
    *, session: Session, language: str, fmt: str, by: Any = None, redo: bool = False
) -> Job:
    """The consolidated report of `session` in `language` and `fmt`, for the current data
    (`redo`: again, although done, since the file is no longer there)."""
    return job_enqueue(
        kind=JobKind.REPORT,
        key=f"report:{session.pk}:{language}:{fmt}:{report_version()}",
        params={"session": session.pk, "language": language, "format": fmt},
        public=True,
        by=by,
        redo=redo,
    )


def reports_request(*, session: Session, by: Any = None) -> Job:
    """Every report of `session`, each language and format, for the current data."""
    return job_enqueue(
        kind=JobKind.REPORTS,
        key=f"reports:{session.pk}:{report_version()}",
        params={"session": session.pk},
        by=by,
    )


def import_request(*, upload: UploadedFile, publish: bool, by: Any) -> Job:
    """An import of the practices in `upload` (JSON or CSV), kept until the job has run. The
    same file sent again by the same person (a second click) is imported once: its job is
    the first one."""
    content = b"".join(upload.chunks())
    digest = hashlib.sha256(content).hexdigest()
    suffix = Path(upload.name or "").suffix.lower()
    relative = f"{UPLOADS}/{digest}{suffix}"
    path = Path(settings.MEDIA_ROOT) / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{id(content)}.part")
    temporary.write_bytes(content)
    temporary.replace(path)
    return job_enqueue(
        kind=JobKind.IMPORT,
        key=f"import:{digest}{suffix}:{int(publish)}:{getattr(by, 'pk', '')}",
        params={"file": relative, "name": Path(upload.name or "").name, "publish": publish},
        by=by,
    )


def reindex_request(*, by: Any = None) -> Job:
    """The search index rebuilt from the published practices, once per version of the data."""
    return job_enqueue(kind=JobKind.REINDEX, key=f"reindex:{report_version()}", by=by)


def package_request(*, by: Any = None) -> Job:
    """The open-data package of the current data."""
    return job_enqueue(kind=JobKind.PACKAGE, key=f"package:{report_version()}", public=True, by=by)


def analysis_request(*, by: Any = None) -> Job:
    """Today's synergy analysis of the current data."""
    return job_enqueue(
        kind=JobKind.ANALYSIS,
        key=f"analysis:{today().isoformat()}:{report_version()}",
        public=True,
        by=by,
    )
