"""`sinergia worker [--beat] [--concurrency N]`: run background jobs from the task queue."""

from __future__ import annotations

import os
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Run the background jobs of the task queue (a Celery worker)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--beat",
            action="store_true",
            help="Also start the scheduled jobs (the nightly refresh): on one worker only.",
        )
        parser.add_argument(
            "--concurrency", type=int, help="Jobs at once (default: one per processor)."
        )
        parser.add_argument("--loglevel", default=os.environ.get("LOG_LEVEL", "INFO"))

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.CELERY_BROKER_URL:
            raise CommandError(
                "No task queue: set REDIS_URL (or CELERY_BROKER_URL). Without one, every job "
                "runs in the process that asks for it and no worker is needed."
            )
        arguments = [
            sys.executable,
            "-m",
            "celery",
            "--app",
            "sinergia.celery",
            "worker",
            "--queues",
            settings.CELERY_TASK_DEFAULT_QUEUE,
            "--loglevel",
            options["loglevel"],
        ]
        if options["concurrency"]:
            arguments += ["--concurrency", str(options["concurrency"])]
        if options["beat"]:
            arguments += ["--beat", "--schedule", settings.CELERY_BEAT_SCHEDULE_FILENAME]
        sys.stdout.flush()
        os.execv(sys.executable, arguments)
