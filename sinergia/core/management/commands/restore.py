"""`sinergia restore FILE`: load a backup made by `sinergia export --all` into an empty
database (it migrates first); all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sinergia.core.backup import RestoreError, restore_all


class Command(BaseCommand):
    help = "Load a backup into an empty database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        call_command("migrate", interactive=False, verbosity=0)
        try:
            counts = restore_all(path.read_bytes())
        except RestoreError as error:
            raise CommandError(f"{path}: {error}") from None
        self.stdout.write(f"Restored {sum(counts.values()):,} rows from {path}.")
