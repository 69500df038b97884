"""The ranking judged by people who know the field: expected pairs and what must not be
there (tests/synergy/eval/expected_pairs.yaml), measured on an analysis.

    judgements = load_judgements(path)
    result = evaluate(analysis, judgements)
    result.precision_at_10       the share of the first ten opportunities that are expected
    result.ranks                 {(a, b): rank or None} of every expected pair
    result.violations            partners of the first twenty that must not be there
    result.late_evidence         evidence texts dated after the analysis date
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from sinergia.synergy.analysis import Analysis

PRECISION_AT = 10
CHECKED_TOP = 20


@dataclass(frozen=True)
class ExpectedPair:
    pair: tuple[str, str]
    reason: str
    sources: list[str]
    within: int | None = None  # must rank at or above it where both bodies are partners


@dataclass(frozen=True)
class Judgements:
    dates: list[str]  # "today" or YYYY-MM-DD
    expected: list[ExpectedPair]
    not_expected: dict[str, str]  # mechanism -> reason
    dormant_not_expected: bool = True

    def days(self, today: datetime.date) -> list[datetime.date]:
        return [today if d == "today" else datetime.date.fromisoformat(d) for d in self.dates]


def _key(a: str, b: str) -> tuple[str, str]:
    first, second = sorted((a, b))
    return first, second


def load_judgements(path: Path) -> Judgements:
    """Read and check the judgement file: every entry has a reason; expected pairs name two
    different mechanisms and at least one source."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    expected = []
    for entry in raw["expected"]:
        a, b = entry["pair"]
        if a == b or not entry.get("reason") or not entry.get("sources"):
            raise ValueError(f"{path.name}: {a}·{b} needs two mechanisms, a reason and sources")
        expected.append(
            ExpectedPair(_key(a, b), entry["reason"], list(entry["sources"]), entry.get("within"))
        )
    not_expected: dict[str, str] = {}
    dormant = False
    for entry in raw["not_expected"]:
        if not entry.get("reason"):
            raise ValueError(f"{path.name}: every entry of not_expected needs a reason")
        if entry.get("dormant"):
            dormant = True
        else:
            not_expected[entry["mechanism"]] = entry["reason"]
    return Judgements([str(d) for d in raw["dates"]], expected, not_expected, dormant)


@dataclass
class Result:
    day: datetime.date
    precision_at_10: float
    ranks: dict[tuple[str, str], int | None]
    # Expected pairs with `within` whose two bodies are both partners on the day: {pair:
    # the rank they must reach}. A pair with a dormant body is not required on that day.
    required: dict[tuple[str, str], int]
    violations: list[tuple[int, str, str]] = field(default_factory=list)  # (rank, body, why)
    late_evidence: list[tuple[str, str]] = field(default_factory=list)  # (pair key, text key)

    @property
    def within_met(self) -> dict[tuple[str, str], bool]:
        return {
            pair: (rank := self.ranks[pair]) is not None and rank <= within
            for pair, within in self.required.items()
        }


def evaluate(analysis: Analysis, judgements: Judgements) -> Result:
    day = analysis.snapshot.day
    ranked = [_key(o.a, o.b) for o in analysis.opportunities]
    expected = {pair.pair for pair in judgements.expected}
    top = ranked[:PRECISION_AT]
    precision = sum(pair in expected for pair in top) / PRECISION_AT
    ranks = {
        pair.pair: (ranked.index(pair.pair) + 1 if pair.pair in ranked else None)
        for pair in judgements.expected
    }
    partners = set(analysis.partners)
    required = {
        pair.pair: pair.within
        for pair in judgements.expected
        if pair.within and set(pair.pair) <= partners
    }
    dormant = {body.acronym for body in analysis.dormant}
    violations = []
    for rank, opportunity in enumerate(analysis.opportunities[:CHECKED_TOP], start=1):
        for body in (opportunity.a, opportunity.b):
            if body in judgements.not_expected:
                violations.append((rank, body, judgements.not_expected[body]))
            elif judgements.dormant_not_expected and body in dormant:
                violations.append((rank, body, "dormant"))
            elif not analysis.snapshot.mechanism(body).is_body:
                violations.append((rank, body, "instrument"))
    late = [
        (opportunity.key, text.key)
        for opportunity in analysis.opportunities
        for match in opportunity.evidence
        for text in (match.a, match.b)
        if text.latest_day is not None and text.latest_day > day
    ]
    return Result(day, precision, ranks, required, violations, late)
