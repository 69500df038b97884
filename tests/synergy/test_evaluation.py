"""The ranking as people who know the field judge it (tests/synergy/eval/expected_pairs.yaml),
on the bundled data, as of today and as of the CAM's session of 9 May 2023: the floor
reached is held here. `make eval-synergy` prints the same figures."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.conf import settings

from sinergia.reference.validation import read_bundle
from sinergia.registry.selectors import today
from sinergia.synergy.evaluation import evaluate, load_judgements
from sinergia.synergy.selectors import registry_analysis

JUDGEMENTS = load_judgements(Path(__file__).parent / "eval" / "expected_pairs.yaml")
SESSION_DAY = datetime.date(2023, 5, 9)

# The floors reached on the bundled data: precision at 10, and how many of the pairs that
# must rank in the first ten have both bodies active on the date (a body with no recorded
# meeting in the three years before cannot be ranked: complete calendars raise this).
PRECISION_FLOOR = {"today": 0.4, SESSION_DAY: 0.5}
REQUIRED_FLOOR = {"today": 3, SESSION_DAY: 3}


def test_the_judgements_name_bundled_mechanisms_with_reasons_and_sources():
    acronyms = {spec.acronym for spec in read_bundle(settings.SINERGIA_DATA_DIR).mechanisms}
    assert len(JUDGEMENTS.expected) >= 8
    for pair in JUDGEMENTS.expected:
        assert set(pair.pair) <= acronyms, pair.pair
        assert pair.reason.strip() and all(s.startswith("https://") for s in pair.sources)
    assert set(JUDGEMENTS.not_expected) <= acronyms
    assert {"NYD", "GCM", "GMG"} <= set(JUDGEMENTS.not_expected)
    assert JUDGEMENTS.dormant_not_expected
    assert [p.pair for p in JUDGEMENTS.expected if p.within == 10] == [
        ("CRM", "MIRPS"),
        ("CRM", "OCAM"),
        ("CSM", "QUITO"),
        ("CSM", "FEM"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("when", ["today", SESSION_DAY], ids=["today", "2023-05-09"])
def test_the_ranking_holds_its_floor(when):
    day = today() if when == "today" else when
    analysis = registry_analysis(day)
    result = evaluate(analysis, JUDGEMENTS)
    # No instrument, no dormant body, no body acting through a committee among the partners
    # of the first twenty.
    assert result.violations == []
    # No evidence dated after the analysis date.
    assert result.late_evidence == []
    # Every pair that must be in the first ten is there wherever both bodies are active.
    assert all(result.within_met.values()), (result.ranks, result.required)
    assert len(result.required) >= REQUIRED_FLOOR[when]
    assert result.precision_at_10 >= PRECISION_FLOOR[when]
