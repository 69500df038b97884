"""Gaps that explain themselves, and a state's view, on a registry known by hand."""

from __future__ import annotations

import datetime

import pytest

from sinergia.synergy.analysis import analyze
from sinergia.synergy.gaps import gap_explanation
from sinergia.synergy.states import state_view
from tests.synergy.cases import architecture


@pytest.fixture(scope="module")
def analysis():
    return analyze(architecture())


def test_a_covered_theme_names_who_covers_it_and_why_the_others_do_not(analysis):
    explanation = gap_explanation(analysis, "north", "protection")
    assert explanation.covered
    reasons = {body.acronym: body.reason for body in explanation.considered}
    # O acts through C, and global instruments are apart: neither is considered.
    assert reasons == {"P": "covers", "Q": "covers", "C": "no_line_of_work", "R": "dormant"}
    assert explanation.confidence_level == "high"
    assert {g.acronym for g in explanation.global_frameworks} == {"GCM", "LAD", "NYD"}
    assert ("gcm", "7") in explanation.items


def test_a_gap_is_only_as_sure_as_the_agendas_recorded(analysis):
    explanation = gap_explanation(analysis, "south", "borders")
    assert not explanation.covered
    considered = {body.acronym: body for body in explanation.considered}
    assert set(considered) == {"C", "P"}  # the bodies with a member in the south
    assert considered["P"].reason == "no_line_of_work"
    # Three and one lines of work, each with a recent one: thin agendas, a low confidence.
    assert considered["P"].completeness == pytest.approx(0.3)
    assert explanation.confidence == pytest.approx((0.3 + 0.1) / 2)
    assert explanation.confidence_level == "low"


def test_a_states_forums_partners_duplicated_themes_and_clashes(analysis):
    view = state_view(analysis, "X1")
    roles = {forum.acronym: forum.role for forum in view.forums}
    assert roles["GCM"] == "signatory" and roles["P"] == "member"
    first = view.partners[0]
    # X2 and X3 sit with X1 in C, P and Q; X4 only in C and P; R is dormant and not counted.
    assert [p.country for p in view.partners[:2]] == ["X2", "X3"]
    assert first.shared_mechanisms == ["C", "P", "Q"]
    assert first.themes[:2] == ["protection", "trafficking"]
    assert next(p for p in view.partners if p.country == "X4").shared_mechanisms == ["C", "P"]
    assert [(d.theme, d.mechanisms) for d in view.duplicated_themes] == [
        ("protection", ["P", "Q"]),
        ("trafficking", ["P", "Q"]),
    ]
    assert view.meetings_in(2025) == 3
    [clash] = view.clashes
    assert (clash.first.mechanism, clash.second.mechanism, clash.days_apart) == ("P", "Q", 2)


def test_a_participant_has_no_partners_through_the_body_it_was_seen_at(analysis):
    view = state_view(analysis, "X5")
    assert {forum.acronym: forum.role for forum in view.forums}["R"] == "participant"
    assert all("R" not in p.shared_mechanisms for p in view.partners)
    assert view.day == datetime.date(2026, 1, 1)
