"""Pages of the practice repository: search, a practice, submission and review."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sinergia.accounts.permissions import roles_of
from sinergia.data_version import versioned
from sinergia.form_errors import add_service_errors
from sinergia.i18n import LANGUAGE_CHOICES, current_language
from sinergia.practices import permissions, selectors, services
from sinergia.practices.exports import EXPORTS, export_response
from sinergia.practices.forms import (
    ACTIONS,
    AttachmentForm,
    PracticeForm,
    TransitionForm,
    TranslationForm,
)
from sinergia.practices.models import Attachment, Population, Practice
from sinergia.practices.rendering import render_markdown
from sinergia.practices.search import practice_search
from sinergia.practices.search.engine import FACETS
from sinergia.practices.search.params import search_query_from
from sinergia.practices.shapes import PRACTICE_PREFETCH
from sinergia.registry.models import Country, Mechanism, Subregion
from sinergia.uploads import stored_file_response
from sinergia.vocabulary.models import Concept

EXPORT_LIMIT = 5000


def _facet_labels() -> dict[str, dict[str, str]]:
    """The name of every facet value, in the reader's language."""
    return _facet_labels_in(get_language())


@versioned("registry", "vocabulary")
def _facet_labels_in(language: str) -> dict[str, dict[str, str]]:
    return {
        "country": {c.iso3: c.name for c in Country.objects.all()},
        "subregion": {s.key: s.name for s in Subregion.objects.all()},
        "mechanism": {m.acronym: m.acronym for m in Mechanism.objects.all()},
        "theme": {c.key: c.label for c in Concept.objects.all()},
        "population": {str(value): str(label) for value, label in Population.choices},
        "language": {str(value): str(label) for value, label in LANGUAGE_CHOICES},
        "year": {},
    }


FACET_VALUES_SHOWN = 12

FACET_TITLES = {
    "country": gettext_lazy("Country"),
    "subregion": gettext_lazy("Subregion"),
    "mechanism": gettext_lazy("Mechanism"),
    "theme": gettext_lazy("Theme"),
    "population": gettext_lazy("Target population"),
    "language": gettext_lazy("Language"),
    "year": gettext_lazy("Year"),
}


# The query parameter of each facet's filter (see params.search_query_from).
FILTER_PARAMETERS = {
    "country": "country",
    "subregion": "subregion",
    "mechanism": "mechanism",
    "theme": "theme",
    "population": "population",
    "language": "language",
    "year": "year",
}


def practice_list(request: HttpRequest) -> HttpResponse:
    query = search_query_from(request.GET)
    result = practice_search(query, language=current_language())
    labels = _facet_labels()
    selected = {
        "country": query.countries,
        "subregion": query.subregions,
        "mechanism": query.mechanisms,
        "theme": query.themes,
        "population": query.populations,
        "language": query.languages,
        "year": tuple(str(year) for year in query.years),
    }
    # Each facet's most frequent values, and any value ticked beyond them.
    facets = [
        {
            "name": name,
            "title": FACET_TITLES[name],
            "values": [
                {
                    "value": value,
                    "label": labels[name].get(value, value),
                    "count": count,
                    "checked": value in selected[name],
                }
                for rank, (value, count) in enumerate(result.facets.get(name, []))
                if rank < FACET_VALUES_SHOWN or value in selected[name]
            ],
        }
        for name in FACETS
    ]
    params = request.GET.copy()
    params.pop("page", None)
    suggestion_params = params.copy()
    suggestion_params["q"] = result.suggestion
    widen = []
    for name, _values, count in result.without_filter:
        without = params.copy()
        without.pop(FILTER_PARAMETERS[name], None)
        names = [str(labels[name].get(value, value)) for value in selected[name]]
        widen.append({"title": FACET_TITLES[name], "values": ", ".join(names), "count": count,
                      "querystring": without.urlencode()})  # fmt: skip
    return render(
        request,
        "practices/practice_list.html",
        {
            "query": query,
            "result": result,
            "facets": facets,
            "ticked": [
                (FILTER_PARAMETERS[name], value) for name in FACETS for value in selected[name]
            ],
            "active_filters": sum(len(values) for values in selected.values()),
            "widen": widen,
            "suggestion_querystring": suggestion_params.urlencode(),
            "querystring": params.urlencode(),
            "country_names": labels["country"],
            "exports": EXPORTS,
        },
    )


def practice_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in EXPORTS:
        raise Http404("Unknown format")
    query = search_query_from(request.GET, page_size=EXPORT_LIMIT)
    result = practice_search(query, language=current_language(), facets=False)
    practices = Practice.objects.filter(pk__in=result.ids).prefetch_related(*PRACTICE_PREFETCH)
    by_id = {practice.pk: practice for practice in practices}
    return export_response([by_id[pk] for pk in result.ids if pk in by_id], fmt)


def _display(practice: Any, language: str) -> dict[str, Any]:
    """The practice's text in the reader's language when a translation exists."""
    translation = next((t for t in practice.translations.all() if t.language == language), None)
    if translation and practice.language != language:
        return {
            "title": translation.title,
            "summary": translation.summary,
            "body": render_markdown(translation.body or ""),
            "language": language,
            "translation": translation,
        }
    return {
        "title": practice.title,
        "summary": practice.summary,
        "body": render_markdown(practice.body),
        "language": practice.language,
        "translation": None,
    }


def practice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    practice = selectors.practice_get(pk, request.user)
    user = request.user
    allowed = [
        (action, label)
        for action, label in ACTIONS.items()
        if practice.status in services.TRANSITIONS[action][0]
        and services.may_transition(action, user, practice)
    ]
    can_edit = permissions.can_edit(user, practice)
    show_workflow = permissions.is_reviewer(user) or permissions.is_author(user, practice)
    return render(
        request,
        "practices/practice_detail.html",
        {
            "practice": practice,
            "display": _display(practice, current_language()),
            "actions": allowed,
            "can_edit": can_edit,
            "show_workflow": show_workflow,
            "similar": selectors.similar_practices(practice, user) if show_workflow else [],
            # The tagger's suggestions, by their labels in the reader's language.
            "suggested_themes": list(
                Concept.objects.filter(key__in=practice.suggested_themes).order_by("key")
            )
            if show_workflow and practice.suggested_themes
            else [],
            "transition_form": TransitionForm(),
            "attachment_form": AttachmentForm() if can_edit else None,
            "translation_form": TranslationForm()
            if (can_edit or permissions.is_reviewer(user))
            else None,
        },
    )


@login_required
def practice_create(request: HttpRequest) -> HttpResponse:
    # A state's focal point writes about its own state first: its country is ticked.
    own = [country for _role, country, _mechanism in roles_of(request.user) if country]
    initial = {"countries": list(Country.objects.filter(pk__in=own).values_list("iso3", flat=True))}
    form = PracticeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            practice = services.practice_create(
                actor=request.user, data=form.practice_data(themes_confirmed=False)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Draft saved. Check the suggested themes, then submit it for review.")
                if practice.themes.exists()
                else _(
                    "Draft saved. No theme was recognised in its text: choose its themes, "
                    "then submit it for review."
                ),
            )
            return redirect("practice_detail", pk=practice.pk)
    return render(request, "practices/practice_form.html", {"form": form, "practice": None})


@login_required
def practice_edit(request: HttpRequest, pk: int) -> HttpResponse:
    practice = selectors.practice_get(pk, request.user)
    if not permissions.can_edit(request.user, practice):
        raise PermissionDenied
    form = PracticeForm(request.POST or None, initial=PracticeForm.initial_from(practice))
    if request.method == "POST" and form.is_valid():
        try:
            services.practice_update(
                actor=request.user,
                practice=practice,
                data=form.practice_data(themes_confirmed=True),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("practice_detail", pk=practice.pk)
    return render(request, "practices/practice_form.html", {"form": form, "practice": practice})


@login_required
@require_POST
def practice_transition(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404("Unknown action")
    practice = selectors.practice_get(pk, request.user)
    form = TransitionForm(request.POST)
    comment = form.cleaned_data["comment"] if form.is_valid() else ""
    service = getattr(services, f"practice_{action}")
    try:
        service(actor=request.user, practice=practice, comment=comment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Done: the practice is now %(status)s.") % {"status": practice.get_status_display()},
        )
        if action == "submit":
            for similar in selectors.similar_practices(practice, request.user):
                messages.warning(
                    request,
                    _("This looks like practice “%(title)s”, submitted by %(by)s.")
                    % {"title": similar.practice.title, "by": similar.submitted_by},
                )
    return redirect("practice_detail", pk=pk)


@login_required
@require_POST
def practice_translate(request: HttpRequest, pk: int) -> HttpResponse:
    practice = selectors.practice_get(pk, request.user)
    form = TranslationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The translation needs a language, a title and a summary."))
        return redirect("practice_detail", pk=pk)
    try:
        services.translation_set(actor=request.user, practice=practice, **form.cleaned_data)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("Translation saved."))
    return redirect("practice_detail", pk=pk)


@login_required
@require_POST
def attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    practice = selectors.practice_get(pk, request.user)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(
                actor=request.user, practice=practice, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("File attached."))
    else:
        messages.error(request, _("Choose a file."))
    return redirect("practice_detail", pk=pk)


def attachment_download(request: HttpRequest, pk: int, token: str) -> FileResponse:
    practice = selectors.practice_get(pk, request.user)
    attachment = Attachment.objects.filter(practice=practice, token=token).first()
    if attachment is None:
        raise Http404("No such file")
    return stored_file_response(attachment)


@login_required
def my_practices(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "practices/practice_mine.html",
        {
            "practices": selectors.practices_of(request.user),
            "can_submit": any(permissions.focal_scopes(request.user))
            or permissions.is_secretariat(request.user),
        },
    )


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    if not permissions.is_reviewer(request.user):
        raise PermissionDenied
    return render(request, "practices/review_queue.html", {"practices": selectors.review_queue()})
