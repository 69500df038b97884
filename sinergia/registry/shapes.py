"""The registry's entities as every channel writes them out: the API, the CSV, XLSX and JSON
exports and the open-data package read these shapes."""

from __future__ import annotations

import datetime

from sinergia.registry.models import Meeting
from sinergia.shapes import Column, Shape


def _source_text(meeting: Meeting) -> str:
    source = meeting.source
    return (source.url or source.title) if source is not None else ""


MEETING = Shape(
    (
        Column("id", int, "identifier", lambda m: m.pk, kind="integer"),
        Column("mechanism", str, "acronym of the mechanism", lambda m: m.mechanism.acronym),
        Column("title", str, "title", lambda m: m.title),
        Column(
            "date",
            str,
            "first day, as precisely as its source gives it: YYYY, YYYY-MM or YYYY-MM-DD",
            lambda m: m.date_display,
        ),
        Column("date_precision", str, "year, month or day", lambda m: m.date_precision),
        Column("end_date", datetime.date | None, "last day", lambda m: m.end_date, kind="date"),
        Column("place", str, "place", lambda m: m.place),
        Column("outcome", str, "outcome document", lambda m: m.outcome),
        Column("outcome_url", str, "address of the outcome document", lambda m: m.outcome_url),
        Column(
            "source",
            str,
            "address or title of the source (empty: announced by the mechanism)",
            _source_text,
        ),
        Column(
            "source_key",
            str,
            "key of the source in the sources of the data package",
            lambda m: m.source.key if m.source is not None else "",
        ),
    )
)
