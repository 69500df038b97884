"""`sinergia jobs queue reports|reindex|package|analysis|import ...`, `sinergia jobs list`:
ask for background jobs and see how they are doing."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sinergia.dialogue.models import Session
from sinergia.jobs import requests
from sinergia.jobs.models import Job, JobState
from sinergia.jobs.selectors import job_view


class Command(BaseCommand):
    help = "Queue background jobs and list them."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True)
        queue = commands.add_parser("queue", help="Queue a job (run at once without a worker).")
        kinds = queue.add_subparsers(dest="kind", required=True)
        reports = kinds.add_parser("reports", help="Every report of a session.")
        reports.add_argument("session", help="The session's number or key.")
        kinds.add_parser("reindex", help="The search index.")
        kinds.add_parser("package", help="The open-data package.")
        kinds.add_parser("analysis", help="Today's synergy analysis.")
        importing = kinds.add_parser("import", help="A JSON or CSV file of practices.")
        importing.add_argument("file", type=Path)
        importing.add_argument("--publish", action="store_true")
        queue.add_argument("--wait", action="store_true", help="Follow the job until it ends.")
        listing = commands.add_parser("list", help="The latest jobs.")
        listing.add_argument("--limit", type=int, default=20)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "list":
            for job in Job.objects.all()[: options["limit"]]:
                self.stdout.write(
                    f"{job.created_at:%Y-%m-%d %H:%M} {job.state:8} {job.kind:9} "
                    f"{job.done}/{job.total} {job.key}"
                )
            return
        job = self._queue(options)
        self.stdout.write(f"{job.kind} {job.token}: {job.state}")
        while options["wait"] and not job.finished:
            time.sleep(1)
            job.refresh_from_db()
            view = job_view(job)
            self.stdout.write(f"  {job.state} {view.step} {view.done}/{view.total}")
        if job.state == JobState.FAILED:
            raise CommandError(job.error)

    def _queue(self, options: dict[str, Any]) -> Job:
        kind = options["kind"]
        if kind == "reports":
            reference = options["session"]
            session = Session.objects.filter(
                **({"pk": int(reference)} if reference.isdigit() else {"key": reference})
            ).first()
            if session is None:
                raise CommandError(f"No session {reference}.")
            return requests.reports_request(session=session)
        if kind == "import":
            path: Path = options["file"]
            try:
                upload = SimpleUploadedFile(path.name, path.read_bytes())
            except OSError as error:
                raise CommandError(f"{path}: cannot read: {error.strerror}") from None
            return requests.import_request(upload=upload, publish=options["publish"], by=None)
        return {
            "reindex": requests.reindex_request,
            "package": requests.package_request,
            "analysis": requests.analysis_request,
        }[kind]()
