"""`sinergia data validate [--data-dir DIR]`: check the bundled reference data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sinergia.dialogue.bundled import session_files, session_problems
from sinergia.reference.validation import BundleError, read_bundle
from sinergia.vocabulary.terms import TERMS_FILE, TermListError, read_term_sets


class Command(BaseCommand):
    help = "Work with the bundled reference data."

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        validate = subcommands.add_parser("validate", help="Check every file; list every problem.")
        validate.add_argument("--data-dir", type=Path, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        data_dir = options["data_dir"] or settings.SINERGIA_DATA_DIR
        try:
            bundle = read_bundle(data_dir)
        except BundleError as error:
            for problem in error.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"{len(error.problems)} problem(s) in {data_dir}") from None
        session_errors = session_problems(
            data_dir,
            mechanisms={spec.acronym for spec in bundle.mechanisms},
            countries={spec.iso3 for spec in bundle.countries},
        )
        try:
            terms = read_term_sets(
                data_dir / TERMS_FILE, concept_ids={theme.id for theme in bundle.themes}
            )
        except TermListError as error:
            session_errors = [*session_errors, *error.problems]
            terms = []
        for message in session_errors:
            self.stderr.write(message)
        if session_errors:
            raise CommandError(f"{len(session_errors)} problem(s) in {data_dir}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{data_dir}: valid — {len(bundle.countries)} countries, "
                f"{len(bundle.mechanisms)} mechanisms, {len(bundle.themes)} themes, "
                f"{len(bundle.frameworks)} frameworks, "
                f"{len(session_files(data_dir))} dialogue sessions, {len(terms)} term sets"
            )
        )
