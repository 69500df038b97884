"""Reads of the registry, shaped for pages, the API and the analyses. No N+1: each
selector fetches what its callers need in a fixed number of queries."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from sinergia.data_version import versioned
from sinergia.registry.models import (
    MEMBER_ROLES,
    AgendaItem,
    Commitment,
    Country,
    Mechanism,
    Membership,
    MembershipQuerySet,
    Role,
    Source,
    Subregion,
)
from sinergia.vocabulary.models import Concept

OAS_ACRONYM = "OAS"


def today() -> datetime.date:
    return timezone.localdate()


def _memberships_ordered() -> QuerySet[Membership]:
    return Membership.objects.select_related("country__subregion", "source").order_by(
        "role", "country__iso3", "since"
    )


def _mechanisms_with_members() -> QuerySet[Mechanism]:
    return Mechanism.objects.select_related("members_from", "parent", "source").prefetch_related(
        Prefetch("memberships", queryset=_memberships_ordered()),
        Prefetch("members_from__memberships", queryset=_memberships_ordered()),
        Prefetch("agenda_items", queryset=AgendaItem.objects.prefetch_related("themes")),
        Prefetch("commitments", queryset=Commitment.objects.prefetch_related("themes")),
    )


def current_memberships(day: datetime.date) -> MembershipQuerySet:
    """The membership periods that hold on `day` (the database's version of `holds_on`).
    States only seen at a mechanism's meetings (participants) are not among them: they are
    no members, and no count of members includes them."""
    return Membership.objects.holding_on(day).exclude(role=Role.PARTICIPANT)


def memberships_of(mechanism: Mechanism) -> list[Membership]:
    """All membership periods of a mechanism, borrowed from `members_from` where it has one."""
    owner = mechanism.members_from or mechanism
    return list(owner.memberships.all())


def memberships_on(mechanism: Mechanism, day: datetime.date | None = None) -> list[Membership]:
    """The memberships that hold on `day` (default today)."""
    day = day or today()
    return [membership for membership in memberships_of(mechanism) if membership.holds_on(day)]


def member_codes(
    mechanism: Mechanism, role: str = Role.MEMBER, day: datetime.date | None = None
) -> list[str]:
    """ISO3 codes of the countries in `role` on `day`, sorted. Members are those of the one
    definition (`MEMBER_ROLES`: members, signatories and associates)."""
    roles = MEMBER_ROLES if role == Role.MEMBER else {role}
    return sorted({m.country.iso3 for m in memberships_on(mechanism, day) if m.role in roles})


def mechanism_themes(mechanism: Mechanism) -> list[tuple[Concept, int]]:
    """The themes of a mechanism's agenda and commitments, with how many texts carry each."""
    counts: Counter[int] = Counter()
    concepts: dict[int, Concept] = {}
    for text in [*mechanism.agenda_items.all(), *mechanism.commitments.all()]:
        for concept in text.themes.all():
            counts[concept.pk] += 1
            concepts[concept.pk] = concept
    return sorted(
        ((concepts[pk], count) for pk, count in counts.items()),
        key=lambda pair: (-pair[1], pair[0].position),
    )


@dataclass(frozen=True)
class MechanismFilters:
    kind: str = ""
    scope: str = ""
    subregion: str = ""
    theme: str = ""
    query: str = ""


def mechanism_list(filters: MechanismFilters | None = None) -> list[Mechanism]:
    """Mechanisms matching the filters, with members and themes prefetched. The whole list
    (some two thousand records) is read from the database once per process and day until the
    registry or the vocabulary change, and every filter is applied to it here: a new filter
    costs no query. A new list each time; read its mechanisms, never change them."""
    filters = filters or MechanismFilters()
    day = today()
    return [mechanism for mechanism in _every_mechanism(day) if _matches(mechanism, filters, day)]


@versioned("registry", "vocabulary", size=2)
def _every_mechanism(day: datetime.date) -> tuple[Mechanism, ...]:
    """Every mechanism by acronym, with what the filters and the lists read prefetched."""
    return tuple(_mechanisms_with_members().order_by("acronym"))


def _matches(mechanism: Mechanism, filters: MechanismFilters, day: datetime.date) -> bool:
    """Whether `mechanism` passes `filters`: its kind and scope, a theme of its agenda or
    commitments, a member of the subregion on `day`, a name, acronym or alias that holds the
    query (ignoring case)."""
    if filters.kind and mechanism.kind != filters.kind:
        return False
    if filters.scope and mechanism.scope != filters.scope:
        return False
    if filters.theme and not any(
        concept.key == filters.theme
        for text in [*mechanism.agenda_items.all(), *mechanism.commitments.all()]
        for concept in text.themes.all()
    ):
        return False
    if filters.subregion and not any(
        m.country.subregion.key == filters.subregion for m in memberships_on(mechanism, day)
    ):
        return False
    if filters.query:
        needle = filters.query.casefold()
        return (
            needle in mechanism.acronym.casefold()
            or any(needle in name.casefold() for name in mechanism.names.values())
            or any(needle in alias.casefold() for alias in mechanism.aliases)
        )
    return True


def mechanism_get(acronym: str) -> Mechanism:
    """One mechanism by acronym (any case), with everything its page shows; 404 if unknown."""
    queryset = _mechanisms_with_members().prefetch_related(
        "meetings__source", "related", "children", "agenda_items__source", "commitments__source"
    )
    mechanism = queryset.filter(acronym__iexact=acronym).first()
    if mechanism is None:
        raise Http404(f"No mechanism {acronym}")
    return mechanism


@versioned("registry", "vocabulary", size=64)
def mechanism_shown(acronym: str) -> Mechanism:
    """`mechanism_get` for pages that only read it: loaded once per process until the
    registry or the vocabulary change. Never to be changed or written from."""
    return mechanism_get(acronym)


def country_list() -> list[Country]:
    return list(Country.objects.select_related("subregion").order_by("subregion__position", "iso3"))


def subregion_list() -> list[Subregion]:
    return list(Subregion.objects.order_by("position"))


def country_get(iso3: str) -> Country:
    country = Country.objects.select_related("subregion").filter(iso3__iexact=iso3).first()
    if country is None:
        raise Http404(f"No country {iso3}")
    return country


@dataclass(frozen=True)
class Participation:
    """A country's part in a mechanism: the mechanism and the membership period."""

    mechanism: Mechanism
    membership: Membership
    current: bool

    @property
    def through(self) -> Mechanism | None:
        """The mechanism whose membership this is, when `mechanism` shares its members (the
        CAM, through the OAS)."""
        lender = self.membership.mechanism
        return lender if lender.pk != self.mechanism.pk else None

    @property
    def since_display(self) -> str:
        """Since when the country takes part in `mechanism` itself: through another's
        membership, not before the mechanism was established (the CAM since 2007, though
        the OAS since 1948)."""
        established = self.mechanism.established
        since = self.membership.since
        if self.through and established and (since is None or since.year < established):
            return str(established)
        return self.membership.since_display


def country_participations(
    country: Country, day: datetime.date | None = None
) -> list[Participation]:
    """Every mechanism the country takes or took part in, including those that borrow their
    members from another (the CAM from the OAS); current ones first."""
    day = day or today()
    memberships = list(
        Membership.objects.filter(country=country).select_related("mechanism", "source")
    )
    by_mechanism: dict[int, list[Membership]] = {}
    for membership in memberships:
        by_mechanism.setdefault(membership.mechanism_id, []).append(membership)
    borrowers = Mechanism.objects.filter(members_from_id__in=by_mechanism.keys())
    participations = [Participation(m.mechanism, m, m.holds_on(day)) for m in memberships]
    for borrower in borrowers:
        for membership in by_mechanism[borrower.members_from_id or 0]:
            if _ended_before(membership, borrower.established):
                continue  # it never took part: its membership ended before the body existed
            participations.append(Participation(borrower, membership, membership.holds_on(day)))
    return sorted(
        participations,
        key=lambda p: (not p.current, p.mechanism.acronym, p.membership.since or datetime.date.min),
    )


def _ended_before(membership: Membership, year: int | None) -> bool:
    return bool(year and membership.until and membership.until.year <= year)


def oas_membership(country: Country) -> list[Membership]:
    """The periods of a country's membership of the OAS (empty if never a member)."""
    return list(
        Membership.objects.filter(country=country, mechanism__acronym=OAS_ACRONYM)
        .select_related("source")
        .order_by("since")
    )


def theme_mechanisms(concept: Concept) -> list[Mechanism]:
    """Mechanisms whose agenda or commitments carry the theme."""
    return list(
        Mechanism.objects.filter(Q(agenda_items__themes=concept) | Q(commitments__themes=concept))
        .distinct()
        .order_by("acronym")
    )


def registry_counts() -> dict[str, int]:
    """Headline counts for the home page."""
    day = today()
    current = current_memberships(day)
    return {
        "mechanisms": Mechanism.objects.count(),
        "countries": Country.objects.count(),
        "sovereign_countries": Country.objects.filter(sovereign=True).count(),
        "memberships": current.members().count(),
        "observerships": current.observers().count(),
        "themes": Concept.objects.count(),
    }


def mechanism_sources(mechanism: Mechanism) -> list[Source]:
    """Every source behind a mechanism's page, in order of first use, each once."""
    seen: dict[int, Source] = {mechanism.source.pk: mechanism.source}
    for membership in memberships_of(mechanism):
        seen.setdefault(membership.source.pk, membership.source)
    for text in [*mechanism.agenda_items.all(), *mechanism.commitments.all()]:
        seen.setdefault(text.source.pk, text.source)
    for meeting in mechanism.meetings.all():
        if meeting.source is not None:
            seen.setdefault(meeting.source.pk, meeting.source)
    return list(seen.values())


@dataclass(frozen=True)
class SubregionGroup:
    subregion: Subregion
    countries: list[Country]
    mechanism_counts: dict[int, int]


def countries_by_subregion(day: datetime.date | None = None) -> list[SubregionGroup]:
    """Countries grouped by subregion, each with how many mechanisms it currently takes part in
    (in any role, and through the mechanisms that share another's members, as its page counts)."""
    day = day or today()
    countries = country_list()
    taking_part: dict[int, set[int]] = defaultdict(set)
    for country_id, mechanism_id in Membership.objects.holding_on(day).values_list(
        "country_id", "mechanism_id"
    ):
        taking_part[country_id].add(mechanism_id)
    borrowers = dict(
        Mechanism.objects.filter(members_from__isnull=False).values_list("pk", "members_from_id")
    )
    for mechanisms in taking_part.values():
        mechanisms |= {pk for pk, lender in borrowers.items() if lender in mechanisms}
    counts = {country_id: len(mechanisms) for country_id, mechanisms in taking_part.items()}
    groups = []
    for subregion in subregion_list():
        members = [country for country in countries if country.subregion_id == subregion.pk]
        members.sort(key=lambda country: country.name)
        groups.append(
            SubregionGroup(subregion, members, {c.pk: counts.get(c.pk, 0) for c in members})
        )
    return groups


def theme_texts(concept: Concept) -> list[AgendaItem | Commitment]:
    """The agenda items and commitments tagged with the theme, by mechanism."""
    agenda = AgendaItem.objects.filter(themes=concept).select_related("mechanism", "source")
    commitments = Commitment.objects.filter(themes=concept).select_related("mechanism", "source")
    return sorted([*agenda, *commitments], key=lambda text: (text.mechanism.acronym, text.position))


@dataclass(frozen=True)
class CoverageRow:
    mechanism: Mechanism
    counts: list[int]  # current members per subregion, in `subregions` order
    total: int


@dataclass(frozen=True)
class Coverage:
    subregions: list[Subregion]
    rows: list[CoverageRow]


def theme_mechanism_counts() -> dict[int, int]:
    """For each concept id, how many mechanisms carry it in their agenda or commitments."""
    pairs: set[tuple[int, int]] = set()
    for model in (AgendaItem, Commitment):
        pairs.update(
            model.themes.through.objects.values_list(
                "concept_id", f"{model._meta.model_name}__mechanism_id"
            )
        )
    counts: dict[int, int] = {}
    for concept_id, _mechanism_id in pairs:
        counts[concept_id] = counts.get(concept_id, 0) + 1
    return counts


def subregion_coverage(day: datetime.date | None = None) -> Coverage:
    """The hemisphere at a glance: for each mechanism, its current members per subregion."""
    day = day or today()
    subregions = subregion_list()
    rows = []
    for mechanism in mechanism_list():
        members = [m for m in memberships_on(mechanism, day) if m.is_member]
        per_subregion = Counter(m.country.subregion_id for m in members)
        rows.append(
            CoverageRow(
                mechanism,
                [per_subregion.get(subregion.pk, 0) for subregion in subregions],
                len({m.country_id for m in members}),
            )
        )
    rows.sort(key=lambda row: (-row.total, row.mechanism.acronym))
    return Coverage(subregions, rows)


def oas_member_ids(day: datetime.date | None = None) -> set[int]:
    """Ids of the countries that are OAS member states on `day` (default today)."""
    day = day or today()
    return {
        m.country_id
        for m in Membership.objects.filter(mechanism__acronym=OAS_ACRONYM, role=Role.MEMBER)
        if m.holds_on(day)
    }


def members_by_mechanism(day: datetime.date) -> dict[int, set[str]]:
    """{mechanism id: ISO3 of its members on `day` (`MEMBER_ROLES`: not its observers)},
    borrowed through `members_from`."""
    members: dict[int, set[str]] = defaultdict(set)
    participating = current_memberships(day).members()
    for mechanism_id, iso3 in participating.values_list("mechanism_id", "country__iso3"):
        members[mechanism_id].add(iso3)
    for mechanism in Mechanism.objects.filter(members_from__isnull=False):
        members[mechanism.pk] |= members[mechanism.members_from_id]  # type: ignore[index]
    return members
