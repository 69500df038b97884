"""One state's view of the architecture: its forums and roles, the states it meets most often
and in which forums, the themes it works on in two or more forums (possible duplication), its
meetings a year and the clashes between them. Pure: takes an `Analysis`."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from sinergia.registry.clashes import CLASH_WINDOW_DAYS, clash_pairs
from sinergia.synergy.analysis import Analysis
from sinergia.synergy.snapshot import (
    DORMANT_AFTER_YEARS,
    FULL_ROLES,
    MEETING_ROLES,
    MeetingInfo,
    years_before,
)

YEARS_SHOWN = 5


@dataclass(frozen=True)
class StateForum:
    """A mechanism the state takes part in, in a role."""

    acronym: str
    role: str
    is_body: bool
    dormant: bool
    last_meeting: datetime.date | None
    meetings_per_year: float


@dataclass(frozen=True)
class StatePartner:
    """Another state met in the same active bodies: which, how often, on what."""

    country: str
    shared_mechanisms: list[str]
    themes: list[str]  # worked on by the shared bodies, by most of them first
    meetings: int  # meetings of the shared bodies in the last three years


@dataclass(frozen=True)
class ThemeInForums:
    theme: str
    mechanisms: list[str]


@dataclass(frozen=True)
class MeetingClash:
    """Two meetings of the state's bodies a few days apart or less."""

    first: MeetingInfo
    second: MeetingInfo
    days_apart: int


@dataclass
class StateView:
    country: str
    day: datetime.date
    forums: list[StateForum]
    partners: list[StatePartner]
    duplicated_themes: list[ThemeInForums]
    # {year: {mechanism: meetings}} over the last five calendar years up to the day.
    meetings_by_year: dict[int, dict[str, int]] = field(default_factory=dict)
    clashes: list[MeetingClash] = field(default_factory=list)

    @property
    def years(self) -> list[int]:
        return sorted(self.meetings_by_year)

    def meetings_in(self, year: int) -> int:
        return sum(self.meetings_by_year.get(year, {}).values())


def _clashes(meetings: list[MeetingInfo], window_days: int) -> list[MeetingClash]:
    """Pairs of the state's bodies' meetings that clash (`sinergia.registry.clashes`): the
    state itself is the member they share."""
    return [
        MeetingClash(first, second, gap)
        for first, second, gap in clash_pairs(
            meetings, body=lambda m: m.mechanism, window_days=window_days
        )
    ]


def state_view(analysis: Analysis, iso3: str) -> StateView:
    """The view of `iso3` on the analysis date. Partners are the states that are full members
    of the same active bodies (observers and participants are not counted), most shared
    bodies first, then most meetings of them in the last three years; themes in two or more
    forums count the active bodies it is a full member of; meetings a year and clashes count
    the bodies it sits in (as member, associate or observer)."""
    snapshot = analysis.snapshot
    day = snapshot.day
    info = {m.acronym: m for m in snapshot.mechanisms}
    roles = [p for p in snapshot.participations if p.country == iso3]
    forums = sorted(
        (
            StateForum(
                acronym=p.mechanism,
                role=p.role,
                is_body=info[p.mechanism].is_body,
                dormant=info[p.mechanism].dormant(day),
                last_meeting=info[p.mechanism].last_meeting,
                meetings_per_year=info[p.mechanism].meetings_per_year,
            )
            for p in roles
            if p.mechanism in info
        ),
        key=lambda f: (not f.is_body, f.role == "participant", f.acronym),
    )
    partner_bodies = {
        p.mechanism
        for p in roles
        if p.role in FULL_ROLES and p.mechanism in info and info[p.mechanism].partner_on(day)
    }
    sitting = {
        p.mechanism
        for p in roles
        if p.role in MEETING_ROLES and p.mechanism in info and info[p.mechanism].is_body
    }

    recent_start = years_before(day, DORMANT_AFTER_YEARS)
    recent_meetings = Counter(m.mechanism for m in snapshot.meetings if m.last_day > recent_start)
    matrix = analysis.matrix
    profiles = analysis.profiles
    row = {acronym: i for i, acronym in enumerate(matrix.mechanisms)}
    partners = []
    rows = sorted(row[m] for m in partner_bodies if m in row)
    for j, other in enumerate(matrix.countries):
        shared = [matrix.mechanisms[i] for i in rows if matrix.member[i, j]]
        if other == iso3 or not shared:
            continue
        by_bodies = (profiles.counts[[row[m] for m in shared]] > 0).sum(axis=0)
        order = np.argsort(-by_bodies, kind="stable")
        partners.append(
            StatePartner(
                country=other,
                shared_mechanisms=sorted(shared),
                themes=[profiles.themes[t] for t in order if by_bodies[t] > 0],
                meetings=sum(recent_meetings[m] for m in shared),
            )
        )
    partners.sort(key=lambda p: (-len(p.shared_mechanisms), -p.meetings, p.country))

    duplicated = []
    for t, theme in enumerate(profiles.themes):
        working = [matrix.mechanisms[i] for i in rows if profiles.counts[i, t] > 0]
        if len(working) >= 2:
            duplicated.append(ThemeInForums(theme, working))
    duplicated.sort(key=lambda d: -len(d.mechanisms))

    first_year = day.year - YEARS_SHOWN + 1
    own_meetings = [
        m for m in snapshot.meetings if m.mechanism in sitting and m.date.year >= first_year
    ]
    by_year: dict[int, dict[str, int]] = {year: {} for year in range(first_year, day.year + 1)}
    for meeting in own_meetings:
        counts = by_year[meeting.date.year]
        counts[meeting.mechanism] = counts.get(meeting.mechanism, 0) + 1
    return StateView(
        country=iso3,
        day=day,
        forums=forums,
        partners=partners,
        duplicated_themes=duplicated,
        meetings_by_year=by_year,
        clashes=_clashes(own_meetings, CLASH_WINDOW_DAYS),
    )
