"""Follow-up actions agreed in a session: recorded, listed, updated with their progress,
exported."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sinergia.dialogue import permissions, selectors, services
from sinergia.dialogue.forms import (
    ActionForm,
    ProgressForm,
)
from sinergia.dialogue.models import (
    ActionStatus,
    FollowUpAction,
)
from sinergia.downloads import table_response
from sinergia.form_errors import add_service_errors
from sinergia.registry.models import Country, Mechanism


@login_required
def action_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Record an action agreed at a session, owned by one or more mechanisms and states."""
    session = selectors.session_get(pk)
    if not permissions.can_manage_sessions(request.user):
        raise PermissionDenied
    form = ActionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        owners = form.owner_codes()
        try:
            action = services.action_create(
                actor=request.user,
                session=session,
                description=form.cleaned_data["description"],
                language=form.cleaned_data["language"],
                due=form.cleaned_data["due"],
                owner_mechanisms=owners["owner_mechanisms"],
                owner_countries=owners["owner_countries"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Action recorded."))
            return redirect(reverse("session_detail", args=[pk]) + f"#action-{action.pk}")
    return render(request, "dialogue/action_form.html", {"form": form, "session": session})


def action_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status") or None
    if status not in ActionStatus.values:
        status = None
    owner = (request.GET.get("owner") or "").upper() or None
    actions = list(selectors.action_list(status=status, owner=owner))

    user = request.user
    editable = {a.pk for a in actions if permissions.can_update_action(user, a)}
    return render(
        request,
        "dialogue/action_list.html",
        {
            "actions": actions,
            "editable": editable,
            "show_authors": permissions.sees_who_reported(user),
            "statuses": ActionStatus.choices,
            "status": status,
            "owner": owner or "",
            "owner_mechanisms": Mechanism.objects.order_by("acronym"),
            "owner_countries": sorted(Country.objects.all(), key=lambda c: c.name),
            "progress_form": ProgressForm(),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def action_progress(request: HttpRequest, pk: int) -> HttpResponse:
    action = FollowUpAction.objects.filter(pk=pk).first()
    if action is None:
        raise Http404("No such action")
    form = ProgressForm(request.POST)
    if form.is_valid():
        try:
            services.action_progress(
                actor=request.user,
                action=action,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Progress recorded."))
    else:
        messages.error(request, _("Choose a status."))
    return redirect(reverse("action_list") + f"#action-{pk}")


ACTION_COLUMNS = [
    "id", "session", "description", "language", "owner", "owners", "due", "status", "progress",
]  # fmt: skip


def action_export(request: HttpRequest, fmt: str) -> HttpResponse:
    status = request.GET.get("status") or None
    owner = (request.GET.get("owner") or "").upper() or None
    rows = [
        {
            "id": a.pk,
            "session": a.session.key,
            "description": a.description,
            "language": a.language,
            "owner": a.owner_name,
            "owners": a.owner_codes,
            "due": a.due.isoformat() if a.due else "",
            "status": a.status,
            "progress": [
                f"{n.at:%Y-%m-%d} {n.status_before}→{n.status_after}: {n.note}"
                for n in a.progress.all()
            ],
        }
        for a in selectors.action_list(
            status=status if status in ActionStatus.values else None, owner=owner
        )
    ]
    return table_response(rows, ACTION_COLUMNS, fmt, "follow-up")
