"""Feed the synergy analysis from the database: a snapshot of the registry on one day."""

from __future__ import annotations

import datetime
import secrets
import time
from collections.abc import Callable, Iterable

from django.core.cache import cache

from sinergia.data_version import ALL_BUT_PRACTICES, data_version
from sinergia.registry.models import (
    AgendaItem,
    Commitment,
    Country,
    Mechanism,
    Meeting,
    MeetingStatus,
    Membership,
    Role,
    SourceQuality,
    Subregion,
)
from sinergia.registry.selectors import today
from sinergia.synergy.analysis import Analysis, Progress, analyze
from sinergia.synergy.snapshot import (
    CountryInfo,
    FrameworkInfo,
    FrameworkItemInfo,
    MechanismInfo,
    MeetingInfo,
    Participation,
    Snapshot,
    TextItem,
    body_acts,
    known_on,
    last_possible_day,
    years_before,
)
from sinergia.vocabulary.models import Concept, ConceptMatch, Framework, FrameworkItem

MEETING_WINDOW_YEARS = 5
# While one process computes the analysis of a version of the data, the others wait for it
# (up to ANALYSIS_WAIT_SECONDS) rather than compute the same analysis at the same moment. The
# mark of a computation under way outlives any computation, and goes with a process that died.
ANALYSIS_WAIT_SECONDS = 10.0
ANALYSIS_POLL_SECONDS = 0.05
ANALYSIS_MARK_SECONDS = 60

# Texts that apps above the analysis add to every snapshot (the dialogue adds the
# contributions the public may read): they pass them down, the analysis imports none of them.
TextSource = Callable[[datetime.date], Iterable[TextItem]]
_text_sources: list[TextSource] = []


def text_source_register(source: TextSource) -> None:
    """Add `source(day)`'s texts to every snapshot of the registry, from that day on."""
    if source not in _text_sources:
        _text_sources.append(source)


def _held_on(membership: Membership, day: datetime.date) -> bool:
    """Whether a membership certainly held on `day`: it began by then (a start known only to
    the year or the month counts from its last day) and had not ended."""
    if membership.since is not None and not known_on(
        day, membership.since, membership.since_precision
    ):
        return False
    return membership.until is None or day < membership.until


def _meetings_known(day: datetime.date) -> tuple[list[MeetingInfo], dict[str, float]]:
    """The meetings certainly held by `day`, oldest first, and each mechanism's meetings a
    year over the five years up to `day`."""
    start = years_before(day, MEETING_WINDOW_YEARS)
    meetings = []
    counts: dict[str, int] = {}
    for meeting in (
        Meeting.objects.select_related("mechanism")
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("date", "pk")
    ):
        if not known_on(day, meeting.date, meeting.date_precision):
            continue
        acronym = meeting.mechanism.acronym
        meetings.append(
            MeetingInfo(
                mechanism=acronym,
                title=meeting.title,
                date=meeting.date,
                date_precision=meeting.date_precision,
                end_date=meeting.end_date,
                level=meeting.level,
                place=meeting.place,
            )
        )
        if meeting.date > start:
            counts[acronym] = counts.get(acronym, 0) + 1
    return meetings, {acronym: count / MEETING_WINDOW_YEARS for acronym, count in counts.items()}


def _last_meetings(meetings: list[MeetingInfo]) -> dict[str, datetime.date]:
    last: dict[str, datetime.date] = {}
    for meeting in meetings:
        end = meeting.end_date or last_possible_day(meeting.date, meeting.date_precision)
        if end > last.get(meeting.mechanism, datetime.date.min):
            last[meeting.mechanism] = end
    return last


def _frameworks() -> tuple[list[FrameworkInfo], dict[str, list[tuple[str, str]]]]:
    """The frameworks with their items, and the crosswalk {theme: [(framework, code)]}."""
    items: dict[int, list[FrameworkItemInfo]] = {}
    for framework_id, code, labels in FrameworkItem.objects.order_by(
        "framework_id", "position"
    ).values_list("framework_id", "code", "labels"):
        items.setdefault(framework_id, []).append(FrameworkItemInfo(code, labels))
    frameworks = [
        FrameworkInfo(key, labels, items.get(pk, []))
        for pk, key, labels in Framework.objects.order_by("position").values_list(
            "pk", "key", "labels"
        )
    ]
    crosswalk: dict[str, list[tuple[str, str]]] = {}
    for theme, framework, code in ConceptMatch.objects.order_by(
        "item__framework__position", "item__position"
    ).values_list("concept__key", "item__framework__key", "item__code"):
        crosswalk.setdefault(theme, []).append((framework, code))
    return frameworks, crosswalk


def _text_item(item: AgendaItem | Commitment, kind: str) -> TextItem:
    return TextItem(
        key=f"{kind}:{item.pk}",
        mechanism=item.mechanism.acronym,
        kind=kind,
        text=item.text,
        language=item.language,
        themes=frozenset(concept.key for concept in item.themes.all()),
        source_title=f"{item.source.publisher}: {item.source.title}",
        source_url=item.source.url,
        source_language=item.source.language,
        year=item.year,
        date=item.date,
        date_precision=item.date_precision,
        source_quality=item.source.quality or SourceQuality.OTHER,
        translations=dict(item.translations or {}),
    )


def _text_known(item: AgendaItem | Commitment, day: datetime.date) -> bool:
    """Whether an agenda line or commitment existed on `day`: by its date, else its year,
    else (an undated standing line of work) from the year its body was established."""
    if item.date is not None or item.year is not None:
        return known_on(day, item.date, item.date_precision, year=item.year)
    established = item.mechanism.established
    return established is None or established <= day.year


def registry_snapshot(day: datetime.date | None = None) -> Snapshot:
    """The registry as the analysis needs it, on `day` (default today), in a fixed number of
    queries: mechanisms (bodies or instruments, with their last meeting), countries, the
    memberships that certainly held that day (a mechanism that shares another's members gets
    them), the meetings, agenda items and commitments known that day with their themes,
    dates and sources' quality, the frameworks' crosswalk, and the texts of every registered
    source (`text_source_register`)."""
    day = day or today()
    mechanisms = list(
        Mechanism.objects.select_related("members_from", "parent").order_by("acronym")
    )
    meetings, per_year = _meetings_known(day)
    last_meeting = _last_meetings(meetings)
    memberships = [
        m for m in Membership.objects.select_related("mechanism", "country") if _held_on(m, day)
    ]
    own_members = {m.mechanism_id for m in memberships if m.role in (Role.MEMBER, Role.ASSOCIATE)}
    committees = {
        m.members_from_id: m.acronym
        for m in mechanisms
        if m.members_from_id and m.parent_id == m.members_from_id
    }
    infos = []
    for mechanism in mechanisms:
        family = {
            m.acronym
            for m in mechanisms
            if m.parent_id == mechanism.pk or m.members_from_id == mechanism.pk
        }
        if mechanism.parent:
            family.add(mechanism.parent.acronym)
        if mechanism.members_from:
            family.add(mechanism.members_from.acronym)
        has_members = mechanism.pk in own_members or mechanism.members_from_id in own_members
        infos.append(
            MechanismInfo(
                acronym=mechanism.acronym,
                kind=mechanism.kind,
                scope=mechanism.scope,
                names=mechanism.names,
                family=frozenset(family),
                meetings_per_year=per_year.get(mechanism.acronym, 0.0),
                status=mechanism.status,
                acts=body_acts(
                    mechanism.kind,
                    own_members=has_members,
                    meets=mechanism.acronym in last_meeting,
                ),
                last_meeting=last_meeting.get(mechanism.acronym),
                acts_through=committees.get(mechanism.pk, ""),
                established=mechanism.established,
            )
        )
    participations = [
        Participation(m.mechanism.acronym, m.country.iso3, m.role) for m in memberships
    ]
    for mechanism in mechanisms:
        if mechanism.members_from_id:
            participations.extend(
                Participation(mechanism.acronym, m.country.iso3, m.role)
                for m in memberships
                if m.mechanism_id == mechanism.members_from_id
            )
    texts: list[TextItem] = []
    for model, kind in ((AgendaItem, "agenda"), (Commitment, "commitment")):
        for item in model.objects.select_related("mechanism", "source").prefetch_related("themes"):
            if _text_known(item, day):
                texts.append(_text_item(item, kind))
    for source in _text_sources:
        texts.extend(source(day))
    frameworks, crosswalk = _frameworks()
    return Snapshot(
        day=day,
        mechanisms=infos,
        countries=[
            CountryInfo(iso3, subregion)
            for iso3, subregion in Country.objects.order_by("iso3").values_list(
                "iso3", "subregion__key"
            )
        ],
        subregions=list(Subregion.objects.order_by("position").values_list("key", flat=True)),
        themes=list(Concept.objects.order_by("position", "key").values_list("key", flat=True)),
        participations=participations,
        texts=texts,
        meetings=meetings,
        frameworks=frameworks,
        crosswalk=crosswalk,
    )


def registry_analysis(
    day: datetime.date | None = None, *, progress: Progress | None = None
) -> Analysis:
    """The analysis of the registry on `day`, cached until the data it is made of change
    (memberships, texts, meetings, contributions, the vocabulary: every domain but the
    practices, whose publications leave it as it is). It is
    computed once per version across processes (the cache is shared with `REDIS_URL`): a
    request that finds another computing it waits for its result."""
    day = day or today()
    key = f"synergy:analysis:{day.isoformat()}:{data_version(*ALL_BUT_PRACTICES).key}"
    kept, copy = _analysis_kept.get(key), cache.get(f"{key}:copy")
    if kept is not None and copy is not None and kept[0] == copy:
        return kept[1]
    analysis = _analysis_shared(key, day, progress)
    if copy is None:
        cache.add(f"{key}:copy", secrets.token_hex(8), timeout=3600)
        copy = cache.get(f"{key}:copy")
    _analysis_kept.clear()  # the last one only: a new version makes the old useless
    if copy is not None:
        _analysis_kept[key] = (copy, analysis)
    return analysis


# This process's copy of the latest analysis, under its key and a token kept beside the
# shared one (so that clearing the shared cache clears the copies): a page that shows the
# analysis reads a few bytes from the shared cache, not some hundreds of kilobytes.
_analysis_kept: dict[str, tuple[str, Analysis]] = {}


def _analysis_shared(key: str, day: datetime.date, progress: Progress | None) -> Analysis:
    """The analysis from the shared cache, or computed once across processes."""
    analysis = cache.get(key)
    if analysis is not None:
        return analysis
    lock, token = f"{key}:computing", secrets.token_hex(8)
    deadline = time.monotonic() + ANALYSIS_WAIT_SECONDS
    while not cache.add(lock, token, timeout=ANALYSIS_MARK_SECONDS):
        time.sleep(ANALYSIS_POLL_SECONDS)
        analysis = cache.get(key)
        if analysis is not None:
            return analysis
        if time.monotonic() > deadline:
            break  # the other one may have died: compute it here
    try:
        analysis = cache.get(key)
        if analysis is None:
            analysis = analyze(registry_snapshot(day), progress=progress)
            cache.set(key, analysis, timeout=3600)
    finally:
        if cache.get(lock) == token:
            cache.delete(lock)
    return analysis


def theme_label_map() -> dict[str, dict[str, str]]:
    """{concept key: {language: label}} for wording and charts."""
    return dict(Concept.objects.values_list("key", "labels"))


def iso2_map() -> dict[str, str]:
    """{ISO3: ISO2}, to name countries through CLDR."""
    return dict(Country.objects.values_list("iso3", "iso2"))


def subregion_m49_map() -> dict[str, str]:
    return dict(Subregion.objects.values_list("key", "m49"))


def mechanism_synergies(acronym: str, analysis: Analysis | None = None) -> dict[str, object]:
    """For a mechanism's page: its opportunities, its closest overlaps, whether it is
    dormant, and the items of the instruments its lines of work advance."""
    analysis = analysis or registry_analysis()
    if acronym not in analysis.matrix.mechanisms:
        return {"opportunities": [], "overlaps": [], "dormant": False, "advances": {}}
    overlaps = [pair for pair in analysis.overlaps() if acronym in (pair.a, pair.b) and pair.shared]
    overlaps.sort(key=lambda pair: (-pair.jaccard, -len(pair.shared)))
    return {
        "opportunities": analysis.opportunities_for(acronym),
        "overlaps": overlaps[:8],
        "dormant": any(body.acronym == acronym for body in analysis.dormant),
        # {framework: [item codes]} its lines of work advance (GCM, LAD, ¶56).
        "advances": analysis.alignment.of_body(acronym),
    }


def country_synergies(iso3: str, analysis: Analysis | None = None) -> dict[str, object]:
    """For a country's page: its burden, the themes none of its regional forums covers, and
    the opportunities that involve it."""
    analysis = analysis or registry_analysis()
    burden = next((b for b in analysis.burden if b.country == iso3), None)
    gaps = next((g for g in analysis.gaps if g.country == iso3), None)
    opportunities = [o for o in analysis.opportunities if iso3 in o.shared_countries]
    return {"burden": burden, "gaps": gaps, "opportunities": opportunities[:8]}


def wording_labels() -> dict[str, object]:
    """The labels `wording.suggestion_text` needs."""
    return {"theme_label": theme_label_map(), "iso2": iso2_map()}
