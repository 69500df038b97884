"""`sinergia report session ID --lang es|en|fr|pt --format html|pdf|docx --output FILE`:
write the consolidated report of a dialogue session. ID is the session's number or key.

`sinergia report build-all ID [--lang ...] [--format ...]`: build and store the reports the
site serves (every language and format unless narrowed), so that no visitor waits for one."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sinergia.dialogue.models import Session
from sinergia.dialogue.report import FORMATS, report_build, report_render, report_store
from sinergia.dialogue.report.build import REPORT_LANGUAGES


def _session(reference: str) -> Session:
    found = Session.objects.filter(
        **({"pk": int(reference)} if reference.isdigit() else {"key": reference})
    ).first()
    if found is None:
        raise CommandError(f"No session {reference}. See `sinergia report --help`.")
    return found


class Command(BaseCommand):
    help = "Write the consolidated report of a dialogue session, or store the ones the site serves."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        session = subcommands.add_parser("session", help="The report of one session.")
        session.add_argument("session", help="The session's number or key (cam-2023-05-09).")
        session.add_argument("--lang", choices=REPORT_LANGUAGES, default="es")
        session.add_argument("--format", choices=list(FORMATS), default="pdf", dest="fmt")
        session.add_argument("--output", type=Path, required=True, help="The file to write.")
        build_all = subcommands.add_parser(
            "build-all", help="Store the site's reports of one session for the current data."
        )
        build_all.add_argument("session", help="The session's number or key.")
        build_all.add_argument(
            "--lang", choices=REPORT_LANGUAGES, action="append", dest="languages"
        )
        build_all.add_argument("--format", choices=list(FORMATS), action="append", dest="formats")

    def handle(self, *args: Any, **options: Any) -> None:
        found = _session(options["session"])
        if options["subcommand"] == "build-all":
            languages = options["languages"] or list(REPORT_LANGUAGES)
            self._build_all(found, languages, options["formats"] or list(FORMATS))
            return
        content = report_render(report_build(found, options["lang"]), options["fmt"])
        output: Path = options["output"]
        temporary = output.with_name(f".{output.name}.part")
        temporary.write_bytes(content)
        temporary.replace(output)  # never a half-written report under the final name
        self.stdout.write(
            f"{output}: {found.key}, {options['lang']}, {options['fmt']}, {len(content):,} bytes."
        )

    def _build_all(self, session: Session, languages: list[str], formats: list[str]) -> None:
        for language in languages:
            for fmt in formats:
                stored = report_store(session=session, language=language, fmt=fmt)
                stored.file.close()
                self.stdout.write(f"{stored.name}: {stored.size_bytes:,} bytes.")
