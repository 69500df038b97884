"""The synergy analysis: where mechanisms overlap, duplicate efforts, leave gaps, and where
they should coordinate. Pure: takes a `Snapshot`, returns plain data.

    analysis = analyze(snapshot)
    analysis.overlaps          every pair: shared countries, Jaccard, overlap coefficient, themes
    analysis.duplications      same theme, same countries, with the matching texts of each side
    analysis.opportunities     ranked pairs that should work together, on what, with whom, why
    analysis.coverage / gaps   themes covered per subregion; countries with no forum for a theme
    analysis.burden            each country's mechanisms, roles and meetings a year
    analysis.near_duplicates   near-identical texts across the whole corpus
    analysis.dormant           bodies with no meeting in the three years before the day
    analysis.alignment         which bodies' lines of work advance which items of the
                               instruments, and joint contributions to their reviews

Only bodies that can act, active and not dormant, are partners of opportunities; the
instruments they implement (declarations, compacts, dialogues) are what their work is
aligned with (see `snapshot`).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from sinergia.synergy.alignment import (
    Alignment,
    JointContribution,
    framework_alignment,
    quality_rank,
)
from sinergia.synergy.coverage import (
    Burden,
    CountryGaps,
    SubregionCoverage,
    country_gaps,
    participation_burden,
    subregion_coverage,
)
from sinergia.synergy.neardup import NearDuplicate, near_duplicates
from sinergia.synergy.overlap import (
    MembershipMatrix,
    PairOverlap,
    ThemeProfiles,
    membership_matrix,
    theme_profiles,
    theme_similarity,
    theme_weights,
)
from sinergia.synergy.snapshot import Snapshot, TextItem
from sinergia.vocabulary.features import FeatureMatrix, text_features

Progress = Callable[[str], None]

MIN_SHARED_COUNTRIES = 2
MIN_EVIDENCE_SIMILARITY = 0.15
EVIDENCE_PER_PAIR = 4

# How an opportunity is scored: how far the two bodies gather the same states (the geometric
# mean of the overlap coefficient, is the smaller inside the larger, and Jaccard, are they the
# same group: a hemispheric body that holds every other is nobody's closest partner), how far
# their themes coincide, and how well their texts match, weighed by their sources' quality.
MEMBERSHIP_WEIGHT = 0.55
THEME_WEIGHT = 0.35
EVIDENCE_WEIGHT = 0.10
QUALITY_WEIGHT = {"official": 1.0, "intergovernmental": 0.9, "press": 0.7, "other": 0.5}


@dataclass(frozen=True)
class TextMatch:
    """Two texts, one from each mechanism, that speak of the same thing."""

    a: TextItem
    b: TextItem
    similarity: float
    shared_themes: list[str]

    @property
    def quality(self) -> str:
        """The weaker of the two sources' qualities: what the match as a whole rests on."""
        worse = max(quality_rank(self.a.source_quality), quality_rank(self.b.source_quality))
        return list(QUALITY_WEIGHT)[worse]


@dataclass(frozen=True)
class Duplication:
    """Two mechanisms working on the same theme with largely the same countries."""

    a: str
    b: str
    theme: str
    shared_countries: list[str]
    overlap_coefficient: float
    score: float
    evidence: list[TextMatch]


@dataclass(frozen=True)
class Opportunity:
    """Two mechanisms that should work together: on which themes, with which countries, why."""

    a: str
    b: str
    themes: list[str]
    shared_countries: list[str]
    score: float
    form: str  # joint_meeting | shared_working_group | division_of_labour
    jaccard: float
    overlap_coefficient: float
    theme_overlap: float
    evidence: list[TextMatch] = field(default_factory=list)
    # Joint contributions the two could make to the reviews of instruments they implement.
    reviews: list[JointContribution] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.a}--{self.b}"


@dataclass(frozen=True)
class DormantBody:
    """A body with no meeting in the three years before the analysis date."""

    acronym: str
    last_meeting: datetime.date | None


@dataclass
class Analysis:
    snapshot: Snapshot
    matrix: MembershipMatrix
    profiles: ThemeProfiles
    shared_counts: np.ndarray
    jaccard: np.ndarray
    overlap_coefficient: np.ndarray
    theme_overlap: np.ndarray
    coverage: list[SubregionCoverage]
    gaps: list[CountryGaps]
    burden: list[Burden]
    duplications: list[Duplication]
    opportunities: list[Opportunity]
    near_duplicates: list[NearDuplicate]
    dormant: list[DormantBody] = field(default_factory=list)
    alignment: Alignment = field(default_factory=lambda: Alignment([], []))

    @property
    def partners(self) -> list[str]:
        """The bodies that can be partners on the analysis date: active, not dormant."""
        day = self.snapshot.day
        return [m.acronym for m in self.snapshot.mechanisms if m.partner_on(day)]

    def pair(self, a: str, b: str) -> PairOverlap:
        i, j = self.matrix.mechanisms.index(a), self.matrix.mechanisms.index(b)
        return PairOverlap(
            a=a,
            b=b,
            shared=self.matrix.shared(i, j),
            jaccard=round(float(self.jaccard[i, j]), 4),
            overlap_coefficient=round(float(self.overlap_coefficient[i, j]), 4),
            theme_overlap=round(float(self.theme_overlap[i, j]), 4),
            shared_themes=self.profiles.common(i, j),
        )

    def overlaps(self, *, only_sharing: bool = False) -> list[PairOverlap]:
        """Every unordered pair of mechanisms (or only those sharing a country)."""
        names = self.matrix.mechanisms
        left, right = np.triu_indices(len(names), k=1)
        if only_sharing:
            keep = self.shared_counts[left, right] > 0
            left, right = left[keep], right[keep]
        return [self.pair(names[i], names[j]) for i, j in zip(left, right, strict=True)]

    def opportunities_for(self, acronym: str) -> list[Opportunity]:
        return [o for o in self.opportunities if acronym in (o.a, o.b)]

    def opportunity(self, key: str) -> Opportunity | None:
        return next((o for o in self.opportunities if o.key == key), None)


def _overlap_arrays(matrix: MembershipMatrix) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    member = matrix.member.astype(np.int64)
    shared = member @ member.T
    sizes = member.sum(axis=1)
    union = sizes[:, None] + sizes[None, :] - shared
    smaller = np.minimum(sizes[:, None], sizes[None, :])
    with np.errstate(divide="ignore", invalid="ignore"):
        jaccard = np.where(union > 0, shared / np.maximum(union, 1), 0.0)
        coefficient = np.where(smaller > 0, shared / np.maximum(smaller, 1), 0.0)
    return shared, jaccard, coefficient


class _Evidence:
    """Matches the texts of two mechanisms by the similarity of their feature vectors."""

    def __init__(self, snapshot: Snapshot, features: FeatureMatrix):
        self.texts = snapshot.texts
        self.vectors = features.vectors
        self.rows_of: dict[str, list[int]] = {}
        for index, text in enumerate(snapshot.texts):
            self.rows_of.setdefault(text.mechanism, []).append(index)

    def matches(self, a: str, b: str, theme: str | None = None) -> list[TextMatch]:
        rows_a = self._rows(a, theme)
        rows_b = self._rows(b, theme)
        if not rows_a or not rows_b:
            return []
        similarity = (self.vectors[rows_a] @ self.vectors[rows_b].T).toarray()
        found = []
        for i, j in zip(*np.nonzero(similarity >= MIN_EVIDENCE_SIMILARITY), strict=True):
            text_a, text_b = self.texts[rows_a[i]], self.texts[rows_b[j]]
            shared = sorted(text_a.themes & text_b.themes)
            if shared:
                found.append(TextMatch(text_a, text_b, round(float(similarity[i, j]), 4), shared))
        # Best sources first; a weaker one only where no better match supports its themes.
        found.sort(
            key=lambda match: (
                quality_rank(match.quality),
                -match.similarity,
                match.a.key,
                match.b.key,
            )
        )
        used: set[str] = set()
        supported: set[str] = set()
        best = None
        chosen = []
        for match in found:
            if match.a.key in used or match.b.key in used:
                continue
            rank = quality_rank(match.quality)
            if best is not None and rank > best and supported.issuperset(match.shared_themes):
                continue
            best = rank if best is None else min(best, rank)
            used.update((match.a.key, match.b.key))
            supported.update(match.shared_themes)
            chosen.append(match)
            if len(chosen) == EVIDENCE_PER_PAIR:
                break
        return chosen

    def _rows(self, mechanism: str, theme: str | None) -> list[int]:
        rows = self.rows_of.get(mechanism, [])
        if theme is None:
            return rows
        return [row for row in rows if theme in self.texts[row].themes]


def _suggested_form(coefficient: float, theme_overlap: float, evidence: list[TextMatch]) -> str:
    """How two bodies should work together, from how much they share."""
    if coefficient >= 0.6 and theme_overlap >= 0.5:
        return "division_of_labour"  # same states, same themes: agree who does what
    if len(evidence) >= 2:
        return "shared_working_group"
    return "joint_meeting"


def _evidence_strength(evidence: list[TextMatch]) -> float:
    """How well the best match supports the pair, in [0, 1], weighed by its sources."""
    return max(
        (min(match.similarity * 2, 1.0) * QUALITY_WEIGHT[match.quality] for match in evidence),
        default=0.0,
    )


def analyze(
    snapshot: Snapshot, *, progress: Progress | None = None, opportunities: int = 60
) -> Analysis:
    """Run every analysis over `snapshot`. `progress(step)` is called between steps."""

    def step(name: str) -> None:
        if progress:
            progress(name)

    step("memberships")
    matrix = membership_matrix(snapshot)
    profiles = theme_profiles(snapshot)
    shared_counts, jaccard, coefficient = _overlap_arrays(matrix)
    themes_similarity = theme_similarity(profiles)

    step("coverage")
    coverage = subregion_coverage(snapshot, matrix, profiles)
    gaps = country_gaps(snapshot, matrix, profiles)
    burden = participation_burden(snapshot)

    step("texts")
    features = text_features(
        [(text.text, text.language) for text in snapshot.texts],
        [text.themes for text in snapshot.texts],
    )
    evidence = _Evidence(snapshot, features)

    step("near-duplicates")
    duplicates = near_duplicates(features, [text.language for text in snapshot.texts])

    step("opportunities")
    day = snapshot.day
    family = {mechanism.acronym: mechanism.family for mechanism in snapshot.mechanisms}
    names = matrix.mechanisms
    partner = np.array([m.partner_on(day) for m in snapshot.mechanisms], dtype=bool)
    dormant = [
        DormantBody(m.acronym, m.last_meeting)
        for m in snapshot.mechanisms
        if m.coordinates and m.dormant(day)
    ]
    alignment = framework_alignment(
        snapshot,
        matrix,
        coefficient,
        shared_counts,
        bodies={m.acronym for m in snapshot.mechanisms if m.coordinates},
        partners={m.acronym for m in snapshot.mechanisms if m.partner_on(day)},
    )
    membership = np.sqrt(coefficient * jaccard)
    score = MEMBERSHIP_WEIGHT * membership + THEME_WEIGHT * themes_similarity
    eligible = (shared_counts >= MIN_SHARED_COUNTRIES) & (themes_similarity > 0)
    eligible &= partner[:, None] & partner[None, :]
    eligible &= np.triu(np.ones_like(eligible, dtype=bool), k=1)
    left, right = np.nonzero(eligible)
    order = np.argsort(-score[left, right], kind="stable")
    found: list[Opportunity] = []
    for k in order:
        i, j = int(left[k]), int(right[k])
        a, b = names[i], names[j]
        if b in family.get(a, frozenset()) or a in family.get(b, frozenset()):
            continue
        pair_evidence = evidence.matches(a, b)
        found.append(
            Opportunity(
                a=a,
                b=b,
                themes=profiles.common(i, j)[:5],
                shared_countries=matrix.shared(i, j),
                score=round(
                    float(score[i, j]) + EVIDENCE_WEIGHT * _evidence_strength(pair_evidence), 4
                ),
                form=_suggested_form(
                    float(coefficient[i, j]), float(themes_similarity[i, j]), pair_evidence
                ),
                jaccard=round(float(jaccard[i, j]), 4),
                overlap_coefficient=round(float(coefficient[i, j]), 4),
                theme_overlap=round(float(themes_similarity[i, j]), 4),
                evidence=pair_evidence,
                reviews=alignment.joint_for(a, b),
            )
        )
        if len(found) >= opportunities * 2:
            break
    found.sort(key=lambda o: (-o.score, o.a, o.b))
    ranked = found[:opportunities]

    step("duplications")
    duplications = _duplications(
        snapshot, matrix, profiles, coefficient, shared_counts, evidence, family, partner
    )

    return Analysis(
        snapshot=snapshot,
        matrix=matrix,
        profiles=profiles,
        shared_counts=shared_counts,
        jaccard=jaccard,
        overlap_coefficient=coefficient,
        theme_overlap=themes_similarity,
        coverage=coverage,
        gaps=gaps,
        burden=burden,
        duplications=duplications,
        opportunities=ranked,
        near_duplicates=duplicates,
        dormant=dormant,
        alignment=alignment,
    )


def _duplications(
    snapshot: Snapshot,
    matrix: MembershipMatrix,
    profiles: ThemeProfiles,
    coefficient: np.ndarray,
    shared_counts: np.ndarray,
    evidence: _Evidence,
    family: dict[str, frozenset[str]],
    active: np.ndarray,
    *,
    min_coefficient: float = 0.5,
    limit: int = 60,
) -> list[Duplication]:
    """Pairs that work on the same theme with mostly the same countries (overlap coefficient
    ≥ 0.5), where texts of both sides on that theme match: candidates for duplicated effort."""
    names = matrix.mechanisms
    weights = theme_weights(profiles)
    shares = weights / np.maximum(weights.sum(axis=1, keepdims=True), 1e-9)
    candidates = (coefficient >= min_coefficient) & (shared_counts >= MIN_SHARED_COUNTRIES)
    candidates &= active[:, None] & active[None, :]
    candidates &= np.triu(np.ones_like(candidates, dtype=bool), k=1)
    left, right = np.nonzero(candidates)
    # Rank (pair, theme) by how much of both agendas the theme takes, with the same countries.
    common = np.minimum(shares[left], shares[right]) * coefficient[left, right][:, None]
    pair_index, theme_index = np.nonzero(common > 0)
    order = np.argsort(-common[pair_index, theme_index], kind="stable")
    result: list[Duplication] = []
    for k in order:
        i, j = int(left[pair_index[k]]), int(right[pair_index[k]])
        a, b = names[i], names[j]
        if b in family.get(a, frozenset()) or a in family.get(b, frozenset()):
            continue
        theme = profiles.themes[int(theme_index[k])]
        matches = evidence.matches(a, b, theme)
        if not matches:
            continue
        result.append(
            Duplication(
                a=a,
                b=b,
                theme=theme,
                shared_countries=matrix.shared(i, j),
                overlap_coefficient=round(float(coefficient[i, j]), 4),
                score=round(
                    float(common[pair_index[k], theme_index[k]]) * (1 + matches[0].similarity), 4
                ),
                evidence=matches,
            )
        )
        if len(result) >= limit:
            break
    result.sort(key=lambda d: (-d.score, d.a, d.b, d.theme))
    return result
