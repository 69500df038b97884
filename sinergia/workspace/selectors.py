"""Reads of a signed-in person's workspace: what waits for them, by what their roles let them
do. Each block is a count and the first few items; the full lists are the pages of the apps
the items belong to. What a person may see is asked of each app's own rules."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar
from urllib.parse import urlencode

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from sinergia.accounts.permissions import can_edit_mechanism, is_secretariat
from sinergia.accounts.services import Actor
from sinergia.dialogue.calendar import Clash, clashes
from sinergia.dialogue.models import (
    ActionStatus,
    Contribution,
    ContributionStatus,
    FollowUpAction,
    Participant,
    Session,
)
from sinergia.i18n import ShownText
from sinergia.practices.models import Practice, Status
from sinergia.practices.permissions import focal_scopes, is_reviewer
from sinergia.practices.selectors import practices_of, review_waiting
from sinergia.registry import selectors as registry_selectors
from sinergia.registry.models import Country, Mechanism, Meeting, Membership

# How many items a block lists before it links to the full list.
PREVIEW = 5
# An open action due within this many days is "due soon".
DUE_SOON_DAYS = 30
OPEN_ACTIONS = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)

T = TypeVar("T")


@dataclass(frozen=True)
class Block(Generic[T]):
    """How many there are, and the first few of them."""

    count: int
    items: list[T]


def _block(queryset: QuerySet[Any], limit: int = PREVIEW) -> Block[Any]:
    items = list(queryset[:limit])
    count = len(items) if len(items) < limit else queryset.count()
    return Block(count, items)


@dataclass(frozen=True)
class Scopes:
    """What a person's roles let them do, with the countries and mechanisms they speak for."""

    countries: list[Country]
    mechanisms: list[Mechanism]
    reviewer: bool
    secretariat: bool

    @property
    def focal_point(self) -> bool:
        return bool(self.countries or self.mechanisms)

    @property
    def owner_codes(self) -> list[str]:
        """The codes the follow-up list filters owners by: ISO3 of states, acronyms."""
        return [c.iso3 for c in self.countries] + [m.acronym for m in self.mechanisms]

    @property
    def owner_query(self) -> str:
        """The follow-up list's filter for the one state or mechanism spoken for, or ""."""
        codes = self.owner_codes
        return urlencode({"owner": codes[0]}) if len(codes) == 1 else ""

    @property
    def calendar_query(self) -> str:
        """The calendar's filter for the one state or mechanism spoken for, or ""."""
        if len(self.countries) + len(self.mechanisms) != 1:
            return ""
        if self.countries:
            return urlencode({"country": self.countries[0].iso3})
        return urlencode({"mechanism": self.mechanisms[0].acronym})


def scopes_of(actor: Actor) -> Scopes:
    country_ids, mechanism_ids = focal_scopes(actor)
    return Scopes(
        countries=sorted(Country.objects.filter(pk__in=country_ids), key=lambda c: c.name),
        mechanisms=list(Mechanism.objects.filter(pk__in=mechanism_ids).order_by("acronym")),
        reviewer=is_reviewer(actor),
        secretariat=is_secretariat(actor),
    )


@dataclass(frozen=True)
class OwnPractices:
    """A focal point's practices, any status: how many in each, the latest changed first."""

    by_status: list[tuple[str, str, int]]  # (status, label, count), in the workflow's order
    block: Block[Practice]


def own_practices(actor: Actor) -> OwnPractices:
    practices = practices_of(actor)
    counted = dict(practices.order_by().values_list("status").annotate(n=Count("pk")))
    return OwnPractices(
        by_status=[(s.value, str(s.label), counted[s.value]) for s in Status if s.value in counted],
        block=_block(practices.select_related("submitting_country", "submitting_mechanism")),
    )


def _contributions() -> QuerySet[Contribution]:
    return Contribution.objects.select_related(
        "session", "participant__country", "participant__mechanism"
    )


def own_contributions(actor: Actor) -> Block[Contribution]:
    """The contributions of the delegations and mechanisms a focal point speaks for, any
    status, the latest changed first."""
    countries, mechanisms = focal_scopes(actor)
    return _block(
        _contributions()
        .filter(
            Q(participant__country_id__in=countries) | Q(participant__mechanism_id__in=mechanisms)
        )
        .order_by("-updated_at", "-pk")
    )


def contributions_awaiting() -> Block[Contribution]:
    """Contributions still in draft, whoever writes them: they wait to be submitted."""
    return _block(
        _contributions().filter(status=ContributionStatus.DRAFT).order_by("updated_at", "pk")
    )


def contributions_submitted_since(since: datetime.datetime) -> Block[Contribution]:
    return _block(
        _contributions()
        .filter(status=ContributionStatus.SUBMITTED, updated_at__gte=since)
        .order_by("-updated_at", "-pk")
    )


@dataclass(frozen=True)
class ActionsDue:
    """Open follow-up actions, the earliest due first (those without a date last)."""

    overdue: int
    due_soon: int
    block: Block[FollowUpAction]
    today: datetime.date


def actions_due(
    *, today: datetime.date, scopes: Scopes | None = None, within_days: int | None = None
) -> ActionsDue:
    """Open actions owned by the scopes' states and mechanisms (every owner when `scopes` is
    None), due within `within_days` or overdue when given, else all open ones."""
    actions = FollowUpAction.objects.filter(status__in=OPEN_ACTIONS)
    if scopes is not None:
        actions = actions.filter(
            Q(owner_countries__in=scopes.countries) | Q(owner_mechanisms__in=scopes.mechanisms)
        ).distinct()
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    overdue = actions.filter(due__lt=today).count()
    due_soon = actions.filter(due__gte=today, due__lte=soon).count()
    if within_days is not None:
        actions = actions.filter(due__lte=today + datetime.timedelta(days=within_days))
    listed = (
        actions.select_related("session")
        .prefetch_related("owner_countries", "owner_mechanisms")
        .order_by(F("due").asc(nulls_last=True), "pk")
    )
    return ActionsDue(overdue, due_soon, _block(listed), today)


@dataclass(frozen=True)
class ComingMeetings:
    """Meetings not yet over, by date, and the clashes among them (as the calendar finds
    them) that touch the reader."""

    block: Block[Meeting]
    clashes: list[Clash]


def meetings_coming(*, today: datetime.date, scopes: Scopes | None = None) -> ComingMeetings:
    """Every mechanism's coming meetings when `scopes` is None; else those of the scopes'
    mechanisms and of the mechanisms their states belong to today, and the clashes that
    involve one of those mechanisms or a meeting shared by one of those states."""
    members = registry_selectors.members_by_mechanism(today)
    upcoming = list(
        Meeting.objects.filter(Q(end_date__gte=today) | Q(end_date__isnull=True, date__gte=today))
        .select_related("mechanism")
        .order_by("date", "pk")
    )
    found = clashes(upcoming, members)
    if scopes is not None:
        own = {m.pk for m in scopes.mechanisms}
        codes = {c.iso3 for c in scopes.countries}
        followed = own | {pk for pk, iso3s in members.items() if iso3s & codes}
        upcoming = [m for m in upcoming if m.mechanism_id in followed]
        found = [
            c
            for c in found
            if {c.first.mechanism_id, c.second.mechanism_id} & own
            or set(c.shared_countries) & codes
        ]
    return ComingMeetings(Block(len(upcoming), upcoming[:PREVIEW]), found[:PREVIEW])


@dataclass(frozen=True)
class FactNote:
    """One fact no source confirms, with the note that says why."""

    label: str
    note: ShownText


@dataclass(frozen=True)
class UnconfirmedFacts:
    holder: Mechanism | Session
    facts: list[FactNote]


@dataclass
class Unconfirmed:
    """Data of the registry and the dialogue that no source confirms yet."""

    memberships: list[Membership] = field(default_factory=list)
    mechanisms: list[UnconfirmedFacts] = field(default_factory=list)
    sessions: list[UnconfirmedFacts] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)

    @property
    def fact_count(self) -> int:
        return sum(len(h.facts) for h in self.mechanisms + self.sessions)

    @property
    def count(self) -> int:
        return len(self.memberships) + self.fact_count + len(self.participants)


def _facts(holder: Mechanism | Session) -> UnconfirmedFacts:
    return UnconfirmedFacts(
        holder,
        [FactNote(label, note) for label, note in holder.unconfirmed_notes],
    )


def unconfirmed_data(actor: Actor) -> Unconfirmed:
    """What needs confirming and the actor can act on: everything for the secretariat, its
    mechanisms' memberships and facts for a mechanism's focal point, nothing for others."""
    _countries, mechanism_ids = focal_scopes(actor)
    everything = is_secretariat(actor)
    editable = [pk for pk in mechanism_ids if can_edit_mechanism(actor, pk)]
    if not everything and not editable:
        return Unconfirmed()
    memberships = Membership.objects.filter(confirmed=False).select_related("mechanism", "country")
    mechanisms = Mechanism.objects.exclude(unconfirmed={}).order_by("acronym")
    if not everything:
        memberships = memberships.filter(mechanism_id__in=editable)
        mechanisms = mechanisms.filter(pk__in=editable)
    found = Unconfirmed(
        memberships=list(memberships.order_by("mechanism__acronym", "country__iso3")),
        mechanisms=[_facts(m) for m in mechanisms],
    )
    if everything:
        found.sessions = [
            _facts(s) for s in Session.objects.exclude(unconfirmed={}).order_by("-date")
        ]
        found.participants = list(
            Participant.objects.filter(confirmed=False)
            .select_related("session", "country", "mechanism")
            .order_by("-session__date", "pk")
        )
    return found


@dataclass
class Workspace:
    """The blocks of one person's workspace; a block is None when no role of theirs has it."""

    scopes: Scopes
    review: Block[Practice] | None = None
    practices: OwnPractices | None = None
    contributions: Block[Contribution] | None = None
    contributions_awaiting: Block[Contribution] | None = None
    contributions_recent: Block[Contribution] | None = None
    actions: ActionsDue | None = None
    meetings: ComingMeetings | None = None
    unconfirmed: Unconfirmed | None = None


# The secretariat's "recently submitted contributions" and "actions due" look this far.
RECENT_DAYS = 30


def workspace_for(actor: Actor, *, now: datetime.datetime) -> Workspace:
    """The workspace of `actor` as of `now`, composed from what each of its roles may do."""
    today = timezone.localdate(now)
    scopes = scopes_of(actor)
    workspace = Workspace(scopes)
    if scopes.reviewer:
        workspace.review = _block(review_waiting())
    if scopes.secretariat:
        workspace.contributions_awaiting = contributions_awaiting()
        workspace.contributions_recent = contributions_submitted_since(
            now - datetime.timedelta(days=RECENT_DAYS)
        )
        workspace.actions = actions_due(today=today, within_days=DUE_SOON_DAYS)
        workspace.meetings = meetings_coming(today=today)
    elif scopes.focal_point:
        workspace.actions = actions_due(today=today, scopes=scopes)
        workspace.meetings = meetings_coming(today=today, scopes=scopes)
    if scopes.focal_point:
        workspace.practices = own_practices(actor)
        workspace.contributions = own_contributions(actor)
    if scopes.secretariat or scopes.mechanisms:
        workspace.unconfirmed = unconfirmed_data(actor)
    return workspace
