"""Reads of the annual dialogue, for pages, the API and the report: always through what the
reader may see (`sinergia.dialogue.permissions`); the report reads as the public does."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, IntegerField, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from sinergia.accounts.services import Actor
from sinergia.data_version import versioned
from sinergia.dialogue import permissions
from sinergia.dialogue.calendar import (
    CLASH_WINDOW_DAYS,
    Clash,
    Revision,
    clashes,
    clashes_touching,
    clashes_with,
)
from sinergia.dialogue.models import (
    Contribution,
    FollowUpAction,
    Participant,
    ProgressNote,
    Session,
)
from sinergia.i18n import localized
from sinergia.practices.permissions import ANONYMOUS, focal_scopes
from sinergia.practices.selectors import practices_visible
from sinergia.registry import selectors as registry_selectors
from sinergia.registry.models import Country, Mechanism, Meeting, SourceQuality
from sinergia.synergy.snapshot import TextItem


def _count(queryset: QuerySet, link: str) -> Coalesce:
    """How many rows of `queryset` point (by `link`) at the outer row, as an annotation."""
    counted = (
        queryset.filter(**{link: OuterRef("pk")})
        .order_by()
        .values(link)
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def session_list(actor: Actor) -> QuerySet[Session]:
    """Sessions with how many participants and contributions the actor may see in each."""
    return Session.objects.select_related("convener").annotate(
        contribution_count=_count(
            Contribution.objects.filter(permissions.visible_contributions(actor)), "session"
        ),
        participant_count=_count(
            Participant.objects.filter(permissions.visible_participants(actor)), "session"
        ),
    )


def session_get(pk: int) -> Session:
    session = (
        Session.objects.select_related("convener", "source", "concept_note_source")
        .prefetch_related("agenda", "questions", "sources")
        .filter(pk=pk)
        .first()
    )
    if session is None:
        raise Http404("No such session")
    return session


def _participants(session: Session) -> QuerySet[Participant]:
    return session.participants.select_related("country", "mechanism", "source").order_by(
        "kind", "mechanism__acronym", "country__iso3", "organization"
    )


def participants_visible(session: Session, actor: Actor) -> list[Participant]:
    """Who took part in `session`, as far as the actor may see."""
    return list(_participants(session).filter(permissions.visible_participants(actor)))


def _contributions(actor: Actor) -> QuerySet[Contribution]:
    """Contributions with what their pages show; `visible_practices` holds the practices
    reported from each that the actor may see."""
    return Contribution.objects.select_related(
        "participant__country", "participant__mechanism", "question", "session"
    ).prefetch_related(
        "themes",
        "mentioned_mechanisms",
        "mentioned_countries",
        Prefetch(
            "practices",
            queryset=practices_visible(actor).order_by("pk"),
            to_attr="visible_practices",
        ),
    )


def contributions_public() -> QuerySet[Contribution]:
    """Every contribution the public may read, in order, with what its shape reads."""
    return (
        _contributions(ANONYMOUS)
        .filter(permissions.visible_contributions(ANONYMOUS))
        .order_by("pk")
    )


def contributions_visible(session: Session, actor: Actor) -> list[Contribution]:
    return list(
        _contributions(actor)
        .filter(session=session)
        .filter(permissions.visible_contributions(actor))
        .prefetch_related("attachments")
    )


def contribution_get(pk: int, actor: Actor) -> Contribution:
    contribution = _contributions(actor).prefetch_related("attachments").filter(pk=pk).first()
    if contribution is None or not permissions.can_view_contribution(actor, contribution):
        raise Http404("No such contribution")
    return contribution


def previous_session(session: Session) -> Session | None:
    return (
        Session.objects.filter(convener=session.convener_id, date__lt=session.date)
        .order_by("-date")
        .first()
    )


def actions_of(session: Session) -> list[FollowUpAction]:
    return list(
        session.actions.prefetch_related(
            "owner_mechanisms",
            "owner_countries",
            Prefetch("progress", queryset=ProgressNote.objects.order_by("at")),
        )
    )


def actions_moved_since(session: Session, since: datetime.date) -> list[ProgressNote]:
    """Progress reported after `since` on actions agreed at sessions before `session`."""
    return list(
        ProgressNote.objects.filter(action__session__date__lt=session.date, at__date__gt=since)
        .select_related("action__session")
        .prefetch_related("action__owner_mechanisms", "action__owner_countries")
        .order_by("action__session__date", "action_id", "at")
    )


def action_list(
    *, status: str | None = None, owner: str | None = None, session: int | None = None
) -> QuerySet[FollowUpAction]:
    actions = FollowUpAction.objects.select_related("session").prefetch_related(
        "owner_mechanisms",
        "owner_countries",
        Prefetch("progress", queryset=ProgressNote.objects.order_by("at")),
    )
    if status:
        actions = actions.filter(status=status)
    if owner:
        actions = actions.filter(
            Q(pk__in=FollowUpAction.objects.filter(owner_mechanisms__acronym=owner).values("pk"))
            | Q(pk__in=FollowUpAction.objects.filter(owner_countries__iso3=owner).values("pk"))
        )
    if session:
        actions = actions.filter(session_id=session)
    return actions.order_by("-session__date", "due", "id")


def speaking_for(actor: Actor, session: Session) -> list[Participant]:
    """The participants of `session` the actor may submit a contribution for. A state focal
    point's delegation is offered when its country is a member of the convener that day."""
    if permissions.can_manage_sessions(actor):
        return list(_participants(session))
    countries, mechanisms = focal_scopes(actor)
    return [
        p
        for p in _participants(session)
        if (p.country_id in countries) or (p.mechanism_id in mechanisms)
    ]


def delegation_countries(actor: Actor, session: Session) -> list[Country]:
    """Countries the actor speaks for that have no delegation in the session yet and are
    members of the convener (through the OAS for the CAM) on the session's date."""
    from sinergia.registry.selectors import member_codes

    countries, _mechanisms = focal_scopes(actor)
    present = set(
        session.participants.filter(country__isnull=False).values_list("country_id", flat=True)
    )
    members = set(member_codes(session.convener, day=session.date))
    return [
        country
        for country in Country.objects.filter(pk__in=countries - present)
        if country.iso3 in members
    ]


@dataclass
class ReportData:
    participants: list[Participant]
    contributions: list[Contribution]
    actions: list[FollowUpAction]
    previous: Session | None
    moved: list[ProgressNote]


def report_data(session: Session) -> ReportData:
    """Everything the consolidated report reads, in a fixed number of queries. The report is
    public: it holds what a reader who is not signed in may see."""
    previous = previous_session(session)
    return ReportData(
        participants=participants_visible(session, ANONYMOUS),
        contributions=list(
            _contributions(ANONYMOUS)
            .filter(session=session)
            .filter(permissions.visible_contributions(ANONYMOUS))
        ),
        actions=actions_of(session),
        previous=previous,
        moved=actions_moved_since(session, previous.date) if previous else [],
    )


def meetings_for(mechanism: str | None, country: str | None) -> list[Meeting]:
    """Meetings by date, of one mechanism or of the mechanisms a country belongs to today.
    The list is shared by the requests of this process until the registry changes: read it,
    never change it."""
    return _meetings_on(mechanism or "", country or "", timezone.localdate())


@versioned("registry", size=64)
def _meetings_on(mechanism: str, country: str, day: datetime.date) -> list[Meeting]:
    meetings = Meeting.objects.select_related("mechanism", "source").order_by("date")
    if mechanism:
        meetings = meetings.filter(mechanism__acronym=mechanism)
    if country:
        members = registry_selectors.members_by_mechanism(day)
        ids = [pk for pk, codes in members.items() if country in codes]
        meetings = meetings.filter(mechanism_id__in=ids)
    return list(meetings)


def meeting_revisions(meetings: Iterable[Meeting]) -> dict[int, Revision]:
    """How often each meeting was changed after it was recorded, and when last (from its
    history): a calendar feed's SEQUENCE and LAST-MODIFIED."""
    rows = (
        Meeting.history.filter(id__in=[meeting.pk for meeting in meetings])
        .order_by()
        .values("id")
        .annotate(changes=Count("history_id", filter=Q(history_type="~")), last=Max("history_date"))
    )
    return {row["id"]: Revision(row["changes"], row["last"]) for row in rows}


def meeting_clashes_shown(mechanism: str | None, country: str | None) -> list[Clash]:
    """The clashes of the meetings `meetings_for` gives with the meetings of any body (a
    calendar filtered by mechanism or country still warns of a clash with a body it does
    not show), with today's member states; shared like `meetings_for`."""
    return _clashes_on(mechanism or "", country or "", timezone.localdate())


@versioned("registry", size=64)
def _clashes_on(mechanism: str, country: str, day: datetime.date) -> list[Clash]:
    return clashes_touching(_meetings_on(mechanism, country, day), _every_clash(day))


@versioned("registry", size=4)
def _every_clash(day: datetime.date) -> list[Clash]:
    """Every clash between the meetings of all bodies: found once, filtered per calendar."""
    return clashes(_meetings_on("", "", day), registry_selectors.members_by_mechanism(day))


# A meeting lasts at most this many days: one that starts earlier cannot reach another.
LONGEST_MEETING_DAYS = 31


def meeting_clashes(meeting: Meeting, *, members_on: datetime.date | None = None) -> list[Clash]:
    """The clashes `meeting` (saved, or about to be) makes with the meetings of any body, with
    the member states of each body on `members_on` (today by default). Only the meetings
    around its dates are read."""
    nearby = Meeting.objects.select_related("mechanism", "source").filter(
        date__gte=meeting.date - datetime.timedelta(days=CLASH_WINDOW_DAYS + LONGEST_MEETING_DAYS),
        date__lte=meeting.last_day + datetime.timedelta(days=CLASH_WINDOW_DAYS),
    )
    members = registry_selectors.members_by_mechanism(members_on or timezone.localdate())
    return clashes_with(meeting, nearby.order_by("date"), members)


def dialogue_participations(
    *, actor: Actor, mechanism: Mechanism | None = None, country: Country | None = None
) -> list[Participant]:
    """The sessions a mechanism or a state took part in, as far as the actor may see, with
    how many of its contributions to each the actor may see, latest first: for the mechanism
    and country pages."""
    participants = (
        Participant.objects.filter(permissions.visible_participants(actor))
        .select_related("session__convener")
        .annotate(
            submitted=_count(
                Contribution.objects.filter(permissions.visible_contributions(actor)),
                "participant",
            )
        )
    )
    if mechanism is not None:
        participants = participants.filter(mechanism=mechanism)
    if country is not None:
        participants = participants.filter(country=country)
    return list(participants.order_by("-session__date"))


def contribution_texts(day: datetime.date) -> list[TextItem]:
    """The mechanisms' contributions held by `day`, as texts of the synergy analysis:
    evidence the public reads, so only those it may see."""
    texts = []
    for contribution in (
        Contribution.objects.filter(
            permissions.visible_contributions(ANONYMOUS),
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
                date=session.date,
                # Said at a session of the CAM, recorded by its secretariat.
                source_quality=SourceQuality.OFFICIAL,
            )
        )
    return texts
