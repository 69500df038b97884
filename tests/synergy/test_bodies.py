"""Bodies that can act are the only partners; instruments are what they implement; dormant
bodies are shown apart; evidence comes best sources first; dates are what existed. On a
registry known by hand (tests/synergy/cases.py)."""

from __future__ import annotations

import datetime
from dataclasses import replace

import pytest

from sinergia.synergy.analysis import analyze
from sinergia.synergy.snapshot import body_acts, known_on, last_possible_day, years_before
from tests.synergy.cases import architecture


@pytest.fixture(scope="module")
def analysis():
    return analyze(architecture())


def test_only_active_bodies_are_partners(analysis):
    assert analysis.partners == ["C", "P", "Q"]
    pairs = {(o.a, o.b) for o in analysis.opportunities}
    assert ("P", "Q") in pairs
    named = {name for pair in pairs for name in pair}
    # Instruments never, the organization through its committee only, the dormant body not.
    assert not named & {"GCM", "NYD", "LAD", "O", "R"}


def test_a_dormant_body_is_listed_with_its_last_meeting(analysis):
    assert [(body.acronym, body.last_meeting) for body in analysis.dormant] == [
        ("R", datetime.date(2021, 1, 15))
    ]


def test_what_is_a_body_is_decided_from_the_data():
    # A compact whose states are signatories is an instrument, even with review meetings; a
    # framework with members of its own that meets (MIRPS) is a body.
    assert not body_acts("framework", own_members=False, meets=True)
    assert body_acts("framework", own_members=True, meets=True)
    assert not body_acts("framework", own_members=True, meets=False)
    assert body_acts("network_of_authorities", own_members=False, meets=False)
    for kind in ("declaration", "un_dialogue", "interagency_group", "project"):
        assert not body_acts(kind, own_members=True, meets=True)


def test_evidence_comes_best_sources_first_and_weaker_only_for_new_themes(analysis):
    opportunity = analysis.opportunity("P--Q")
    found = [(m.a.key, m.b.key, m.quality) for m in opportunity.evidence]
    # Protection rests on two official texts; the press and blog copies on protection add
    # nothing and are left out; trafficking has only weaker sources, and is kept.
    assert found[0] == ("p1", "q1", "official")
    assert ("p2", "q2", "other") in found
    assert not any("p3" in pair or "q3" in pair for pair in found)


def test_two_bodies_of_the_same_states_contribute_jointly_to_the_reviews(analysis):
    opportunity = analysis.opportunity("P--Q")
    joint = {j.review: j for j in opportunity.reviews}
    assert joint["gcm-regional-review"].codes == ["7", "10"]
    assert joint["gcm-regional-review"].adopters == ["X1", "X2", "X3"]
    # Only two of the shared states endorsed the declaration: they are the ones named.
    assert joint["lad-ministerial"].codes == ["2"]
    assert joint["lad-ministerial"].adopters == ["X1", "X2"]
    assert analysis.alignment.of_body("R") == {"gcm": ["11"]}
    assert analysis.alignment.item("gcm", "7").bodies == ["P", "Q"]


def test_no_review_before_its_instrument_exists():
    early = analyze(replace(architecture(), day=datetime.date(2021, 6, 1)))  # LAD: 2022
    reviews = {j.review for j in early.alignment.joint}
    assert "lad-ministerial" not in reviews


def test_participants_are_not_members():
    snapshot = architecture()
    analysis = analyze(snapshot)
    assert "X5" not in analysis.matrix.members_of("R")
    burden = {b.country: b for b in analysis.burden}
    assert "R" not in burden["X5"].mechanism_list


@pytest.mark.parametrize(
    ("value", "precision", "last"),
    [
        (datetime.date(2023, 1, 1), "year", datetime.date(2023, 12, 31)),
        (datetime.date(2024, 2, 1), "month", datetime.date(2024, 2, 29)),
        (datetime.date(2023, 11, 19), "day", datetime.date(2023, 11, 19)),
    ],
)
def test_a_partial_date_counts_from_its_last_possible_day(value, precision, last):
    assert last_possible_day(value, precision) == last
    assert not known_on(last - datetime.timedelta(days=1), value, precision)
    assert known_on(last, value, precision)


def test_texts_dated_by_year_or_undated():
    day = datetime.date(2023, 5, 9)
    assert not known_on(day, None, "day", year=2023)  # "2023" may be November 2023
    assert known_on(day, None, "day", year=2022)
    assert known_on(day, None, "day")  # undated: the caller decides (see the selectors)


def test_three_years_before_a_leap_day():
    assert years_before(datetime.date(2024, 2, 29), 3) == datetime.date(2021, 2, 28)
