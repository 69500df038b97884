"""`sinergia practices import FILE [--publish]`, `search "QUERY" [--json]`, `reindex`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from sinergia.accounts.services import SystemActor
from sinergia.i18n import LANGUAGE_CODES
from sinergia.practices.importing import ImportProblem, practices_import, read_rows
from sinergia.practices.search import SearchQuery, practice_search, rebuild_index


class Command(BaseCommand):
    help = "Import, search and re-index good practices."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True)
        importing = commands.add_parser(
            "import", help="Import a JSON or CSV file (all or nothing)."
        )
        importing.add_argument("file", type=Path)
        importing.add_argument("--publish", action="store_true", help="Publish what is imported.")
        search = commands.add_parser("search", help="Search the published practices.")
        search.add_argument("query")
        search.add_argument("--json", action="store_true")
        search.add_argument("--language", default="es", choices=LANGUAGE_CODES)
        search.add_argument("--page", type=int, default=1)
        commands.add_parser("reindex", help="Rebuild the search index.")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['subcommand']}")(options)

    def _import(self, options: dict[str, Any]) -> None:
        try:
            rows = read_rows(options["file"])
            report = practices_import(
                actor=SystemActor("sinergia practices import"),
                rows=rows,
                publish=options["publish"],
            )
        except ImportProblem as problem:
            for line in problem.problems:
                self.stderr.write(line)
            raise CommandError(f"{options['file']}: nothing was imported.") from None
        self.stdout.write(
            self.style.SUCCESS(
                f"{options['file']}: {report.created} created, {report.updated} updated, "
                f"{report.published} published."
            )
        )

    def _search(self, options: dict[str, Any]) -> None:
        with translation.override(options["language"]):
            result = practice_search(
                SearchQuery(text=options["query"], page=options["page"]),
                language=options["language"],
            )
        if options["json"]:
            payload = {
                "count": result.count,
                "results": [
                    {
                        "id": hit.id,
                        "external_id": hit.external_id,
                        "title": hit.plain_title,
                        "language": hit.language,
                        "countries": hit.countries,
                        "themes": hit.themes,
                    }
                    for hit in result.hits
                ],
                "facets": {name: dict(values) for name, values in result.facets.items()},
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{result.count} practice(s)")
        for hit in result.hits:
            countries = ", ".join(hit.countries)
            self.stdout.write(f"  [{hit.id}] {hit.plain_title} ({countries}, {hit.language})")

    def _reindex(self, options: dict[str, Any]) -> None:
        self.stdout.write(self.style.SUCCESS(f"{rebuild_index()} published practices indexed."))
