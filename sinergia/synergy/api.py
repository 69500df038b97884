"""The synergy analysis over the API: overlaps, opportunities, gaps, burden, duplications."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from ninja import Query, Router, Schema

from sinergia.api_support import Count, IsoDate
from sinergia.synergy import selectors
from sinergia.synergy.analysis import Analysis
from sinergia.synergy.export import duplication_dict, gaps_dict, opportunity_dict

router = Router(tags=["synergy"])


class DayQuery(Schema):
    on: IsoDate | None = None


class OverlapQuery(DayQuery):
    mechanism: str = ""
    min_shared: Count = 0


class OverlapOut(Schema):
    a: str
    b: str
    shared: list[str]
    jaccard: float
    overlap_coefficient: float
    theme_overlap: float
    shared_themes: list[str]


class EvidenceTextOut(Schema):
    mechanism: str
    kind: str
    text: str
    language: str
    year: int | None
    themes: list[str]
    source_title: str
    source_url: str


class EvidenceOut(Schema):
    similarity: float
    themes: list[str]
    texts: list[EvidenceTextOut]


class SuggestionOut(Schema):
    form: str
    label: dict[str, str]
    text: dict[str, str]


class OpportunityOut(Schema):
    key: str
    rank: int
    mechanisms: list[str]
    themes: list[str]
    shared_countries: list[str]
    score: float
    jaccard: float
    overlap_coefficient: float
    theme_overlap: float
    suggestion: SuggestionOut
    evidence: list[EvidenceOut]


class SubregionGapsOut(Schema):
    subregion: str
    gaps: list[str]
    covered: dict[str, list[str]]


class CountryGapsOut(Schema):
    country: str
    forums: list[str]
    uncovered_themes: list[str]


class GapsOut(Schema):
    note: str
    subregions: list[SubregionGapsOut]
    countries: list[CountryGapsOut]


class BurdenOut(Schema):
    country: str
    mechanisms: int
    roles: dict[str, int]
    meetings_per_year: float
    mechanism_list: list[str]


class DuplicationOut(Schema):
    mechanisms: list[str]
    theme: str
    shared_countries: list[str]
    overlap_coefficient: float
    score: float
    evidence: list[EvidenceOut]


def _analysis(on: datetime.date | None) -> Analysis:
    return selectors.registry_analysis(on)


@router.get(
    "/synergy/overlap", response=list[OverlapOut], summary="Membership and thematic overlap"
)
def overlap(request: HttpRequest, query: Query[OverlapQuery]) -> list[object]:
    """One item per pair of mechanisms: the ISO3 codes of the member states they share
    (members, signatories and associates; observers are not counted), the Jaccard index and
    overlap coefficient of their memberships, and the cosine similarity of their themes."""
    pairs = _analysis(query.on).overlaps()
    if query.mechanism:
        wanted = query.mechanism.upper()
        pairs = [pair for pair in pairs if wanted in (pair.a, pair.b)]
    return [pair for pair in pairs if len(pair.shared) >= query.min_shared]


@router.get(
    "/synergy/opportunities", response=list[OpportunityOut], summary="Coordination opportunities"
)
def opportunities(request: HttpRequest, query: Query[OverlapQuery]) -> list[dict[str, object]]:
    """Pairs of active mechanisms that should work together, ranked: on which themes, with
    which member states, a suggested form with a sentence in Spanish and English, and the
    matching texts of both sides with their sources."""
    analysis = _analysis(query.on)
    labels = selectors.wording_labels()
    return [
        opportunity_dict(opportunity, rank, analysis, labels)
        for rank, opportunity in enumerate(analysis.opportunities, start=1)
        if (not query.mechanism or query.mechanism.upper() in (opportunity.a, opportunity.b))
        and len(opportunity.shared_countries) >= query.min_shared
    ]


@router.get("/synergy/gaps", response=GapsOut, summary="Themes no regional forum covers")
def gaps(request: HttpRequest, query: Query[DayQuery]) -> dict[str, object]:
    """For each subregion, the themes that no regional forum with member states there works on
    (and, for the others, which forums do); for each country, the themes none of its regional
    forums works on. Global frameworks are not counted as forums."""
    return gaps_dict(_analysis(query.on))


@router.get("/synergy/burden", response=list[BurdenOut], summary="Participation burden")
def burden(request: HttpRequest, query: Query[DayQuery]) -> list[object]:
    """Per country, heaviest first: how many mechanisms it takes part in, in which roles, and
    how many meetings a year they hold (recorded meetings of the last five years)."""
    return list(_analysis(query.on).burden)


@router.get("/synergy/duplications", response=list[DuplicationOut], summary="Possible duplication")
def duplications(request: HttpRequest, query: Query[DayQuery]) -> list[dict[str, object]]:
    """Pairs working on the same theme with mostly the same member states (overlap
    coefficient ≥ 0.5), with the matching texts of each side."""
    return [duplication_dict(d) for d in _analysis(query.on).duplications]
