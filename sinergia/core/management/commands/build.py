"""`sinergia build`: collect and compress the static files once, at install or deploy time,
so that `sinergia serve` starts in seconds. Run it with the environment `serve` will have."""

from __future__ import annotations

import fcntl
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Collect and compress the static files for serving (at install or deploy time)."

    def handle(self, *args: Any, **options: Any) -> None:
        root = settings.STATIC_ROOT
        root.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        # Two builds on one host at once take turns rather than write the same files together.
        with (root.parent / f".{root.name}.build.lock").open("ab") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(
            f"Static files collected in {root} ({time.perf_counter() - started:.1f} s)."
        )
