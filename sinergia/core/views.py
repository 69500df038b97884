"""The home page and the health check."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse

from sinergia.registry import selectors
from sinergia.statistics.checking import CONCEPT_NOTE_SENTENCE, check_figures


def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/home.html",
        {
            "counts": selectors.registry_counts(),
            "coverage": selectors.subregion_coverage(),
            "headlines": check_figures(CONCEPT_NOTE_SENTENCE),
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
