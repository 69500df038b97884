"""The home page, the health check and the error pages."""

from __future__ import annotations

import datetime
import sys
from typing import Any

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from sinergia.data_version import versioned
from sinergia.errorpages import bare_page, full_page, is_api, problem, request_language
from sinergia.registry import selectors
from sinergia.statistics.checking import CONCEPT_NOTE_SENTENCE, check_figures


@versioned("registry")
def _coverage(day: datetime.date) -> selectors.Coverage:
    return selectors.subregion_coverage(day)


@versioned("statistics", "registry")
def _headlines() -> Any:
    """The concept note's figures, checked against the statistics (the page names each area
    in the reader's language)."""
    return check_figures(CONCEPT_NOTE_SENTENCE)


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/home.html",
        {
            "counts": selectors.registry_counts(),
            "coverage": _coverage(selectors.today()),
            "headlines": _headlines(),
        },
    )


def health(request: HttpRequest) -> JsonResponse:
    """200 when the database answers, 503 otherwise: for load balancers and monitors."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "unavailable", "error": type(error).__name__}, status=503)
    return JsonResponse({"status": "ok"})


def api_guide(request: HttpRequest) -> HttpResponse:
    """How to read and write through the API, with examples in curl and Python."""
    base = request.build_absolute_uri("/api/v1").rstrip("/")
    return render(
        request,
        "core/api_guide.html",
        {
            "base": base,
            "rate": settings.SINERGIA_API_RATE_PER_MINUTE,
            "tokens_url": reverse("token_list"),
        },
    )


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 404 handler: problem details under /api/, a page in the reader's language elsewhere."""
    if is_api(request):
        return problem(status=404, title="Not found", detail="No resource at this address.")
    return full_page(
        request,
        status=404,
        title=_("Page not found"),
        detail=_(
            "There is no page at this address. It may have moved, or the address may be mistyped."
        ),
    )


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """The 403 handler. The reason a service gave (already in the reader's language) is shown."""
    reason = str(exception or "")
    if is_api(request):
        return problem(status=403, title="Forbidden", detail=reason or "Not allowed")
    detail = _("You may not open this page or do this here.")
    if reason:
        detail = f"{detail} {reason}"
    return full_page(request, status=403, title=_("Not allowed"), detail=detail)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """The page when a form arrives without its security token (settings.CSRF_FAILURE_VIEW)."""
    if is_api(request):
        return problem(status=403, title="Forbidden", detail="CSRF check failed.")
    return full_page(
        request,
        status=403,
        title=_("The form could not be sent"),
        detail=_(
            "The form had expired, or the browser did not send its cookie. Go back, reload "
            "the page and send the form again; if it keeps happening, allow cookies for "
            "this site."
        ),
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 handler. When the database cannot be reached (a restart, a network cut) the
    answer is a clear 503 with Retry-After, and the next request reconnects by itself. The
    page is made without the database (`bare_page`)."""
    error = sys.exc_info()[1]
    unavailable = isinstance(error, OperationalError | InterfaceError)
    status = 503 if unavailable else 500
    with translation.override(request_language(request)):
        if unavailable:
            title = _("Sinergia cannot reach its database")
            detail = _("The database is restarting or unreachable. Try again in a minute.")
        else:
            title = _("Something went wrong")
            detail = _("The error has been logged. Try again, or tell the secretariat.")
        if is_api(request):
            response = problem(status=status, title=title, detail=detail)
        else:
            response = bare_page(request, status=status, title=title, detail=detail)
    if unavailable:
        response["Retry-After"] = "30"
    return response
