"""API of the annual dialogue: sessions, contributions (submitted with authentication),
follow-up actions, and the meetings calendar (JSON and iCalendar)."""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from sinergia.api_support import WRITE_AUTH, BodyIn, Count, ErrorOut, Id, IsoDate, service_call
from sinergia.dialogue import permissions, selectors, services
from sinergia.dialogue.calendar import ical_feed
from sinergia.dialogue.models import Contribution, FollowUpAction, Participant, Session
from sinergia.dialogue.services import meeting_create
from sinergia.dialogue.shapes import CONTRIBUTION, ParticipantOut, participant_record
from sinergia.i18n import LanguageCode, localized
from sinergia.registry.models import Mechanism, Meeting
from sinergia.registry.services import meeting_cancel, meeting_update
from sinergia.registry.shapes import MEETING
from sinergia.uris import country_uri, mechanism_uri

router = Router(tags=["dialogue"])


class QuestionOut(Schema):
    number: int
    text: dict[str, str]
    translated_by_sinergia: list[str]


class SessionOut(Schema):
    id: int
    key: str
    date: datetime.date
    title: str
    titles: dict[str, str]
    convener: str
    modality: str
    place: str
    document: str
    url: str


class SessionDetailOut(SessionOut):
    agenda: list[dict[str, str]]
    questions: list[QuestionOut]
    participants: list[ParticipantOut]
    reports: dict[str, str]
    unconfirmed: dict[str, str]


ContributionOut = CONTRIBUTION.schema("ContributionOut")


class ContributionIn(BodyIn):
    participant: Id | None = None
    country: str | None = None  # ISO3: a state focal point's delegation joins the session
    question: Count
    language: LanguageCode
    statement: str = ""
    added_value: str = ""
    challenges: str = ""
    good_practices: str = ""
    coordination: str = ""
    status: Literal["draft", "submitted"] = "submitted"
    themes: list[str] | None = None


class ProgressOut(Schema):
    at: datetime.datetime
    status_before: str
    status_after: str
    note: str
    by: str = Field(
        description=(
            "Whom the note speaks for: the owners it was written for (acronyms or ISO3, "
            "comma-separated), or `secretariat`"
        )
    )
    author: str | None = Field(
        None, description="Who wrote it, in person: given to the secretariat only"
    )


class OwnerOut(Schema):
    kind: Literal["mechanism", "country"]
    code: str = Field(description="The mechanism's acronym or the state's ISO3 code")
    uri: str


class ActionOut(Schema):
    id: int
    session: int
    description: str
    language: str
    owners: list[OwnerOut] = Field(description="Every mechanism and state that owns the action")
    owner: str = Field(description="The first owner (see `owners`)")
    owner_uri: str = Field(description="The first owner's identifier (see `owners`)")
    due: datetime.date | None
    status: str
    progress: list[ProgressOut]


class ProgressIn(BodyIn):
    status: Literal["planned", "in_progress", "done", "dropped"]
    note: str = ""


MeetingItemOut = MEETING.schema("MeetingItemOut")


class MeetingIn(BodyIn):
    mechanism: str
    title: str = Field(min_length=1, max_length=500)
    date: IsoDate
    end_date: IsoDate | None = None
    place: str = Field(default="", max_length=300)
    outcome: str = Field(default="", max_length=500)
    outcome_url: str = Field(default="", max_length=1000, pattern=r"^(https?://\S+)?$")


class MeetingChangeIn(BodyIn):
    title: str = Field(min_length=1, max_length=500)
    date: IsoDate
    end_date: IsoDate | None = None
    place: str = Field(default="", max_length=300)
    outcome: str = Field(default="", max_length=500)
    outcome_url: str = Field(default="", max_length=1000, pattern=r"^(https?://\S+)?$")


class ParticipantIn(BodyIn):
    country: str | None = Field(default=None, description="ISO3 code of a state delegation")
    mechanism: str | None = Field(default=None, description="Acronym of a mechanism")
    organization: str = Field(default="", max_length=300)
    role: Literal["", "panelist", "invited", "delegation", "organization"] = ""
    source_title: str = Field(default="", max_length=500)
    source_publisher: str = Field(default="", max_length=300)
    source_url: str = Field(default="", max_length=1000, pattern=r"^(https?://\S+)?$")


class ClashOut(Schema):
    first: int
    second: int
    days_apart: int
    shared_countries: list[str]


class CalendarOut(Schema):
    meetings: list[MeetingItemOut]  # type: ignore[valid-type]
    clashes: list[ClashOut]


class MeetingWrittenOut(MeetingItemOut):  # type: ignore[misc, valid-type]
    """A meeting as written, with the clashes it makes (saved all the same, as on the page
    after its warning: the caller decides whether to move it)."""

    clashes: list[ClashOut]


def _session_out(session: Session, request: HttpRequest) -> dict[str, Any]:
    return {
        "id": session.pk,
        "key": session.key,
        "date": session.date,
        "title": localized(session.title),
        "titles": session.title,
        "convener": session.convener.acronym,
        "modality": session.modality,
        "place": session.place,
        "document": session.document,
        "url": request.build_absolute_uri(f"/{settings.LANGUAGE_CODE}/dialogue/{session.pk}/"),
    }


def _contribution_out(contribution: Contribution) -> dict[str, Any]:
    return CONTRIBUTION.record(contribution)


def _action_out(action: FollowUpAction, *, show_authors: bool) -> dict[str, Any]:
    owners = [
        {
            "kind": kind,
            "code": code,
            "uri": mechanism_uri(code) if kind == "mechanism" else country_uri(code),
        }
        for kind, code, _name in action.owners()
    ]
    return {
        "id": action.pk,
        "session": action.session_id,
        "description": action.description,
        "language": action.language,
        "owners": owners,
        "owner": owners[0]["code"] if owners else "",
        "owner_uri": owners[0]["uri"] if owners else "",
        "due": action.due,
        "status": action.status,
        "progress": [
            {
                "at": note.at,
                "status_before": note.status_before,
                "status_after": note.status_after,
                "note": note.note,
                "by": "secretariat" if note.on_behalf else ", ".join(note.owner_codes_names()),
                "author": note.author_label if show_authors else None,
            }
            for note in action.progress.all()
        ],
    }


@router.get("/sessions", response=list[SessionOut], summary="Dialogue sessions")
def list_sessions(request: HttpRequest) -> list[dict[str, Any]]:
    return [_session_out(session, request) for session in selectors.session_list(request.user)]


@router.get(
    "/sessions/{session_id}",
    response={200: SessionDetailOut, 404: ErrorOut},
    summary="A session: agenda, guiding questions, participants and report downloads",
)
def get_session(request: HttpRequest, session_id: Id) -> dict[str, Any]:
    session = selectors.session_get(session_id)
    base = request.build_absolute_uri(f"/{settings.LANGUAGE_CODE}/dialogue/{session.pk}/")
    return {
        **_session_out(session, request),
        "agenda": [item.title for item in session.agenda.all()],
        "questions": [
            {"number": q.number, "text": q.text, "translated_by_sinergia": q.translated}
            for q in session.questions.all()
        ],
        "participants": [
            participant_record(p) for p in selectors.participants_visible(session, request.user)
        ],
        "reports": {
            f"{language}.{fmt}": f"{base}report.{language}.{fmt}"
            for language in ("es", "en")
            for fmt in ("html", "pdf", "docx")
        },
        "unconfirmed": session.unconfirmed,
    }


@router.get(
    "/sessions/{session_id}/contributions",
    response={200: list[ContributionOut], 404: ErrorOut},  # type: ignore[valid-type]
    summary="Contributions to a session (submitted ones; drafts too for their authors)",
)
def list_contributions(request: HttpRequest, session_id: Id) -> list[dict[str, Any]]:
    session = selectors.session_get(session_id)
    return [_contribution_out(c) for c in selectors.contributions_visible(session, request.user)]


@router.post(
    "/sessions/{session_id}/contributions",
    auth=WRITE_AUTH,
    response={201: ContributionOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Submit a contribution for your country or mechanism (the secretariat: for any)",
)
def create_contribution(
    request: HttpRequest, session_id: Id, payload: ContributionIn
) -> Status[dict[str, Any]]:
    session = selectors.session_get(session_id)
    data = services.ContributionData(
        **payload.dict(exclude={"participant", "country"}),
    )
    # A delegation joins with its first contribution, or not at all.
    contribution = service_call(
        services.contribution_create,
        actor=request.user,
        session=session,
        data=data,
        participant=payload.participant,
        country=payload.country or None,
    )
    return Status(201, _contribution_out(selectors.contribution_get(contribution.pk, request.user)))


@router.get(
    "/contributions/{contribution_id}",
    response={200: ContributionOut, 404: ErrorOut},
    summary="A contribution",
)
def get_contribution(request: HttpRequest, contribution_id: Id) -> dict[str, Any]:
    return _contribution_out(selectors.contribution_get(contribution_id, request.user))


def _participant_of(session: Session, participant_id: int) -> Participant:
    participant = session.participants.filter(pk=participant_id).first()
    if participant is None:
        raise Http404("No such participant")
    return participant


@router.post(
    "/sessions/{session_id}/participants",
    auth=WRITE_AUTH,
    response={201: ParticipantOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Add a participant, with the public document that confirms it (the secretariat)",
)
def add_participant(
    request: HttpRequest, session_id: Id, payload: ParticipantIn
) -> Status[dict[str, Any]]:
    session = selectors.session_get(session_id)
    participant = service_call(
        services.participant_add,
        actor=request.user,
        session=session,
        **payload.dict(),
    )
    return Status(201, participant_record(participant))


@router.delete(
    "/sessions/{session_id}/participants/{participant_id}",
    auth=WRITE_AUTH,
    response={204: None, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Remove a participant that has no contribution (the secretariat)",
)
def remove_participant(request: HttpRequest, session_id: Id, participant_id: Id) -> Status[None]:
    session = selectors.session_get(session_id)
    participant = _participant_of(session, participant_id)
    service_call(services.participant_remove, actor=request.user, participant=participant)
    return Status(204, None)


class ActionQuery(Schema):
    status: Literal["planned", "in_progress", "done", "dropped"] | None = None
    owner: str | None = None
    session: Id | None = None


@router.get("/actions", response=list[ActionOut], summary="Follow-up actions")
def list_actions(request: HttpRequest, filters: Query[ActionQuery]) -> list[dict[str, Any]]:
    show_authors = permissions.sees_who_reported(request.user)
    return [
        _action_out(a, show_authors=show_authors)
        for a in selectors.action_list(
            status=filters.status, owner=filters.owner, session=filters.session
        )
    ]


@router.post(
    "/actions/{action_id}/progress",
    auth=WRITE_AUTH,
    response={201: ActionOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Report progress on an action (its owner's focal point, or the secretariat)",
)
def report_progress(
    request: HttpRequest, action_id: Id, payload: ProgressIn
) -> Status[dict[str, Any]]:
    action = FollowUpAction.objects.filter(pk=action_id).first()
    if action is None:
        raise Http404("No such action")
    service_call(
        services.action_progress,
        actor=request.user,
        action=action,
        status=payload.status,
        note=payload.note,
    )
    return Status(
        201,
        _action_out(
            selectors.action_list().get(pk=action_id),
            show_authors=permissions.sees_who_reported(request.user),
        ),
    )


class MeetingQuery(Schema):
    mechanism: str | None = Field(default=None, pattern=r"^([A-Za-z0-9&.\-]{1,30})?$")
    country: str | None = Field(default=None, pattern=r"^([A-Za-z]{3})?$")


def _meeting_out(meeting: Meeting) -> dict[str, Any]:
    return MEETING.record(meeting)


def _clash_out(clash: Any) -> dict[str, Any]:
    return {
        "first": clash.first.pk,
        "second": clash.second.pk,
        "days_apart": clash.days_apart,
        "shared_countries": clash.shared_countries,
    }


def _meeting_written(meeting: Meeting) -> dict[str, Any]:
    """The meeting and the clashes it makes with the meetings of any body."""
    found = [] if meeting.is_cancelled else selectors.meeting_clashes(meeting)
    return {**_meeting_out(meeting), "clashes": [_clash_out(c) for c in found]}


@router.get(
    "/meetings",
    response=CalendarOut,
    summary="Meetings of every mechanism, and clashes between those sharing member states",
)
def list_meetings(request: HttpRequest, filters: Query[MeetingQuery]) -> dict[str, Any]:
    mechanism, country = (filters.mechanism or "").upper(), (filters.country or "").upper()
    meetings = selectors.meetings_for(mechanism, country)
    found = selectors.meeting_clashes_shown(mechanism, country)
    return {
        "meetings": [_meeting_out(m) for m in meetings],
        "clashes": [_clash_out(c) for c in found],
    }


@router.post(
    "/meetings",
    auth=WRITE_AUTH,
    response={201: MeetingWrittenOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Announce a meeting of a mechanism (its focal points, or the secretariat); the answer lists the clashes it makes",
)
def create_meeting(request: HttpRequest, payload: MeetingIn) -> Status[dict[str, Any]]:
    mechanism = Mechanism.objects.filter(acronym=payload.mechanism).first()
    if mechanism is None:
        raise Http404("No such mechanism")
    meeting = service_call(
        meeting_create,
        actor=request.user,
        mechanism=mechanism,
        **payload.dict(exclude={"mechanism"}),
    )
    return Status(201, _meeting_written(meeting))


def _meeting_of(meeting_id: int) -> Meeting:
    meeting = Meeting.objects.select_related("mechanism", "source").filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404("No such meeting")
    return meeting


@router.put(
    "/meetings/{meeting_id}",
    auth=WRITE_AUTH,
    response={200: MeetingWrittenOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Change a meeting (its mechanism's focal points, or the secretariat); the answer lists the clashes it makes",
)
def change_meeting(request: HttpRequest, meeting_id: Id, payload: MeetingChangeIn) -> Any:
    meeting = service_call(
        meeting_update, actor=request.user, meeting=_meeting_of(meeting_id), **payload.dict()
    )
    return _meeting_written(meeting)


@router.post(
    "/meetings/{meeting_id}/cancel",
    auth=WRITE_AUTH,
    response={200: MeetingItemOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Cancel a meeting: it stays in the calendar, marked cancelled, and clashes no more",
)
def cancel_meeting(request: HttpRequest, meeting_id: Id) -> Any:
    meeting = service_call(meeting_cancel, actor=request.user, meeting=_meeting_of(meeting_id))
    return _meeting_out(meeting)


@router.get(
    "/meetings.ics",
    summary="Meetings as iCalendar (RFC 5545), for all or by mechanism or country",
    response={200: None},
    openapi_extra={
        "responses": {200: {"description": "An iCalendar feed", "content": {"text/calendar": {}}}}
    },
)
def meetings_ical(request: HttpRequest, filters: Query[MeetingQuery]) -> HttpResponse:
    mechanism = (filters.mechanism or "").upper()
    country = (filters.country or "").upper()
    meetings = selectors.meetings_for(mechanism, country)
    name = (
        "Sinergia" + (f" · {mechanism}" if mechanism else "") + (f" · {country}" if country else "")
    )
    body = ical_feed(
        meetings,
        name=name,
        base_url=request.build_absolute_uri("/").rstrip("/"),
        revisions=selectors.meeting_revisions(meetings),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="sinergia-meetings.ics"'
    return response
