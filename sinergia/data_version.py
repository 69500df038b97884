"""When the public data last changed: pages, API headers and the open-data package are
rebuilt after it."""

from __future__ import annotations

import operator
from datetime import datetime
from functools import reduce

from django.db.models import Max, Q

# Writes that change nothing the public reads: a person's account, tokens and second factor.
PRIVATE_ACTIONS = ("account.", "token.", "two_factor.")


def data_changed_at() -> datetime | None:
    """The last write (every service writes an audit entry) or statistics import, leaving out
    writes to people's own accounts: two indexed reads, so that a cached page never outlives
    a change and `Last-Modified` does not move when someone makes a token."""
    from sinergia.accounts.models import AuditEntry
    from sinergia.statistics.models import Dataset

    stamps = [
        AuditEntry.objects.exclude(
            reduce(operator.or_, (Q(action__startswith=prefix) for prefix in PRIVATE_ACTIONS))
        )
        .order_by("-at")
        .values_list("at", flat=True)
        .first(),
        Dataset.objects.aggregate(last=Max("imported_at"))["last"],
    ]
    return max((stamp for stamp in stamps if stamp), default=None)
