"""`sinergia serve [--host H] [--port P] [--workers N] [--threads T]`: serve Sinergia with
gunicorn (sync workers; threaded ones with T above 1). With
`DEBUG=0` the static files must have been collected by `sinergia build` beforehand."""

from __future__ import annotations

import os
import sys
from typing import Any

from django.conf import settings
from django.contrib.staticfiles.finders import get_finders
from django.core.management.base import BaseCommand, CommandError, CommandParser

MANIFEST = "staticfiles.json"


class Command(BaseCommand):
    help = "Serve Sinergia with gunicorn."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("WEB_THREADS", "1")))
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("WEB_CONCURRENCY", str(2 * (os.cpu_count() or 1) + 1))),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            self._check_static_files()
        bind = f"{options['host']}:{options['port']}"
        self.stdout.write(f"Sinergia on http://{bind}/ (Ctrl-C stops)")
        arguments = [
            sys.executable,
            "-m",
            "gunicorn",
            "sinergia.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(options["workers"]),
            # One request at a time per process (gunicorn's sync workers), each taking a
            # connection only when free: under load the oldest waiting request is served
            # next, whichever server process is free, and no request waits for Python's lock
            # behind another's work. Slow clients are the proxy's to buffer (nginx in front,
            # as gunicorn advises). More than one thread chooses threaded workers, for a
            # server that faces clients without such a proxy.
            "--worker-class",
            "gthread" if options["threads"] > 1 else "sync",
            "--threads",
            str(options["threads"]),
            "--access-logfile",
            "-",
            "--timeout",
            "60",
            "--limit-request-line",
            "8190",
        ]
        os.execv(sys.executable, arguments)

    def _check_static_files(self) -> None:
        """Refuse to start without the collected static files (whitenoise serves them hashed
        and compressed, and pages name them through the manifest); warn when the sources
        changed after they were collected."""
        manifest = settings.STATIC_ROOT / MANIFEST
        if not manifest.exists():
            raise CommandError(
                f"The static files were never collected into {settings.STATIC_ROOT}: run "
                "`sinergia build` (with the same environment) before `sinergia serve`."
            )
        collected_at = manifest.stat().st_mtime
        for finder in get_finders():
            for path, storage in finder.list([]):
                if storage.path(path) and os.path.getmtime(storage.path(path)) > collected_at:
                    self.stderr.write(
                        f"Warning: {path} changed after the static files were collected: "
                        "run `sinergia build` again to serve it."
                    )
                    return
