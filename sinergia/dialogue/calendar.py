"""The meetings calendar across all mechanisms: clashes between meetings of mechanisms that
share member states, and the iCalendar feed."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from icalendar import Calendar, Event

from sinergia.inputs import is_web_address
from sinergia.registry.clashes import CLASH_WINDOW_DAYS, clash_pairs
from sinergia.registry.models import DatePrecision, Meeting


@dataclass(frozen=True)
class Clash:
    """Two meetings of mechanisms with member states in common, a few days apart or less."""

    first: Meeting
    second: Meeting
    days_apart: int
    shared_countries: list[str]  # ISO3

    @property
    def last_day(self) -> datetime.date:
        """The last day of the later of its two meetings: past it, the clash is history."""
        return max(self.first.last_day, self.second.last_day)


def clashes(
    meetings: Iterable[Meeting],
    members: dict[int, set[str]],
    window_days: int = CLASH_WINDOW_DAYS,
) -> list[Clash]:
    """The clashes (`sinergia.registry.clashes`) among `meetings` between mechanisms that
    share member states. `members` maps a mechanism id to the ISO3 codes of its members."""

    def shared(first: Meeting, second: Meeting) -> set[str]:
        return members.get(first.mechanism_id, set()) & members.get(second.mechanism_id, set())

    return [
        Clash(first, second, gap, sorted(shared(first, second)))
        for first, second, gap in clash_pairs(
            meetings,
            body=lambda m: m.mechanism_id,
            shared=lambda a, b: bool(shared(a, b)),
            window_days=window_days,
        )
    ]


def clashes_touching(shown: Iterable[Meeting], every: Iterable[Clash]) -> list[Clash]:
    """Those of `every` clash (between meetings of any body) that involve one of the `shown`
    meetings (a calendar filtered by mechanism or country): a filtered calendar still warns
    of a clash with a body it does not show."""
    ids = {m.pk for m in shown}
    return [c for c in every if c.first.pk in ids or c.second.pk in ids]


def clashes_with(
    candidate: Meeting, others: Iterable[Meeting], members: dict[int, set[str]]
) -> list[Clash]:
    """The clashes a meeting being added or edited would have, before it is saved."""
    pool = [m for m in others if m.pk != candidate.pk or candidate.pk is None]
    return [
        c
        for c in clashes([*pool, candidate], members)
        if c.first is candidate or c.second is candidate
    ]


@dataclass(frozen=True)
class Revision:
    """How often a meeting was changed after it was recorded, and when last."""

    sequence: int
    changed_at: datetime.datetime | None


def ical_feed(
    meetings: Iterable[Meeting],
    *,
    name: str,
    base_url: str,
    revisions: dict[int, Revision] | None = None,
) -> bytes:
    """An iCalendar (RFC 5545) feed of `meetings`, all-day events with stable UIDs. Each
    event's SEQUENCE counts the meeting's changes (`revisions`), so that a subscribed
    calendar takes a moved or cancelled meeting as a revision of the one it holds."""
    revisions = revisions or {}
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
        revision = revisions.get(meeting.pk, Revision(0, None))
        event.add("sequence", revision.sequence)
        if revision.changed_at is not None:
            event.add("last-modified", revision.changed_at.astimezone(datetime.UTC))
        event.add("summary", f"{meeting.mechanism.acronym}: {meeting.title}")
        event.add("dtstart", meeting.date)
        event.add("dtend", meeting.last_day + datetime.timedelta(days=1))
        # A subscribed calendar strikes or drops a cancelled meeting instead of keeping it.
        event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
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
