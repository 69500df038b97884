"""The meetings calendar across all mechanisms, with its clashes, the form that adds a meeting
and the export."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergia.accounts.permissions import can_edit_mechanism
from sinergia.dialogue import selectors
from sinergia.dialogue.calendar import clashes
from sinergia.dialogue.forms import (
    MeetingForm,
)
from sinergia.dialogue.services import meeting_create
from sinergia.form_errors import add_service_errors
from sinergia.registry import selectors as registry_selectors
from sinergia.registry.models import Country, Mechanism
from sinergia.registry.shapes import MEETING


def meeting_calendar(request: HttpRequest) -> HttpResponse:
    mechanism = (request.GET.get("mechanism") or "").upper() or None
    country = (request.GET.get("country") or "").upper() or None
    meetings = selectors.meetings_for(mechanism, country)
    today = timezone.localdate()
    members = registry_selectors.members_by_mechanism(today)
    found = clashes(meetings, members)
    upcoming = [m for m in meetings if m.last_day >= today]
    past = [m for m in reversed(meetings) if m.last_day < today]
    editable = (
        [m for m in Mechanism.objects.all() if can_edit_mechanism(request.user, m.pk)]
        if request.user.is_authenticated
        else []
    )
    form = MeetingForm(request.POST or None, mechanisms=editable) if editable else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            meeting_create(
                actor=request.user,
                mechanism=Mechanism.objects.get(acronym=form.cleaned_data["mechanism"]),
                title=form.cleaned_data["title"],
                date=form.cleaned_data["date"],
                end_date=form.cleaned_data["end_date"],
                place=form.cleaned_data["place"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Meeting added to the calendar."))
            return redirect("meeting_calendar")
    return render(
        request,
        "dialogue/meeting_calendar.html",
        {
            "upcoming": upcoming,
            "past": past,
            "clashes": found,
            "mechanism": mechanism or "",
            "country": country or "",
            "mechanisms": Mechanism.objects.order_by("acronym"),
            "countries": sorted(Country.objects.all(), key=lambda c: c.name),
            "form": form,
        },
    )


def meeting_export(request: HttpRequest, fmt: str) -> HttpResponse:
    mechanism = (request.GET.get("mechanism") or "").upper() or None
    country = (request.GET.get("country") or "").upper() or None
    meetings = selectors.meetings_for(mechanism, country)
    return MEETING.response(meetings, fmt, "meetings")
