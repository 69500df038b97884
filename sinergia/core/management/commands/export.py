"""`sinergia export --all --output FILE`: the whole database and the uploaded files, as one
zip that `sinergia restore FILE` loads into an empty database."""

from __future__ import annotations

import os
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
        # The backup holds password hashes and two-factor secrets: readable by its owner only.
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
        os.chmod(temporary, 0o600)
        temporary.replace(output)
        self.stdout.write(f"{output}: {len(content):,} bytes.")
