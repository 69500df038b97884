"""Alignment of the bodies' work with the instruments they implement, and the joint
contributions to the reviews those instruments hold.

Instruments (the Global Compact for Migration, the Los Angeles Declaration, resolution
AG/RES. 2988 of the OAS General Assembly) are not partners: bodies implement them. Through the
vocabulary's crosswalk, each line of work of a body that carries a theme advances the items
that theme corresponds to (GCM objectives, LAD pillars, the topics of ¶56). Where two bodies
of largely the same states advance the same items, the states could report once, together,
to the review that exists for the instrument: the regional review of the GCM, the LAD
ministerial meeting, the CAM's annual session on migration governance.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import numpy as np

from sinergia.synergy.overlap import MembershipMatrix
from sinergia.synergy.snapshot import Snapshot, TextItem

# Source quality, best first: evidence is ordered by it.
QUALITY_ORDER = ("official", "intergovernmental", "press", "other")
QUALITY_RANK = {quality: rank for rank, quality in enumerate(QUALITY_ORDER)}
# Bodies of "the same states": the smaller one's states mostly in the larger one.
SAME_STATES_COEFFICIENT = 0.5
MIN_SHARED_STATES = 2


def quality_rank(quality: str) -> int:
    return QUALITY_RANK.get(quality, len(QUALITY_ORDER) - 1)


def texts_by_quality(texts: list[TextItem]) -> list[TextItem]:
    """Best source first; among equals, the most recent first, undated last."""
    return sorted(
        texts,
        key=lambda t: (
            quality_rank(t.source_quality),
            -(t.latest_day or datetime.date.min).toordinal(),
            t.key,
        ),
    )


@dataclass(frozen=True)
class Review:
    """A review that exists for an instrument, to which states and bodies contribute."""

    key: str
    framework: str  # the framework whose items it reviews (frameworks.yaml)
    adopters_from: str  # the mechanism whose states adopted the instrument
    since_year: int  # the year the instrument, and so its review, exists from
    held_by: str = ""  # the body that holds it, if it is in the registry (no partner to itself)


# The reviews that exist. The GCM's progress is reviewed regionally every four years (in
# Latin America and the Caribbean with ECLAC and the UN Network on Migration) before the
# International Migration Review Forum (A/RES/73/195, ¶49-50); the LAD's endorsing states
# meet at ministerial level; AG/RES. 2988 (LII-O/22) ¶56 asks the CAM for an annual session
# with the mechanisms.
REVIEWS: tuple[Review, ...] = (
    Review("gcm-regional-review", "gcm", "GCM", 2018),
    Review("lad-ministerial", "lad", "LAD", 2022),
    Review("cam-annual-session", "agres2988", "OAS", 2022, held_by="CAM"),
)
ALIGNMENT_FRAMEWORKS = tuple(review.framework for review in REVIEWS)


@dataclass(frozen=True)
class ItemAlignment:
    """One item of a framework (a GCM objective, a LAD pillar, a ¶56 topic) and the bodies
    whose lines of work advance it, with those texts, best sources first."""

    framework: str
    code: str
    texts: dict[str, list[TextItem]] = field(default_factory=dict)

    @property
    def bodies(self) -> list[str]:
        return sorted(self.texts)


@dataclass(frozen=True)
class JointContribution:
    """Two bodies of largely the same states that advance the same items of an instrument:
    a joint contribution to its review would let their states report once."""

    a: str
    b: str
    review: str
    framework: str
    codes: list[str]
    shared_countries: list[str]
    adopters: list[str]  # the shared states that adopted the instrument
    score: float


@dataclass
class Alignment:
    items: list[ItemAlignment]
    joint: list[JointContribution]

    def item(self, framework: str, code: str) -> ItemAlignment | None:
        return next((i for i in self.items if i.framework == framework and i.code == code), None)

    def of_body(self, acronym: str) -> dict[str, list[str]]:
        """{framework: [codes]} the body's lines of work advance."""
        found: dict[str, list[str]] = {}
        for item in self.items:
            if acronym in item.texts:
                found.setdefault(item.framework, []).append(item.code)
        return found

    def joint_for(self, a: str, b: str) -> list[JointContribution]:
        return [j for j in self.joint if {j.a, j.b} == {a, b}]


def reviews_on(snapshot: Snapshot) -> list[Review]:
    """The reviews that exist on the snapshot's day, for instruments still in force."""
    status = {m.acronym: m.status for m in snapshot.mechanisms}
    return [
        review
        for review in REVIEWS
        if review.since_year <= snapshot.day.year
        and status.get(review.adopters_from, "active") == "active"
    ]


def framework_alignment(
    snapshot: Snapshot,
    matrix: MembershipMatrix,
    coefficient: np.ndarray,
    shared_counts: np.ndarray,
    bodies: set[str],
    partners: set[str],
) -> Alignment:
    """Which of `bodies`' lines of work advance which items, and the joint contributions to
    each existing review that pairs of `partners` (active bodies) of the same states could
    make: both advance at least one item, and some of their shared states adopted it."""
    wanted = set(ALIGNMENT_FRAMEWORKS)
    by_item: dict[tuple[str, str], dict[str, list[TextItem]]] = {}
    for text in snapshot.texts:
        if text.mechanism not in bodies:
            continue
        for theme in text.themes:
            for framework, code in snapshot.crosswalk.get(theme, []):
                if framework in wanted:
                    texts = by_item.setdefault((framework, code), {}).setdefault(text.mechanism, [])
                    if text not in texts:
                        texts.append(text)
    order = {
        (framework.key, item.code): (f, i)
        for f, framework in enumerate(snapshot.frameworks)
        for i, item in enumerate(framework.items)
    }
    items = [
        ItemAlignment(framework, code, {b: texts_by_quality(t) for b, t in texts.items()})
        for (framework, code), texts in sorted(
            by_item.items(), key=lambda entry: order.get(entry[0], (99, 99))
        )
    ]
    advances: dict[str, dict[str, set[str]]] = {}  # body -> framework -> codes
    for item in items:
        for body in item.texts:
            advances.setdefault(body, {}).setdefault(item.framework, set()).add(item.code)

    row = {acronym: i for i, acronym in enumerate(matrix.mechanisms)}
    # Pairs of partners of the same states, found at once over the whole matrix.
    is_partner = np.array([name in partners for name in matrix.mechanisms], dtype=bool)
    same_states = (shared_counts >= MIN_SHARED_STATES) & (coefficient >= SAME_STATES_COEFFICIENT)
    same_states &= is_partner[:, None] & is_partner[None, :]
    left, right = np.nonzero(np.triu(same_states, k=1))
    joint: list[JointContribution] = []
    for review in reviews_on(snapshot):
        adopters = (
            set(matrix.members_of(review.adopters_from)) if review.adopters_from in row else set()
        )
        for i, j in zip(left.tolist(), right.tolist(), strict=True):
            a, b = matrix.mechanisms[i], matrix.mechanisms[j]
            if review.held_by in (a, b):
                continue
            codes = advances.get(a, {}).get(review.framework, set()) & advances.get(b, {}).get(
                review.framework, set()
            )
            if not codes:
                continue
            shared = matrix.shared(i, j)
            adopting = sorted(set(shared) & adopters)
            if not adopting:
                continue
            joint.append(
                JointContribution(
                    a=a,
                    b=b,
                    review=review.key,
                    framework=review.framework,
                    codes=sorted(codes, key=lambda c: order.get((review.framework, c), (99, 99))),
                    shared_countries=shared,
                    adopters=adopting,
                    score=round(len(codes) * float(coefficient[i, j]), 4),
                )
            )
    joint.sort(key=lambda j: (-j.score, j.a, j.b, j.review))
    return Alignment(items, joint)
