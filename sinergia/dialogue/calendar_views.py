"""The meetings calendar across all mechanisms, with its clashes and its month view; the pages
that add, edit and cancel a meeting (warning of a clash before saving); the export."""

from __future__ import annotations

import calendar as month_calendar
import datetime
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sinergia.accounts.permissions import can_edit_mechanism
from sinergia.dialogue import selectors
from sinergia.dialogue import services as dialogue_services
from sinergia.dialogue.forms import MeetingForm
from sinergia.form_errors import add_service_errors
from sinergia.registry.models import Country, DatePrecision, Mechanism, Meeting
from sinergia.registry.services import meeting_cancel, meeting_update
from sinergia.registry.shapes import MEETING


def _filters(request: HttpRequest) -> tuple[str | None, str | None]:
    mechanism = (request.GET.get("mechanism") or "").upper() or None
    country = (request.GET.get("country") or "").upper() or None
    return mechanism, country


def _editable(request: HttpRequest) -> list[Mechanism]:
    """The mechanisms whose meetings the person may add, edit and cancel."""
    if not request.user.is_authenticated:
        return []
    return [
        m for m in Mechanism.objects.order_by("acronym") if can_edit_mechanism(request.user, m.pk)
    ]


def _feeds(
    request: HttpRequest, mechanism: str | None, country: str | None
) -> list[dict[str, str]]:
    """The iCalendar feeds offered: this view's, and every meeting's when filtered; each as a
    download address and as a `webcal://` address a calendar program subscribes to."""
    path = "/api/v1/meetings.ics"
    wanted: list[tuple[str, dict[str, str]]] = []
    if mechanism:
        wanted.append((_("Meetings of %(name)s") % {"name": mechanism}, {"mechanism": mechanism}))
    elif country:
        wanted.append(
            (_("Meetings of the mechanisms of %(name)s") % {"name": country}, {"country": country})
        )
    wanted.append((_("Every meeting"), {}))
    host = request.get_host()
    return [
        {
            "label": label,
            "url": path + (f"?{urlencode(query)}" if query else ""),
            "webcal": f"webcal://{host}{path}" + (f"?{urlencode(query)}" if query else ""),
        }
        for label, query in wanted
    ]


def _context(request: HttpRequest) -> dict[str, Any]:
    mechanism, country = _filters(request)
    editable = _editable(request)
    return {
        "mechanism": mechanism or "",
        "country": country or "",
        "mechanisms": Mechanism.objects.order_by("acronym"),
        "countries": sorted(Country.objects.all(), key=lambda c: c.name),
        "feeds": _feeds(request, mechanism, country),
        "editable": {m.pk for m in editable},
        "can_add": bool(editable),
    }


def meeting_calendar(request: HttpRequest) -> HttpResponse:
    mechanism, country = _filters(request)
    meetings = selectors.meetings_for(mechanism, country)
    today = timezone.localdate()
    # A calendar filtered by mechanism or country still shows its clashes with other bodies.
    found = selectors.meeting_clashes_shown(mechanism, country)
    upcoming = [m for m in meetings if m.last_day >= today]
    past = [m for m in reversed(meetings) if m.last_day < today]
    # The clashes still to be settled first, soonest first; those of meetings already held
    # after them, the latest first.
    ahead = [clash for clash in found if clash.last_day >= today]
    behind = [clash for clash in reversed(found) if clash.last_day < today]
    return render(
        request,
        "dialogue/meeting_calendar.html",
        {**_context(request), "upcoming": upcoming, "past": past,
         "clashes_ahead": ahead, "clashes_behind": behind},
    )  # fmt: skip


def _month(value: str | None, today: datetime.date) -> datetime.date:
    try:
        month = datetime.datetime.strptime(value or "", "%Y-%m").date()
    except ValueError:
        return today.replace(day=1)
    return month if 1900 <= month.year <= 2200 else today.replace(day=1)


def meeting_month(request: HttpRequest) -> HttpResponse:
    """One month as a table of weeks, each day with the meetings held on it."""
    mechanism, country = _filters(request)
    today = timezone.localdate()
    first = _month(request.GET.get("month"), today)
    weeks = month_calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    last = weeks[-1][-1]
    meetings = [
        m
        for m in selectors.meetings_for(mechanism, country)
        if m.date <= last and m.last_day >= weeks[0][0]
    ]
    by_day = [
        [
            (
                day,
                day.month == first.month,
                [
                    m
                    for m in meetings
                    if m.date_precision == DatePrecision.DAY and m.date <= day <= m.last_day
                ],
            )
            for day in week
        ]
        for week in weeks
    ]
    undated = [
        m
        for m in meetings
        if m.date_precision == DatePrecision.MONTH
        and (m.date.year, m.date.month) == (first.year, first.month)
    ]
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=31)).replace(day=1)

    def link(month: datetime.date) -> str:
        query = {"month": f"{month:%Y-%m}"}
        if mechanism:
            query["mechanism"] = mechanism
        if country:
            query["country"] = country
        return "?" + urlencode(query)

    return render(
        request,
        "dialogue/meeting_month.html",
        {
            **_context(request),
            "month": first,
            "weeks": by_day,
            "weekdays": weeks[0],
            "undated": undated,
            "previous": previous,
            "previous_link": link(previous),
            "following": following,
            "following_link": link(following),
            "today": today,
        },
    )


def _meeting_form(
    request: HttpRequest, *, meeting: Meeting | None, editable: list[Mechanism]
) -> HttpResponse:
    """Add or edit a meeting. A meeting that would clash is not saved at once: the page shows
    the clashes and saves only when the person confirms."""
    initial = (
        {
            "mechanism": meeting.mechanism.acronym,
            "title": meeting.title,
            "date": meeting.date,
            "end_date": meeting.end_date,
            "place": meeting.place,
        }
        if meeting is not None
        else {"mechanism": request.GET.get("mechanism", "").upper()}
    )
    form = MeetingForm(
        request.POST or None,
        mechanisms=editable,
        editing=meeting is not None,
        initial=initial,
    )
    warnings: list[Any] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        mechanism = (
            meeting.mechanism
            if meeting is not None
            else Mechanism.objects.get(acronym=data["mechanism"])
        )
        candidate = Meeting(
            pk=meeting.pk if meeting is not None else None,
            mechanism=mechanism,
            title=data["title"],
            date=data["date"],
            end_date=data["end_date"],
            date_precision=DatePrecision.DAY,
            place=data["place"],
        )
        warnings = selectors.meeting_clashes(candidate)
        # The warning's own button confirms: `confirm_clash=yes`.
        if not warnings or "yes" in request.POST.getlist("confirm_clash"):
            fields = {
                "title": data["title"],
                "date": data["date"],
                "end_date": data["end_date"],
                "place": data["place"],
            }
            try:
                if meeting is None:
                    saved = dialogue_services.meeting_create(
                        actor=request.user, mechanism=mechanism, **fields
                    )
                else:
                    saved = meeting_update(
                        actor=request.user,
                        meeting=meeting,
                        outcome=meeting.outcome,
                        outcome_url=meeting.outcome_url,
                        **fields,
                    )
            except ValidationError as error:
                add_service_errors(form, error)
                warnings = []
            else:
                messages.success(
                    request,
                    _("Meeting added to the calendar.")
                    if meeting is None
                    else _("Meeting changed."),
                )
                return redirect(reverse("meeting_calendar") + f"#meeting-{saved.pk}")
    return render(
        request,
        "dialogue/meeting_form.html",
        {"form": form, "meeting": meeting, "clash_warnings": warnings},
    )


@login_required
def meeting_create(request: HttpRequest) -> HttpResponse:
    editable = _editable(request)
    if not editable:
        raise PermissionDenied
    return _meeting_form(request, meeting=None, editable=editable)


def _meeting_get(request: HttpRequest, pk: int) -> Meeting:
    meeting = Meeting.objects.select_related("mechanism").filter(pk=pk).first()
    if meeting is None:
        raise Http404("No such meeting")
    if not can_edit_mechanism(request.user, meeting.mechanism_id):
        raise PermissionDenied
    return meeting


@login_required
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_get(request, pk)
    if meeting.is_cancelled:
        messages.error(request, _("A cancelled meeting cannot be changed."))
        return redirect("meeting_calendar")
    return _meeting_form(request, meeting=meeting, editable=[meeting.mechanism])


@login_required
@require_POST
def meeting_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_get(request, pk)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm that the meeting will not take place."))
        return redirect(reverse("meeting_edit", args=[pk]) + "#cancel-title")
    try:
        meeting_cancel(actor=request.user, meeting=meeting)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Meeting cancelled: it stays in the calendar, marked."))
    return redirect(reverse("meeting_calendar") + f"#meeting-{pk}")


def meeting_export(request: HttpRequest, fmt: str) -> HttpResponse:
    mechanism, country = _filters(request)
    meetings = selectors.meetings_for(mechanism, country)
    return MEETING.response(meetings, fmt, "meetings")
