"""`sinergia demo`: demonstration accounts, one per role, to try Sinergia's workflows.

The accounts have known passwords: never run this on a public server.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from sinergia.core.demo import DEMO_PASSWORD, demo_load, demo_practices_load


class Command(BaseCommand):
    help = "Add demonstration content (accounts for each role)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force", action="store_true", help="Run even when DEBUG is off (never in production)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError("Demo accounts have known passwords: refusing with DEBUG off.")
        accounts = demo_load()
        report = demo_practices_load()
        self.stdout.write(
            f"Good practices: {report.created} added, {report.updated} updated, "
            f"{report.published} published."
        )
        self.stdout.write(
            self.style.SUCCESS("Demo content ready. Sign in at /es/accounts/login/ with:")
        )
        for username, description in accounts:
            self.stdout.write(f"  {username:<22} {DEMO_PASSWORD}   {description}")
