"""Who covers which theme where: coverage, gaps and each country's participation burden."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from sinergia.synergy.overlap import MembershipMatrix, ThemeProfiles
from sinergia.synergy.snapshot import Snapshot

# A state seen at a body's meetings but not its member: never counted in anyone's burden.
NOT_COUNTED_ROLES = frozenset({"participant"})


def regional_bodies(snapshot: Snapshot) -> list[str]:
    """The regional architecture where states meet and act: bodies that are not global,
    active and not dormant on the snapshot's day. Global frameworks are apart."""
    return [
        mechanism.acronym
        for mechanism in snapshot.mechanisms
        if mechanism.coordinates
        and mechanism.scope != "global"
        and not mechanism.dormant(snapshot.day)
    ]


@dataclass(frozen=True)
class SubregionCoverage:
    """For one subregion: which regional forums with members there cover each theme."""

    subregion: str
    by_theme: dict[str, list[str]]

    @property
    def gaps(self) -> list[str]:
        return [theme for theme, mechanisms in self.by_theme.items() if not mechanisms]


def subregion_coverage(
    snapshot: Snapshot, matrix: MembershipMatrix, profiles: ThemeProfiles
) -> list[SubregionCoverage]:
    """A theme is covered in a subregion when a regional body (active, not dormant) with a full
    member there has the theme in its agenda or commitments. Global frameworks and the
    instruments do not count: they are listed apart, since they do not meet in the
    subregion."""
    forums = set(regional_bodies(snapshot))
    is_forum = np.array([acronym in forums for acronym in matrix.mechanisms], dtype=bool)
    subregion_of = {country.iso3: country.subregion for country in snapshot.countries}
    column_subregion = np.array([subregion_of[iso3] for iso3 in matrix.countries])
    row_of = {acronym: i for i, acronym in enumerate(profiles.mechanisms)}
    theme_present = profiles.counts[[row_of[a] for a in matrix.mechanisms]] > 0  # M × T
    result = []
    for subregion in snapshot.subregions:
        present = is_forum & matrix.member[:, column_subregion == subregion].any(axis=1)
        covering = theme_present & present[:, None]
        by_theme = {
            theme: [matrix.mechanisms[i] for i in np.flatnonzero(covering[:, t])]
            for t, theme in enumerate(profiles.themes)
        }
        result.append(SubregionCoverage(subregion, by_theme))
    return result


@dataclass(frozen=True)
class CountryGaps:
    country: str
    forums: list[str]
    uncovered_themes: list[str]


def country_gaps(
    snapshot: Snapshot, matrix: MembershipMatrix, profiles: ThemeProfiles
) -> list[CountryGaps]:
    """For each country, the themes none of its regional bodies works on."""
    forums = set(regional_bodies(snapshot))
    forum_rows = [i for i, acronym in enumerate(matrix.mechanisms) if acronym in forums]
    covered_by = profiles.counts > 0
    result = []
    for j, iso3 in enumerate(matrix.countries):
        rows = [i for i in forum_rows if matrix.member[i, j]]
        covered = np.zeros(len(profiles.themes), dtype=bool)
        if rows:
            covered |= covered_by[rows].any(axis=0)
        result.append(
            CountryGaps(
                country=iso3,
                forums=[matrix.mechanisms[i] for i in rows],
                uncovered_themes=[
                    theme for t, theme in enumerate(profiles.themes) if not covered[t]
                ],
            )
        )
    return result


@dataclass(frozen=True)
class Burden:
    """How much a country's participation asks of it."""

    country: str
    mechanisms: int
    roles: dict[str, int] = field(default_factory=dict)
    meetings_per_year: float = 0.0
    mechanism_list: list[str] = field(default_factory=list)


def participation_burden(snapshot: Snapshot) -> list[Burden]:
    """Per country: the mechanisms it takes part in, by role, and the meetings a year they
    hold (from each mechanism's recorded meetings). Heaviest first. A state only seen at a
    mechanism's meetings (a participant) is not counted in it."""
    per_year = {mechanism.acronym: mechanism.meetings_per_year for mechanism in snapshot.mechanisms}
    roles: dict[str, Counter[str]] = {country.iso3: Counter() for country in snapshot.countries}
    mechanisms: dict[str, set[str]] = {country.iso3: set() for country in snapshot.countries}
    for participation in snapshot.participations:
        if participation.country not in roles or participation.role in NOT_COUNTED_ROLES:
            continue
        roles[participation.country][participation.role] += 1
        mechanisms[participation.country].add(participation.mechanism)
    burdens = [
        Burden(
            country=iso3,
            mechanisms=len(mechanisms[iso3]),
            roles=dict(sorted(roles[iso3].items())),
            meetings_per_year=round(sum(per_year.get(m, 0.0) for m in mechanisms[iso3]), 2),
            mechanism_list=sorted(mechanisms[iso3]),
        )
        for iso3 in roles
    ]
    return sorted(burdens, key=lambda b: (-b.mechanisms, -b.meetings_per_year, b.country))
