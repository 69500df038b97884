"""The consolidated report's address: the stored file when there is one; otherwise built
here (no worker: `sinergia.dialogue.report.store` bounds the builds) or by a worker, while a
person follows the job's progress on its page."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from sinergia.accounts.permissions import is_secretariat
from sinergia.dialogue import selectors
from sinergia.dialogue.report import (
    FORMATS,
    REPORT_CSP,
    ReportBusy,
    StoredReport,
    report_file,
    report_stored,
)
from sinergia.dialogue.report.build import REPORT_LANGUAGES
from sinergia.dialogue.report.drafts import final_latest
from sinergia.dialogue.report.store import RETRY_AFTER_SECONDS
from sinergia.jobs.models import JobState
from sinergia.jobs.requests import report_request, reports_request


def session_report(request: HttpRequest, pk: int, language: str, fmt: str) -> HttpResponseBase:
    if language not in REPORT_LANGUAGES or fmt not in FORMATS:
        raise Http404("No such report")
    session = selectors.session_get(pk)
    filename = f"sinergia-{session.key}-{language}.{fmt}"
    # Once the secretariat has marked a version final, that version is the report: its file
    # as stored. Before, Sinergia's own draft; the secretariat's draft has its own preview.
    final = final_latest(session, language)
    if final is not None:
        return redirect("report_final_file", session.pk, final.pk, fmt)
    if settings.CELERY_TASK_ALWAYS_EAGER:
        try:
            stored = report_file(session=session, language=language, fmt=fmt)
        except ReportBusy as busy:
            return report_busy(request, busy.retry_after_seconds)
        return report_response(request, stored, fmt=fmt, filename=filename)
    found = report_stored(session=session, language=language, fmt=fmt)
    if found is not None and found.current:
        return report_response(request, found, fmt=fmt, filename=filename)
    job = report_request(session=session, language=language, fmt=fmt, by=request.user)
    if job.state == JobState.DONE:  # finished meanwhile, or its file is gone
        fresh = report_stored(session=session, language=language, fmt=fmt)
        if fresh is not None and fresh.current:
            if found is not None:
                found.file.close()
            return report_response(request, fresh, fmt=fmt, filename=filename)
        job = report_request(
            session=session, language=language, fmt=fmt, by=request.user, redo=True
        )
    follow = reverse("job_detail", args=[job.token])
    if _wants_page(request):
        if found is not None:
            found.file.close()
        return redirect(follow)
    if found is not None:
        return report_response(request, found, fmt=fmt, filename=filename)
    response = report_busy(request, RETRY_AFTER_SECONDS)
    response["Link"] = f'</api/v1/jobs/{job.token}>; rel="monitor"'
    return response


def _wants_page(request: HttpRequest) -> bool:
    return "text/html" in request.headers.get("Accept", "")


@require_POST
@login_required
def session_reports_build(request: HttpRequest, pk: int) -> HttpResponse:
    """The secretariat asks for every report of a session to be built and stored now."""
    if not is_secretariat(request.user):
        raise PermissionDenied
    session = selectors.session_get(pk)
    job = reports_request(session=session, by=request.user)
    return redirect("job_detail", job.token)


def report_response(
    request: HttpRequest, stored: StoredReport, *, fmt: str, filename: str
) -> HttpResponseBase:
    """The stored file as it is: HTML to read in the browser, PDF and DOCX to download; 304
    when the caller holds it already."""
    last_modified = stored.modified_at.timestamp()
    not_modified = get_conditional_response(
        request, etag=stored.etag, last_modified=int(last_modified)
    )
    if not_modified is not None:
        stored.file.close()
        return not_modified
    response = FileResponse(
        stored.file, as_attachment=fmt != "html", filename=filename, content_type=FORMATS[fmt]
    )
    response["ETag"] = stored.etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = "no-cache"  # the data may change at any time: ask again
    response["X-Content-Type-Options"] = "nosniff"
    # The report's own styles are inline; it runs no script and loads nothing.
    response["Content-Security-Policy"] = REPORT_CSP
    if not stored.current:
        response["X-Report-Stale"] = "1"  # built from older data; the newer one is on its way
    return response


def report_busy(request: HttpRequest, retry_after_seconds: int) -> HttpResponse:
    """503 with Retry-After: a page, or problem details for a caller that asks for JSON."""
    title = _("The report is being prepared")
    detail = _("It is not ready yet. Try again in %(seconds)d seconds.") % {
        "seconds": retry_after_seconds
    }
    accept = request.headers.get("Accept", "")
    if "json" in accept and "html" not in accept:
        body = {"type": "about:blank", "title": title, "status": 503, "detail": detail}
        response = HttpResponse(
            json.dumps(body), status=503, content_type="application/problem+json"
        )
    else:
        response = render(
            request,
            "errors/page.html",
            {"status": 503, "title": title, "detail": detail},
            status=503,
        )
    response["Retry-After"] = str(retry_after_seconds)
    response["Cache-Control"] = "no-store"
    return response
