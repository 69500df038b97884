"""`sinergia stats import KIND FILE` and `sinergia stats check TEXT`."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from sinergia.statistics.checking import check_figures
from sinergia.statistics.importers import IMPORTERS, StatisticsFileError


def _bar(items: Iterable[Any], total: int, label: str) -> Iterable[Any]:
    return tqdm(
        items, total=total, desc=label, unit="row", disable=None, file=sys.stderr, leave=False
    )


class Command(BaseCommand):
    help = "Import statistical files; check the figures a text cites."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True)
        importing = commands.add_parser("import", help="Import a file (all or nothing).")
        importing.add_argument("kind", choices=sorted(IMPORTERS))
        importing.add_argument("file", type=Path)
        check = commands.add_parser("check", help="Check the migration figures a text cites.")
        check.add_argument("text")
        check.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["subcommand"] == "import":
            try:
                summary = IMPORTERS[options["kind"]](options["file"], _bar)
            except StatisticsFileError as error:
                raise CommandError(f"{error} Nothing was imported.") from None
            self.stdout.write(
                self.style.SUCCESS(
                    f"{summary.dataset}: {summary.observations:,} observations, {summary.areas} areas."
                )
            )
            if summary.skipped:
                self.stdout.write(f"Not countries, skipped: {', '.join(summary.skipped[:12])}")
            return
        findings = check_figures(options["text"])
        if options["json"]:
            self.stdout.write(
                json.dumps(
                    [finding.as_dict() for finding in findings], ensure_ascii=False, indent=2
                )
            )
            return
        if not findings:
            self.stdout.write("No migration figure with a place found in the text.")
        for finding in findings:
            self.stdout.write(finding.sentence_en())
