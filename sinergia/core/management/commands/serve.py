"""`sinergia serve [--host H] [--port P] [--workers N]`: serve Sinergia with gunicorn."""

from __future__ import annotations

import os
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve Sinergia with gunicorn."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("WEB_THREADS", "4")))
        parser.add_argument(
            "--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "3"))
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG:
            # Hashed, compressed static files for whitenoise to serve with far-future caching.
            call_command("collectstatic", interactive=False, verbosity=0)
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
            # Threads, so that a request waiting on a report build or a slow client never
            # leaves the health check and the other visitors without a worker.
            "--worker-class",
            "gthread",
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
