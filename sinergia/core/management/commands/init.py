"""`sinergia init`: migrate the database and load the bundled reference data.

Idempotent: a second run changes nothing. If the data does not validate, nothing is loaded
and the database stays as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sinergia.dialogue.bundled import SessionFileError, bundled_sessions_load
from sinergia.reference.loading import reference_data_load
from sinergia.reference.validation import BundleError, read_bundle
from sinergia.statistics.importers import StatisticsFileError, bundled_statistics_load


class Command(BaseCommand):
    help = "Create or update the database and load the bundled reference data."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--data-dir", type=Path, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        data_dir = options["data_dir"] or settings.SINERGIA_DATA_DIR
        verbosity = options["verbosity"]
        try:
            bundle = read_bundle(data_dir)
        except BundleError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"{len(error.problems)} problem(s) in {data_dir}: nothing was loaded."
            ) from None
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        report = reference_data_load(bundle=bundle)
        self.stdout.write(self.style.SUCCESS(f"Reference data loaded: {report.summary()}."))
        try:
            imported = bundled_statistics_load()
        except StatisticsFileError as error:
            raise CommandError(f"{error} The statistics were not loaded.") from None
        for summary in imported:
            self.stdout.write(
                f"Statistics: {summary.dataset}, {summary.observations:,} observations."
            )
        if not imported:
            self.stdout.write("Statistics: up to date.")
        try:
            sessions = bundled_sessions_load()
        except SessionFileError as error:
            raise CommandError(f"{error} The dialogue sessions were not loaded.") from None
        self.stdout.write(f"Dialogue sessions: {', '.join(sessions) or 'up to date'}.")
