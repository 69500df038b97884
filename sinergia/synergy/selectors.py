"""Feed the synergy analysis from the database: a snapshot of the registry on one day."""

from __future__ import annotations

import datetime

from django.core.cache import cache

from sinergia.data_version import data_version
from sinergia.dialogue.models import Contribution
from sinergia.dialogue.permissions import visible_contributions
from sinergia.i18n import localized
from sinergia.practices.permissions import ANONYMOUS
from sinergia.registry.models import (
    AgendaItem,
    Commitment,
    Country,
    Mechanism,
    Meeting,
    Membership,
    Subregion,
)
from sinergia.registry.selectors import today
from sinergia.synergy.analysis import Analysis, Progress, analyze
from sinergia.synergy.snapshot import (
    CountryInfo,
    MechanismInfo,
    Participation,
    Snapshot,
    TextItem,
)
from sinergia.vocabulary.models import Concept

MEETING_WINDOW_YEARS = 5


def _meetings_per_year(day: datetime.date) -> dict[int, float]:
    """Meetings a year of each mechanism, over the last five years of recorded meetings."""
    # The same day five years before; a 29 February becomes the 28th of a common year.
    start_year = max(day.year - MEETING_WINDOW_YEARS, datetime.MINYEAR)
    start = day.replace(year=start_year, day=min(day.day, 28) if day.month == 2 else day.day)
    counts: dict[int, int] = {}
    for mechanism_id in Meeting.objects.filter(date__gt=start, date__lte=day).values_list(
        "mechanism_id", flat=True
    ):
        counts[mechanism_id] = counts.get(mechanism_id, 0) + 1
    return {mechanism_id: count / MEETING_WINDOW_YEARS for mechanism_id, count in counts.items()}


def registry_snapshot(day: datetime.date | None = None) -> Snapshot:
    """The registry as the analysis needs it, on `day` (default today), in a fixed number of
    queries: mechanisms, countries, the memberships that hold that day (a mechanism that
    shares another's members gets them), agenda items and commitments with their themes."""
    day = day or today()
    mechanisms = list(
        Mechanism.objects.select_related("members_from", "parent").order_by("acronym")
    )
    per_year = _meetings_per_year(day)
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
        infos.append(
            MechanismInfo(
                acronym=mechanism.acronym,
                kind=mechanism.kind,
                scope=mechanism.scope,
                names=mechanism.names,
                family=frozenset(family),
                meetings_per_year=per_year.get(mechanism.pk, 0.0),
                status=mechanism.status,
            )
        )
    memberships = [
        m for m in Membership.objects.select_related("mechanism", "country") if m.holds_on(day)
    ]
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
            texts.append(
                TextItem(
                    key=f"{kind}:{item.pk}",
                    mechanism=item.mechanism.acronym,
                    kind=kind,
                    text=item.text,
                    language=item.language,
                    themes=frozenset(concept.key for concept in item.themes.all()),
                    source_title=f"{item.source.publisher}: {item.source.title}",
                    source_url=item.source.url,
                    year=item.year,
                )
            )
    # Contributions are evidence the public reads: only those it may see.
    for contribution in (
        Contribution.objects.filter(
            visible_contributions(ANONYMOUS),
            participant__mechanism__isnull=False,
            session__date__lte=day,
        )
        .select_related("participant__mechanism", "session__convener")
        .prefetch_related("themes")
    ):
        session = contribution.session
        texts.append(
            TextItem(
                key=f"contribution:{contribution.pk}",
                mechanism=contribution.participant.mechanism.acronym,  # type: ignore[union-attr]
                kind="contribution",
                text=contribution.full_text,
                language=contribution.language,
                themes=frozenset(concept.key for concept in contribution.themes.all()),
                source_title=f"{session.convener.acronym} {session.date:%Y-%m-%d}: "
                f"{localized(session.title)}",
                year=session.date.year,
            )
        )
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
    )


def registry_analysis(
    day: datetime.date | None = None, *, progress: Progress | None = None
) -> Analysis:
    """The analysis of the registry on `day`, cached until the data change (any write moves
    the data version: memberships, texts, meetings, contributions, the vocabulary)."""
    day = day or today()
    key = f"synergy:analysis:{day.isoformat()}:{data_version().key}"
    analysis = cache.get(key)
    if analysis is None:
        analysis = analyze(registry_snapshot(day), progress=progress)
        cache.set(key, analysis, timeout=3600)
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
    """For a mechanism's page: its opportunities and its closest overlaps."""
    analysis = analysis or registry_analysis()
    if acronym not in analysis.matrix.mechanisms:
        return {"opportunities": [], "overlaps": []}
    overlaps = [pair for pair in analysis.overlaps() if acronym in (pair.a, pair.b) and pair.shared]
    overlaps.sort(key=lambda pair: (-pair.jaccard, -len(pair.shared)))
    return {"opportunities": analysis.opportunities_for(acronym), "overlaps": overlaps[:8]}


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
