"""`sinergia export --all --output FILE`: the whole database and the uploaded files, as one
zip that `sinergia restore FILE` loads into an empty database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sinergia.core.backup import export_all


class Command(BaseCommand):
    help = "Write every row and uploaded file to one zip (a backup)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--all", action="store_true", required=True, help="Everything.")
        parser.add_argument("--output", type=Path, required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        output: Path = options["output"]
        if not output.parent.exists():
            raise CommandError(f"{output.parent}: no such folder")
        content = export_all()
        temporary = output.with_name(f".{output.name}.part")
        temporary.write_bytes(content)
        temporary.replace(output)
        self.stdout.write(f"{output}: {len(content):,} bytes.")
