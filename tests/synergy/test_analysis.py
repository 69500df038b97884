"""The synergy computations on a small registry whose answers are known by hand."""

from __future__ import annotations

import pytest

from sinergia.synergy.analysis import analyze
from tests.synergy.cases import small_registry


@pytest.fixture(scope="module")
def analysis():
    return analyze(small_registry())


def test_membership_overlap_of_a_pair(analysis):
    pair = analysis.pair("A", "B")
    assert pair.shared == ["X2", "X3"]
    assert pair.jaccard == 0.5  # 2 shared of 4 distinct members (the observer X5 is not counted)
    assert pair.overlap_coefficient == pytest.approx(2 / 3, abs=1e-4)
    assert pair.shared_themes == ["trafficking-in-persons", "smuggling-of-migrants"] or set(
        pair.shared_themes
    ) == {"trafficking-in-persons", "smuggling-of-migrants"}


def test_overlap_with_a_declaration_every_member_signed(analysis):
    pair = analysis.pair("A", "C")
    assert pair.shared == ["X1", "X2", "X3"]
    assert pair.jaccard == 0.5
    assert pair.overlap_coefficient == 1.0
    assert pair.theme_overlap == 0.0  # no theme in common


def test_every_pair_is_listed_once(analysis):
    pairs = analysis.overlaps()
    assert len(pairs) == 10  # 5 mechanisms: 5 × 4 / 2
    assert len({(p.a, p.b) for p in pairs}) == 10


def test_gaps_by_subregion(analysis):
    coverage = {c.subregion: c for c in analysis.coverage}
    # Regular pathways: only the declaration C works on it, and a declaration is no forum.
    assert "regular-pathways" in coverage["north"].gaps
    assert "regular-pathways" in coverage["south"].gaps
    # Health: process D has its only member (X6) in the south.
    assert "health" in coverage["north"].gaps
    assert coverage["south"].by_theme["health"] == ["D"]
    assert coverage["north"].by_theme["trafficking-in-persons"] == ["A", "B"]


def test_countries_with_no_forum_for_a_theme(analysis):
    gaps = {g.country: g for g in analysis.gaps}
    assert gaps["X1"].forums == ["A"]
    assert set(gaps["X1"].uncovered_themes) == {"regular-pathways", "health"}
    assert gaps["X5"].forums == []  # an observer in B only


def test_participation_burden(analysis):
    burden = {b.country: b for b in analysis.burden}
    assert burden["X2"].mechanisms == 4  # A, B, C, E
    assert burden["X2"].roles == {"member": 3, "signatory": 1}
    assert burden["X2"].meetings_per_year == 3.0  # A 2 + B 1
    assert burden["X5"].roles == {"observer": 1, "signatory": 1}
    assert analysis.burden[0].country in {"X2", "X3"}  # the heaviest come first


def test_opportunities_ranked_with_evidence_across_languages(analysis):
    first = analysis.opportunities[0]
    assert (first.a, first.b) == ("A", "B")
    assert first.shared_countries == ["X2", "X3"]
    assert first.form == "division_of_labour"  # same states, same themes
    [match] = first.evidence
    assert (match.a.key, match.b.key) == ("a1", "b1")  # a Spanish and an English text
    assert set(match.shared_themes) == {"trafficking-in-persons", "smuggling-of-migrants"}
    keys = {(o.a, o.b) for o in analysis.opportunities}
    assert ("A", "C") not in keys  # no theme in common
    assert not any("E" in key for key in keys)  # a concluded project does not coordinate


def test_duplication_needs_the_same_theme_and_the_same_countries(analysis):
    found = {(d.a, d.b, d.theme) for d in analysis.duplications}
    assert ("A", "B", "trafficking-in-persons") in found
    assert all(d.overlap_coefficient >= 0.5 for d in analysis.duplications)
