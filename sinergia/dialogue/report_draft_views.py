"""Pages where the secretariat edits the consolidated report: a draft per session and
language (summary, conclusions, symbol, the opportunities and quotes shown), marked final;
and the final versions, served as they were stored."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sinergia.dialogue import permissions, report_services, selectors
from sinergia.dialogue.models import ReportDraft, ReportFile, ReportStatus
from sinergia.dialogue.report import FORMATS, REPORT_CSP, report_build, report_render
from sinergia.dialogue.report.build import REPORT_LANGUAGES
from sinergia.dialogue.report.content import Quote
from sinergia.dialogue.report.drafts import draft_edits, draft_open, finals, proposal
from sinergia.dialogue.report.evidence import Option, opportunity_options
from sinergia.form_errors import add_service_errors
from sinergia.i18n import LANGUAGE_NAMES
from sinergia.synergy.wording import language_name


class ReportDraftForm(forms.Form):
    symbol = forms.CharField(
        label=gettext_lazy("Document symbol"),
        max_length=120,
        required=False,
        help_text=gettext_lazy("As the secretariat assigns it, e.g. OEA/Ser.W CIDI/CAM/doc.X/23."),
    )
    document_date = forms.DateField(
        label=gettext_lazy("Date of the document"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("Empty: the date of the session."),
    )
    summary = forms.CharField(
        label=gettext_lazy("Executive summary"),
        max_length=20_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=gettext_lazy("Markdown. Empty: the summary Sinergia writes from the data."),
    )
    conclusions = forms.CharField(
        label=gettext_lazy("Conclusions and recommendations"),
        max_length=20_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=gettext_lazy("Markdown. Empty: the conclusions Sinergia proposes from the data."),
    )


def _require_manager(request: HttpRequest) -> None:
    if not permissions.can_manage_sessions(request.user):
        raise PermissionDenied


def _language(language: str) -> str:
    if language not in REPORT_LANGUAGES:
        raise Http404("No such language")
    return language


@login_required
def report_drafts(request: HttpRequest, pk: int) -> HttpResponse:
    """The session's reports as the secretariat sees them: the open drafts and the finals."""
    _require_manager(request)
    session = selectors.session_get(pk)
    languages = [
        {"code": code, "name": LANGUAGE_NAMES[code], "draft": draft_open(session, code)}
        for code in REPORT_LANGUAGES
    ]
    return render(
        request,
        "dialogue/report_drafts.html",
        {"session": session, "languages": languages, "finals": finals(session)},
    )


@require_POST
@login_required
def report_draft_start(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    session = selectors.session_get(pk)
    report_services.report_draft_open(
        actor=request.user, session=session, language=_language(language)
    )
    return redirect("report_draft_edit", session.pk, language)


def _number(raw: str) -> int:
    return int(raw) if raw.isascii() and raw.isdigit() else 999


def _choices(request: HttpRequest, options: list[Option]) -> tuple[list[str], dict[str, list[str]]]:
    """The opportunities ticked, by the order numbers given, and for each the texts ticked, by
    their own order numbers (unnumbered ones keep the order they are listed in)."""
    keys = [option.key for option in options]
    ticked = set(request.POST.getlist("opportunity"))
    chosen = sorted(
        (k for k in keys if k in ticked),
        key=lambda k: (_number(request.POST.get(f"order-{k}", "")), keys.index(k)),
    )
    quotes: dict[str, list[str]] = {}
    for option in options:
        if option.key not in ticked:
            continue
        picked = set(request.POST.getlist(f"quote-{option.key}"))
        listed = [(n, quote.key) for n, quote in enumerate(option.quotes, start=1)]
        quotes[option.key] = [
            key
            for _n, key in sorted(
                ((n, key) for n, key in listed if key in picked),
                key=lambda item: (
                    _number(request.POST.get(f"quote-order-{option.key}-{item[0]}", "")),
                    item[0],
                ),
            )
        ]
    return chosen, quotes


def _quote_rows(offered: list[Quote], picked: list[str]) -> list[tuple[Quote, bool, int | str]]:
    """Each text offered with whether it is quoted and its place among the quotes."""
    return [
        (quote, quote.key in picked, picked.index(quote.key) + 1 if quote.key in picked else "")
        for quote in offered
    ]


@login_required
def report_draft_edit(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    _require_manager(request)
    session = selectors.session_get(pk)
    draft = draft_open(session, _language(language))
    if draft is None:
        return redirect("report_drafts", session.pk)
    options = opportunity_options(
        session, selectors.participants_visible(session, request.user), language
    )
    if request.method == "POST":
        form = ReportDraftForm(request.POST)
        if form.is_valid():
            chosen, quotes = _choices(request, options)
            try:
                report_services.report_draft_update(
                    actor=request.user,
                    draft=draft,
                    data=report_services.DraftData(
                        **form.cleaned_data, opportunities=chosen, quotes=quotes
                    ),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Draft saved. Only the secretariat sees it, in the preview, until it is final."
                    ),
                )
                return redirect("report_draft_edit", session.pk, language)
    else:
        form = ReportDraftForm(
            initial={
                "symbol": draft.symbol,
                "document_date": draft.document_date,
                "summary": draft.summary,
                "conclusions": draft.conclusions,
            }
        )
    proposed_summary, proposed_conclusions, _keys, _quotes = proposal(
        report_build(session, language)
    )
    shown = draft.opportunities or []
    rows = [
        {
            "option": option,
            "shown": option.key in shown,
            "order": shown.index(option.key) + 1 if option.key in shown else "",
            "quotes": _quote_rows(option.quotes, (draft.quotes or {}).get(option.key, [])),
        }
        for option in options
    ]
    return render(
        request,
        "dialogue/report_draft_edit.html",
        {
            "session": session,
            "draft": draft,
            "form": form,
            "rows": rows,
            "language_name": language_name(language, get_language() or language),
            "formats": list(FORMATS),
            "proposed": {"summary": proposed_summary, "conclusions": proposed_conclusions},
        },
    )


@require_POST
@login_required
def report_draft_finalize(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    session = selectors.session_get(pk)
    draft = draft_open(session, _language(language))
    if draft is None:
        raise Http404("No draft")
    if request.POST.get("confirm") != "yes":
        messages.error(
            request,
            _("Tick the box to confirm that the preview was read: a final report cannot change."),
        )
        return redirect("report_draft_edit", session.pk, language)
    try:
        report_services.report_draft_finalize(actor=request.user, draft=draft)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("report_draft_edit", session.pk, language)
    messages.success(request, _("The report is final: its files are stored and will not change."))
    return redirect("report_drafts", session.pk)


@require_POST
@login_required
def report_draft_from_final(request: HttpRequest, pk: int, final: int) -> HttpResponse:
    session = selectors.session_get(pk)
    version = get_object_or_404(ReportDraft, pk=final, session=session, status=ReportStatus.FINAL)
    try:
        draft = report_services.report_draft_from_final(actor=request.user, final=version)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("report_drafts", session.pk)
    return redirect("report_draft_edit", session.pk, draft.language)


def report_final_file(request: HttpRequest, pk: int, final: int, fmt: str) -> FileResponse:
    """A final version's file as it was stored: HTML opens in the browser, PDF and DOCX
    download. Public, like the reports themselves."""
    if fmt not in FORMATS:
        raise Http404("No such format")
    stored = get_object_or_404(
        ReportFile.objects.select_related("draft__session"),
        draft__pk=final,
        draft__session__pk=pk,
        draft__status=ReportStatus.FINAL,
        fmt=fmt,
    )
    draft = stored.draft
    response = FileResponse(
        stored.file.open("rb"),
        as_attachment=fmt != "html",
        filename=f"sinergia-{draft.session.key}-{draft.language}-final-{draft.pk}.{fmt}",
        content_type=FORMATS[fmt],
    )
    response["ETag"] = f'"{stored.sha256}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = REPORT_CSP
    return response


@login_required
def report_draft_preview(request: HttpRequest, pk: int, language: str, fmt: str) -> HttpResponse:
    """The report as the open draft makes it, for the secretariat alone, built on request:
    the public reads Sinergia's own draft, or the final version, never a draft half-written."""
    _require_manager(request)
    if fmt not in FORMATS:
        raise Http404("No such format")
    session = selectors.session_get(pk)
    draft = draft_open(session, _language(language))
    if draft is None:
        raise Http404("No draft")
    content = report_render(report_build(session, language, draft_edits(draft)), fmt)
    response = HttpResponse(content, content_type=FORMATS[fmt])
    disposition = "inline" if fmt == "html" else "attachment"
    response["Content-Disposition"] = (
        f'{disposition}; filename="sinergia-{session.key}-{language}-preview.{fmt}"'
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    if fmt == "html":
        response["Content-Security-Policy"] = REPORT_CSP
    return response
