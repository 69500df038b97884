"""`sinergia analyze [--format json|csv|md] [--output FILE] [--on DATE]`: the synergy analysis."""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from sinergia.synergy import selectors
from sinergia.synergy.analysis import analyze
from sinergia.synergy.export import analysis_dict, analysis_markdown, opportunities_csv

STEPS = ["memberships", "coverage", "texts", "near-duplicates", "opportunities", "duplications"]


class Command(BaseCommand):
    help = "Analyse overlaps, duplication, gaps, burden and coordination opportunities."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["json", "csv", "md"], default="md")
        parser.add_argument("--output", type=Path, help="Write to FILE instead of the screen.")
        parser.add_argument(
            "--on", type=datetime.date.fromisoformat, help="Memberships as of YYYY-MM-DD."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        snapshot = selectors.registry_snapshot(options["on"])
        # The bar shows only on a terminal (disable=None) and only matters on large registries.
        with tqdm(
            total=len(STEPS), desc="analysis", unit="step", disable=None, file=sys.stderr
        ) as bar:

            def progress(step: str) -> None:
                bar.set_postfix_str(step)
                bar.update(1)

            analysis = analyze(snapshot, progress=progress)
        labels = selectors.wording_labels()
        if options["format"] == "json":
            output = json.dumps(analysis_dict(analysis, labels), ensure_ascii=False, indent=2)
        elif options["format"] == "csv":
            output = opportunities_csv(analysis, labels)
        else:
            output = analysis_markdown(analysis, labels)
        if options["output"]:
            try:
                options["output"].write_text(output, encoding="utf-8")
            except OSError as error:
                raise CommandError(f"Cannot write {options['output']}: {error}") from None
            self.stderr.write(f"Wrote {options['output']}")
        else:
            self.stdout.write(output)
