"""The synergy analysis over the API: overlaps, opportunities, gaps and their explanation,
burden, duplications, bodies and alignment, and a state's partners."""

from __future__ import annotations

import datetime

from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema

from sinergia.api_support import Count, IsoDate
from sinergia.synergy import selectors
from sinergia.synergy.analysis import Analysis
from sinergia.synergy.export import (
    alignment_dict,
    bodies_dict,
    duplication_dict,
    gap_explanation_dict,
    gaps_dict,
    opportunity_dict,
    partners_dict,
)
from sinergia.synergy.gaps import gap_explanation
from sinergia.synergy.states import state_view

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
    translations: dict[str, str]
    year: int | None
    date: str | None
    themes: list[str]
    source_title: str
    source_url: str
    source_quality: str


class EvidenceOut(Schema):
    similarity: float
    themes: list[str]
    source_quality: str
    texts: list[EvidenceTextOut]


class JointContributionOut(Schema):
    review: str
    name: dict[str, str]
    mechanisms: list[str]
    framework: str
    items: list[str]
    shared_countries: list[str]
    adopters: list[str]


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
    reviews: list[JointContributionOut]


class SubregionGapsOut(Schema):
    subregion: str
    gaps: list[str]
    covered: dict[str, list[str]]
    confidence: float


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


class BodyConsideredOut(Schema):
    mechanism: str
    reason: str
    members_here: list[str]
    agenda_size: int
    recent_text: bool
    completeness: float
    last_meeting: str | None
    texts: list[EvidenceTextOut]


class GlobalCoverOut(Schema):
    mechanism: str
    kind: str
    adopters_here: list[str]
    texts: list[EvidenceTextOut]


class FrameworkItemRefOut(Schema):
    framework: str
    code: str


class GapExplanationOut(Schema):
    subregion: str
    theme: str
    covered: bool
    covering: list[str]
    confidence: float
    confidence_level: str
    considered: list[BodyConsideredOut]
    global_frameworks: list[GlobalCoverOut]
    items: list[FrameworkItemRefOut]


class BodyOut(Schema):
    mechanism: str
    kind: str
    category: str
    status: str
    acts_through: str | None
    last_meeting: str | None
    dormant: bool
    partner: bool
    advances: dict[str, list[str]]


class ItemAlignmentOut(Schema):
    framework: str
    code: str
    mechanisms: list[str]
    texts: dict[str, list[EvidenceTextOut]]


class AlignmentOut(Schema):
    items: list[ItemAlignmentOut]
    joint_contributions: list[JointContributionOut]


class PartnerOut(Schema):
    country: str
    shared_mechanisms: list[str]
    themes: list[str]
    meetings: int


class PartnersOut(Schema):
    country: str
    on: datetime.date
    results: list[PartnerOut]


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
    """Pairs of bodies that should work together, ranked, as of `on` (default today): on
    which themes, with which member states, a suggested form with a sentence in Spanish and
    English, the matching texts of both sides (each with its `date` and its source's
    `source_quality`, best sources first, none dated after `on`), and the joint
    contributions they could make to the reviews of the instruments they implement. Only
    bodies that can act, active and with a meeting in the three years before `on`, are
    partners: never a declaration, a compact or a dialogue."""
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
    """For each subregion, the themes that no regional body with member states there works on
    (and, for the others, which bodies do), with the confidence the completeness of their
    agendas allows; for each country, the themes none of its regional bodies works on.
    Global frameworks and instruments are not counted; dormant bodies neither."""
    return gaps_dict(_analysis(query.on))


@router.get(
    "/synergy/gaps/{subregion}/{theme}",
    response=GapExplanationOut,
    summary="Why a theme is or is not covered in a subregion",
)
def gap_explain(
    request: HttpRequest, subregion: str, theme: str, query: Query[DayQuery]
) -> dict[str, object]:
    """The bodies considered (not global, with a full member in the subregion), which cover
    the theme with their texts, why each other one does not (`dormant`, `no_line_of_work`,
    `no_agenda`), the global frameworks and instruments that carry it apart, and the
    confidence of a gap given how complete the considered agendas are."""
    analysis = _analysis(query.on)
    if subregion not in analysis.snapshot.subregions or theme not in analysis.snapshot.themes:
        raise Http404(f"No subregion {subregion} or theme {theme}")
    return gap_explanation_dict(gap_explanation(analysis, subregion, theme))


@router.get("/synergy/bodies", response=list[BodyOut], summary="Bodies and instruments")
def bodies(request: HttpRequest, query: Query[DayQuery]) -> list[dict[str, object]]:
    """Every mechanism as `body` (it can act: its states meet) or `instrument` (what bodies
    implement), with its last meeting known on `on`, whether it is dormant (no meeting in
    the three years before), whether it can be a partner of opportunities, and the items of
    the GCM, the Los Angeles Declaration and AG/RES. 2988 ¶56 its lines of work advance."""
    return bodies_dict(_analysis(query.on))


@router.get("/synergy/alignment", response=AlignmentOut, summary="Alignment with instruments")
def alignment(request: HttpRequest, query: Query[DayQuery]) -> dict[str, object]:
    """For each GCM objective, Los Angeles Declaration pillar and ¶56 topic, the bodies whose
    lines of work advance it (through the vocabulary's crosswalk), with their best-sourced
    texts; and the joint contributions pairs of bodies of the same states could make to the
    reviews that exist (the regional review of the GCM, the LAD ministerial meeting, the
    CAM's annual session)."""
    return alignment_dict(_analysis(query.on))


@router.get(
    "/countries/{iso3}/partners",
    response=PartnersOut,
    summary="The states a country meets most often",
)
def partners(request: HttpRequest, iso3: str, query: Query[DayQuery]) -> dict[str, object]:
    """The states that are full members of the same active bodies as `iso3` on `on`
    (default today), most shared bodies first: the bodies (`shared_mechanisms`), the themes
    those bodies work on (by most of them first) and how many meetings they held in the
    three years before. Observers and states only seen at meetings are not counted."""
    analysis = _analysis(query.on)
    code = iso3.upper()
    if code not in analysis.matrix.countries:
        raise Http404(f"No country {iso3}")
    return partners_dict(state_view(analysis, code))


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
