"""`sinergia report session ID --lang es|en|fr|pt --format html|pdf|docx --output FILE`:
write the consolidated report of a dialogue session. ID is the session's number or key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sinergia.dialogue.models import Session
from sinergia.dialogue.report import FORMATS, report_build, report_render
from sinergia.dialogue.report.build import REPORT_LANGUAGES


class Command(BaseCommand):
    help = "Write the consolidated report of a dialogue session."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        session = subcommands.add_parser("session", help="The report of one session.")
        session.add_argument("session", help="The session's number or key (cam-2023-05-09).")
        session.add_argument("--lang", choices=REPORT_LANGUAGES, default="es")
        session.add_argument("--format", choices=list(FORMATS), default="pdf", dest="fmt")
        session.add_argument("--output", type=Path, required=True, help="The file to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        reference = options["session"]
        found = Session.objects.filter(
            **({"pk": int(reference)} if reference.isdigit() else {"key": reference})
        ).first()
        if found is None:
            raise CommandError(f"No session {reference}. See `sinergia report --help`.")
        content = report_render(report_build(found, options["lang"]), options["fmt"])
        output: Path = options["output"]
        temporary = output.with_name(f".{output.name}.part")
        temporary.write_bytes(content)
        temporary.replace(output)  # never a half-written report under the final name
        self.stdout.write(
            f"{output}: {found.key}, {options['lang']}, {options['fmt']}, {len(content):,} bytes."
        )
