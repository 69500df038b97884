"""When the public data last changed: pages, API headers and the open-data package are
rebuilt after it."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Max


def data_changed_at() -> datetime | None:
    """The last write (every service writes an audit entry) or statistics import: two
    indexed reads, so that a cached page never outlives a change."""
    from sinergia.accounts.models import AuditEntry
    from sinergia.statistics.models import Dataset

    stamps = [
        AuditEntry.objects.aggregate(last=Max("at"))["last"],
        Dataset.objects.aggregate(last=Max("imported_at"))["last"],
    ]
    return max((stamp for stamp in stamps if stamp), default=None)
