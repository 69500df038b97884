"""Membership and thematic overlap between every pair of mechanisms."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sinergia.synergy.snapshot import FULL_ROLES, Snapshot


@dataclass(frozen=True)
class MembershipMatrix:
    """Which countries take part (fully) in which mechanism: a mechanisms × countries matrix."""

    mechanisms: list[str]
    countries: list[str]
    member: np.ndarray  # bool, shape (len(mechanisms), len(countries))

    def members_of(self, acronym: str) -> list[str]:
        row = self.member[self.mechanisms.index(acronym)]
        return [self.countries[j] for j in np.flatnonzero(row)]

    def shared(self, i: int, j: int) -> list[str]:
        """The countries that are full participants of both mechanisms i and j."""
        return [self.countries[k] for k in np.flatnonzero(self.member[i] & self.member[j])]


def membership_matrix(snapshot: Snapshot, roles: frozenset[str] = FULL_ROLES) -> MembershipMatrix:
    mechanisms = [mechanism.acronym for mechanism in snapshot.mechanisms]
    countries = [country.iso3 for country in snapshot.countries]
    row = {acronym: i for i, acronym in enumerate(mechanisms)}
    column = {iso3: j for j, iso3 in enumerate(countries)}
    member = np.zeros((len(mechanisms), len(countries)), dtype=bool)
    for participation in snapshot.participations:
        if participation.role in roles and participation.country in column:
            member[row[participation.mechanism], column[participation.country]] = True
    return MembershipMatrix(mechanisms, countries, member)


@dataclass(frozen=True)
class ThemeProfiles:
    """How many of each mechanism's texts carry each theme: a mechanisms × themes matrix."""

    mechanisms: list[str]
    themes: list[str]
    counts: np.ndarray  # int, shape (len(mechanisms), len(themes))

    def common(self, i: int, j: int) -> list[str]:
        """The themes both mechanisms i and j work on, the most worked on by both first."""
        both = np.flatnonzero((self.counts[i] > 0) & (self.counts[j] > 0))
        ordered = sorted(both, key=lambda t: -min(self.counts[i, t], self.counts[j, t]))
        return [self.themes[t] for t in ordered]

    def themes_of(self, acronym: str) -> list[str]:
        row = self.counts[self.mechanisms.index(acronym)]
        order = np.argsort(-row, kind="stable")
        return [self.themes[j] for j in order if row[j] > 0]


def theme_profiles(snapshot: Snapshot) -> ThemeProfiles:
    mechanisms = [mechanism.acronym for mechanism in snapshot.mechanisms]
    row = {acronym: i for i, acronym in enumerate(mechanisms)}
    column = {key: j for j, key in enumerate(snapshot.themes)}
    counts = np.zeros((len(mechanisms), len(snapshot.themes)), dtype=np.int64)
    for text in snapshot.texts:
        if text.mechanism not in row:
            continue
        for theme in text.themes:
            if theme in column:
                counts[row[text.mechanism], column[theme]] += 1
    return ThemeProfiles(mechanisms, list(snapshot.themes), counts)


def theme_weights(profiles: ThemeProfiles) -> np.ndarray:
    """Each mechanism's themes, weighted: square-rooted counts (so one theme repeated across
    many texts does not dominate) times how distinctive the theme is (inverse mechanism
    frequency: a theme nearly every mechanism lists, like regional cooperation, says little)."""
    present = profiles.counts > 0
    mechanisms = max(int(present.any(axis=1).sum()), 1)
    frequency = present.sum(axis=0)
    distinctiveness = np.log((1.0 + mechanisms) / (1.0 + frequency)) + 0.25
    return np.sqrt(profiles.counts.astype(float)) * distinctiveness[None, :]


def theme_similarity(profiles: ThemeProfiles) -> np.ndarray:
    """Cosine similarity of the mechanisms' weighted theme profiles (0 where one is empty)."""
    weights = theme_weights(profiles)
    norms = np.linalg.norm(weights, axis=1)
    safe = np.where(norms == 0, 1.0, norms)
    unit = weights / safe[:, None]
    similarity = unit @ unit.T
    similarity[norms == 0, :] = 0.0
    similarity[:, norms == 0] = 0.0
    return similarity


@dataclass(frozen=True)
class PairOverlap:
    a: str
    b: str
    shared: list[str]
    jaccard: float
    overlap_coefficient: float
    theme_overlap: float
    shared_themes: list[str]
