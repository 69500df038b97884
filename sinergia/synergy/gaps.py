"""Gaps that explain themselves: for a theme and a subregion, which bodies were considered,
which cover the theme, why the others do not, the global frameworks apart, and how far the
answer can be trusted given how complete the bodies' recorded agendas are."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import numpy as np

from sinergia.synergy.alignment import texts_by_quality
from sinergia.synergy.analysis import Analysis
from sinergia.synergy.snapshot import DORMANT_AFTER_YEARS, TextItem, years_before

# An agenda of this many lines of work, one of them from a recent outcome document, is taken
# as complete: fewer lines make "no line of work on the theme" a weaker statement.
FULL_AGENDA_TEXTS = 10
CONFIDENCE_LEVELS = ((0.75, "high"), (0.4, "medium"), (0.0, "low"))

# Why a body considered for a subregion does or does not cover a theme.
COVERS = "covers"
DORMANT = "dormant"
NO_LINE_OF_WORK = "no_line_of_work"
NO_AGENDA = "no_agenda"


@dataclass(frozen=True)
class BodyConsidered:
    acronym: str
    members_here: list[str]  # its full members in the subregion (ISO3)
    reason: str  # covers | dormant | no_line_of_work | no_agenda
    texts: list[TextItem]  # its lines of work on the theme, best sources first
    agenda_size: int  # its lines of work and commitments known on the day
    recent_text: bool  # one of them from the last three years
    completeness: float  # how complete its recorded agenda looks, 0 to 1
    last_meeting: datetime.date | None


@dataclass(frozen=True)
class GlobalCover:
    """A global framework or an instrument that carries the theme: apart, since it does not
    meet in the subregion, with the subregion's states that adopted it."""

    acronym: str
    kind: str
    texts: list[TextItem]
    adopters_here: list[str]


@dataclass(frozen=True)
class GapExplanation:
    subregion: str
    theme: str
    covered: bool
    considered: list[BodyConsidered]
    global_frameworks: list[GlobalCover]
    items: list[tuple[str, str]] = field(default_factory=list)  # the theme's crosswalk
    confidence: float = 1.0
    confidence_level: str = "high"

    @property
    def covering(self) -> list[str]:
        return [body.acronym for body in self.considered if body.reason == COVERS]


def confidence_level(value: float) -> str:
    return next(level for floor, level in CONFIDENCE_LEVELS if value >= floor)


def agenda_completeness(texts: list[TextItem], day: datetime.date) -> tuple[float, bool]:
    """How complete a body's recorded agenda looks on `day`, in [0, 1], and whether one of
    its texts is dated within the last three years: ten lines make a full agenda; without a
    recent one, it counts half."""
    start = years_before(day, DORMANT_AFTER_YEARS)
    recent = any(t.latest_day is not None and t.latest_day > start for t in texts)
    size = min(len(texts) / FULL_AGENDA_TEXTS, 1.0)
    return round(size * (1.0 if recent else 0.5), 3), recent


def subregion_confidence(analysis: Analysis, subregion: str) -> float:
    """How far "no regional body works on it" can be trusted in a subregion: the mean
    completeness of the agendas of the active bodies with members there (1 where there is
    none: then nothing could cover a theme)."""
    explanation = gap_explanation(analysis, subregion, "")
    return explanation.confidence


def gap_explanation(analysis: Analysis, subregion: str, theme: str) -> GapExplanation:
    """Why `theme` is or is not covered in `subregion` on the analysis date. Considered: the
    bodies (not global, active) with a full member in the subregion. Each covers the theme
    when a line of work of it carries the theme, unless it is dormant; otherwise the reason
    is that it is dormant, that none of its lines of work carries the theme, or that it has
    no recorded line of work at all. The confidence of a gap is the mean completeness of the
    agendas of the active bodies considered; a covered theme is certain."""
    snapshot = analysis.snapshot
    day = snapshot.day
    matrix = analysis.matrix
    subregion_of = {c.iso3: c.subregion for c in snapshot.countries}
    here = np.array([subregion_of.get(iso3) == subregion for iso3 in matrix.countries])
    texts_of: dict[str, list[TextItem]] = {}
    for text in snapshot.texts:
        texts_of.setdefault(text.mechanism, []).append(text)
    considered = []
    global_frameworks = []
    for i, mechanism in enumerate(snapshot.mechanisms):
        acronym = mechanism.acronym
        members_here = [matrix.countries[j] for j in np.flatnonzero(matrix.member[i] & here)]
        own = texts_of.get(acronym, [])
        on_theme = texts_by_quality([t for t in own if theme in t.themes])
        if not mechanism.coordinates or mechanism.scope == "global":
            if on_theme and (mechanism.status == "active" or mechanism.is_body):
                global_frameworks.append(
                    GlobalCover(acronym, mechanism.kind, on_theme[:3], members_here)
                )
            continue
        if not members_here:
            continue
        completeness, recent = agenda_completeness(own, day)
        if mechanism.dormant(day):
            reason = DORMANT
        elif on_theme:
            reason = COVERS
        elif own:
            reason = NO_LINE_OF_WORK
        else:
            reason = NO_AGENDA
        considered.append(
            BodyConsidered(
                acronym=acronym,
                members_here=members_here,
                reason=reason,
                texts=on_theme[:3],
                agenda_size=len(own),
                recent_text=recent,
                completeness=completeness,
                last_meeting=mechanism.last_meeting,
            )
        )
    order = {COVERS: 0, NO_LINE_OF_WORK: 1, NO_AGENDA: 2, DORMANT: 3}
    considered.sort(key=lambda body: (order[body.reason], -len(body.members_here), body.acronym))
    covered = any(body.reason == COVERS for body in considered)
    active = [body for body in considered if body.reason != DORMANT]
    if covered or not active:
        confidence = 1.0
    else:
        confidence = round(sum(body.completeness for body in active) / len(active), 3)
    return GapExplanation(
        subregion=subregion,
        theme=theme,
        covered=covered,
        considered=considered,
        global_frameworks=sorted(global_frameworks, key=lambda g: g.acronym),
        items=list(snapshot.crosswalk.get(theme, [])),
        confidence=confidence,
        confidence_level=confidence_level(confidence),
    )
