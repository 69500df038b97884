"""Pages of the annual dialogue: sessions, their reports, and contributions (follow-up actions
in `followup_views`, the meetings calendar in `calendar_views`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sinergia.accounts.permissions import is_secretariat
from sinergia.dialogue import permissions, selectors, services
from sinergia.dialogue.forms import (
    ActionForm,
    ContributionForm,
    ParticipantForm,
    PracticeFromContributionForm,
    QuestionForm,
    SessionForm,
)
from sinergia.dialogue.models import (
    Contribution,
    ContributionAttachment,
    ContributionStatus,
    GuidingQuestion,
)
from sinergia.dialogue.report import FORMATS
from sinergia.dialogue.report.build import REPORT_LANGUAGES
from sinergia.dialogue.shapes import CONTRIBUTION
from sinergia.form_errors import add_service_errors
from sinergia.i18n import current_language
from sinergia.practices.rendering import render_markdown
from sinergia.uploads import stored_file_response


def session_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "dialogue/session_list.html",
        {
            "sessions": selectors.session_list(request.user),
            "can_manage": is_secretariat(request.user),
        },
    )


@login_required
def session_create(request: HttpRequest) -> HttpResponse:
    if not is_secretariat(request.user):
        raise PermissionDenied
    form = SessionForm(request.POST or None, initial={"convener": "CAM"})
    if request.method == "POST" and form.is_valid():
        try:
            session = services.session_save(actor=request.user, data=form.session_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Session created. Add its participants."))
            return redirect("session_detail", pk=session.pk)
    return render(request, "dialogue/session_form.html", {"form": form})


@login_required
def participant_create(request: HttpRequest, pk: int) -> HttpResponse:
    """The secretariat's page of a session's participants: add one with the source that
    confirms it, or take off one that has said nothing."""
    session = selectors.session_get(pk)
    if not permissions.can_manage_sessions(request.user):
        raise PermissionDenied
    form = ParticipantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        kind, _sep, code = form.cleaned_data["party"].partition(":")
        try:
            participant = services.participant_add(
                actor=request.user,
                session=session,
                country=code if kind == "country" else None,
                mechanism=code if kind == "mechanism" else None,
                organization=form.cleaned_data["organization"],
                role=form.cleaned_data["role"],
                source_title=form.cleaned_data["source_title"],
                source_publisher=form.cleaned_data["source_publisher"],
                source_url=form.cleaned_data["source_url"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("%(name)s added to the participants.") % {"name": participant.name}
            )
            return redirect("participant_create", pk=pk)
    participants = sorted(
        session.participants.select_related("country", "mechanism", "source").annotate(
            spoken=Count("contributions")
        ),
        key=lambda p: (p.kind, p.name),
    )
    return render(
        request,
        "dialogue/participant_list.html",
        {"session": session, "form": form, "participants": participants},
    )


@login_required
@require_POST
def participant_remove(request: HttpRequest, pk: int, participant: int) -> HttpResponse:
    session = selectors.session_get(pk)
    found = session.participants.filter(pk=participant).first()
    if found is None:
        raise Http404("No such participant")
    try:
        services.participant_remove(actor=request.user, participant=found)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("%(name)s removed from the participants.") % {"name": found.name}
        )
    return redirect("participant_create", pk=pk)


def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.session_get(pk)
    user = request.user
    contributions = selectors.contributions_visible(session, user)
    by_question: dict[int, list[Any]] = defaultdict(list)
    for contribution in contributions:
        by_question[contribution.question_id].append(contribution)
    questions = [(question, by_question[question.pk]) for question in session.questions.all()]
    can_contribute = bool(
        user.is_authenticated
        and (selectors.speaking_for(user, session) or selectors.delegation_countries(user, session))
    )
    return render(
        request,
        "dialogue/session_detail.html",
        {
            "session": session,
            "questions": questions,
            "participants": selectors.participants_visible(session, user),
            "actions": selectors.actions_of(session),
            "concept_note": render_markdown(session.concept_note, footnotes=True),
            "can_contribute": can_contribute,
            "can_manage": is_secretariat(user),
            "report_languages": REPORT_LANGUAGES,
            "report_formats": list(FORMATS),
            "action_form": ActionForm() if is_secretariat(user) else None,
        },
    )


def _save_with_file(
    request: HttpRequest, form: ContributionForm, save: Callable[[Any], Contribution]
) -> Contribution | None:
    """Save the contribution with its attached file (one service, one transaction); on a
    refusal, show it on the form (which keeps what was typed) and return None."""
    try:
        return save(form.cleaned_data.get("file") or None)
    except ValidationError as error:
        add_service_errors(form, error)
        return None


@login_required
def contribution_create(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.session_get(pk)
    participants = selectors.speaking_for(request.user, session)
    countries = selectors.delegation_countries(request.user, session)
    if not participants and not countries:
        raise PermissionDenied
    form = ContributionForm(
        request.POST or None,
        request.FILES or None,
        session=session,
        participants=participants,
        countries=countries,
        initial={"language": current_language()},
    )
    if request.method == "POST" and form.is_valid():

        def submit(upload: Any) -> Contribution:
            kind, _sep, speaker = form.cleaned_data["participant"].partition(":")
            return services.contribution_create(
                actor=request.user,
                session=session,
                data=form.contribution_data(),
                participant=None if kind == "country" else int(kind),
                country=speaker if kind == "country" else None,
                upload=upload,
            )

        contribution = _save_with_file(request, form, submit)
        if contribution is not None:
            messages.success(
                request,
                _(
                    "Draft saved. Submit it when it is ready: only then will it appear in the report."
                )
                if contribution.status == ContributionStatus.DRAFT
                else _("Contribution recorded. It will appear in the report."),
            )
            return redirect("contribution_detail", pk=contribution.pk)
    return render(
        request,
        "dialogue/contribution_form.html",
        {"form": form, "session": session, "contribution": None},
    )


def contribution_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = selectors.contribution_get(pk, request.user)
    can_edit = permissions.can_edit_contribution(request.user, contribution)
    return render(
        request,
        "dialogue/contribution_detail.html",
        {
            "contribution": contribution,
            "can_edit": can_edit,
            "practice_form": PracticeFromContributionForm() if can_edit else None,
        },
    )


@login_required
def contribution_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = selectors.contribution_get(pk, request.user)
    if not permissions.can_edit_contribution(request.user, contribution):
        raise PermissionDenied
    session = contribution.session
    initial = {
        "participant": str(contribution.participant_id),
        "question": contribution.question.number,
        "language": contribution.language,
        "statement": contribution.statement,
        "added_value": contribution.added_value,
        "challenges": contribution.challenges,
        "good_practices": contribution.good_practices,
        "coordination": contribution.coordination,
        "status": contribution.status,
    }
    form = ContributionForm(
        request.POST or None,
        request.FILES or None,
        session=session,
        participants=[contribution.participant],
        countries=[],
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():

        def update(upload: Any) -> Contribution:
            return services.contribution_update(
                actor=request.user,
                contribution=contribution,
                data=form.contribution_data(),
                upload=upload,
            )

        if _save_with_file(request, form, update) is not None:
            messages.success(request, _("Changes saved."))
            return redirect("contribution_detail", pk=contribution.pk)
    return render(
        request,
        "dialogue/contribution_form.html",
        {"form": form, "session": session, "contribution": contribution},
    )


@login_required
@require_POST
def contribution_practice(request: HttpRequest, pk: int) -> HttpResponse:
    contribution = selectors.contribution_get(pk, request.user)
    form = PracticeFromContributionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the practice a title."))
        return redirect("contribution_detail", pk=pk)
    try:
        practice = services.practice_from_contribution(
            actor=request.user, contribution=contribution, title=form.cleaned_data["title"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("contribution_detail", pk=pk)
    messages.success(
        request, _("The practice was added to the repository and submitted for review.")
    )
    return redirect("practice_detail", pk=practice.pk)


def contribution_file(request: HttpRequest, pk: int, token: str) -> FileResponse:
    contribution = selectors.contribution_get(pk, request.user)
    attachment = ContributionAttachment.objects.filter(
        contribution=contribution, token=token
    ).first()
    if attachment is None:
        raise Http404("No such file")
    return stored_file_response(attachment)


@login_required
def question_edit(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    question = GuidingQuestion.objects.filter(session_id=pk, number=number).first()
    if question is None:
        raise Http404("No such question")
    if not is_secretariat(request.user):
        raise PermissionDenied
    form = QuestionForm(request.POST or None, initial=question.text)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_set(actor=request.user, question=question, text=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Question saved."))
            return redirect("session_detail", pk=pk)
    return render(request, "dialogue/question_form.html", {"form": form, "question": question})


def contribution_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    session = selectors.session_get(pk)
    contributions = selectors.contributions_visible(session, request.user)
    return CONTRIBUTION.response(contributions, fmt, f"{session.key}-contributions")
