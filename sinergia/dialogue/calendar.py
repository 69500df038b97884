"""The meetings calendar across all mechanisms: clashes between meetings of mechanisms that
share member states, and the iCalendar feed."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from icalendar import Calendar, Event

from sinergia.inputs import is_web_address
from sinergia.registry.models import DatePrecision, Meeting

CLASH_WINDOW_DAYS = 3


@dataclass(frozen=True)
class Clash:
    """Two meetings of mechanisms with member states in common, a few days apart or less."""

    first: Meeting
    second: Meeting
    days_apart: int
    shared_countries: list[str]  # ISO3


def clashes(
    meetings: Iterable[Meeting],
    members: dict[int, set[str]],
    window_days: int = CLASH_WINDOW_DAYS,
) -> list[Clash]:
    """Pairs of meetings (dated to the day) of different mechanisms sharing member states,
    whose dates are at most `window_days` apart (0 when they overlap). `members` maps a
    mechanism id to the ISO3 codes of its members."""
    dated = sorted(
        (m for m in meetings if m.date_precision == DatePrecision.DAY),
        key=lambda m: (m.date, m.pk or 0),
    )
    found = []
    for index, first in enumerate(dated):
        for second in dated[index + 1 :]:
            gap = (second.date - first.last_day).days
            if gap > window_days:
                break  # sorted by start: every later meeting starts later still
            if second.mechanism_id == first.mechanism_id:
                continue
            shared = members.get(first.mechanism_id, set()) & members.get(
                second.mechanism_id, set()
            )
            if shared:
                found.append(Clash(first, second, max(gap, 0), sorted(shared)))
    return found


def ical_feed(meetings: Iterable[Meeting], *, name: str, base_url: str) -> bytes:
    """An iCalendar (RFC 5545) feed of `meetings`, all-day events with stable UIDs."""
    calendar = Calendar()
    calendar.add("prodid", "-//Sinergia//Meetings calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    for meeting in meetings:
        if meeting.date_precision != DatePrecision.DAY:
            continue  # a month or a year is not a calendar event
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@sinergia")
        event.add("dtstamp", stamp)
        event.add("summary", f"{meeting.mechanism.acronym}: {meeting.title}")
        event.add("dtstart", meeting.date)
        event.add("dtend", meeting.last_day + datetime.timedelta(days=1))
        if meeting.place:
            event.add("location", meeting.place)
        description = [meeting.outcome] if meeting.outcome else []
        if meeting.source_id:
            description.append(f"{meeting.source.publisher}: {meeting.source.title}")  # type: ignore[union-attr]
        if description:
            event.add("description", "\n".join(description))
        addresses = [meeting.outcome_url, meeting.source.url if meeting.source_id else ""]  # type: ignore[union-attr]
        url = next((address for address in addresses if is_web_address(address)), "")
        event.add("url", url or f"{base_url}/mechanisms/{meeting.mechanism.acronym}/")
        calendar.add_component(event)
    return calendar.to_ical()
