"""`sinergia remind [--on DATE] [--days N]`: remind the focal points of follow-up actions due
within N days, or overdue, by notification and mail, once a day (`sinergia worker --beat`
does it every morning; a second run the same day sends nothing more)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sinergia.dialogue.notices import REMINDER_DAYS_BEFORE, action_reminders_send
from sinergia.notifications.mail import mail_wait


class Command(BaseCommand):
    help = "Remind the owners of follow-up actions due soon or overdue (once a day)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--on", help="The day to remind as of (YYYY-MM-DD); today if not given."
        )
        parser.add_argument(
            "--days",
            type=int,
            default=REMINDER_DAYS_BEFORE,
            help=f"Remind this many days before the due date (default {REMINDER_DAYS_BEFORE}).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            day = datetime.date.fromisoformat(options["on"]) if options["on"] else None
        except ValueError:
            raise CommandError("--on takes a date written YYYY-MM-DD.") from None
        made = action_reminders_send(on=day, days_before=options["days"])
        mail_wait()  # the mail goes before the command ends, when no worker sends it
        self.stdout.write(f"{made} reminder(s) sent.")
