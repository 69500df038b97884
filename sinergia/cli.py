"""The `sinergia` command: Django's management commands under the project's own name.

sinergia init            migrate and load the bundled reference data
sinergia demo            add demonstration content
sinergia build           collect and compress the static files (at install or deploy time)
sinergia serve           serve with gunicorn
sinergia worker          run the background jobs of the task queue (--beat: and the schedule)
sinergia data validate   check the bundled reference data
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sinergia.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["sinergia", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
