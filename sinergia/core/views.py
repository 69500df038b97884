"""The home page and the health check."""

from __future__ import annotations

import datetime
import json
import sys
from typing import Any

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from sinergia.data_version import versioned
from sinergia.registry import selectors
from sinergia.statistics.checking import CONCEPT_NOTE_SENTENCE, check_figures


@versioned("registry")
def _coverage(day: datetime.date) -> selectors.Coverage:
    return selectors.subregion_coverage(day)


@versioned("statistics", "registry")
def _headlines() -> Any:
    """The concept note's figures, checked against the statistics."""
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


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 handler. When the database cannot be reached (a restart, a network cut) the
    answer is a clear 503 with Retry-After, and the next request reconnects by itself."""
    error = sys.exc_info()[1]
    unavailable = isinstance(error, OperationalError | InterfaceError)
    status = 503 if unavailable else 500
    if unavailable:
        title = _("Sinergia cannot reach its database")
        detail = _("The database is restarting or unreachable. Try again in a minute.")
    else:
        title = _("Something went wrong")
        detail = _("The error has been logged. Try again, or tell the secretariat.")
    if request.path.startswith("/api/"):
        body = json.dumps(
            {"type": "about:blank", "title": title, "status": status, "detail": detail}
        )
        response = HttpResponse(body, status=status, content_type="application/problem+json")
    else:
        # No base template: it would ask the database for the signed-in person.
        response = HttpResponse(
            render_to_string("server_error.html", {"title": title, "detail": detail}),
            status=status,
        )
    if unavailable:
        response["Retry-After"] = "30"
    return response
