"""The JSON API under /api/v1/, with its OpenAPI schema at /api/v1/openapi.json."""

from __future__ import annotations

import json

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from sinergia.dialogue.api import router as dialogue_router
from sinergia.opendata.api import router as opendata_router
from sinergia.practices.api import router as practices_router
from sinergia.registry.api import router as registry_router
from sinergia.statistics.api import router as statistics_router
from sinergia.synergy.api import router as synergy_router
from sinergia.vocabulary.api import router as vocabulary_router

api = NinjaAPI(
    title="Sinergia API",
    version="1",
    description=(
        "Open data on the mechanisms that govern migration in the Americas: the registry of "
        "mechanisms and memberships, countries and the thematic vocabulary. Every fact carries "
        "its source. Names are given in the language of the request (Accept-Language: es, en, "
        "fr, pt) and in all four under `names`."
    ),
    urls_namespace="api",
)
api.add_router("/", registry_router)
api.add_router("/", vocabulary_router)
api.add_router("/", synergy_router)
api.add_router("/", practices_router)
api.add_router("/", statistics_router)
api.add_router("/", dialogue_router)
api.add_router("/", opendata_router)


def problem(request: HttpRequest, *, status: int, title: str, detail: str) -> HttpResponse:
    """An error as RFC 9457 problem details."""
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    return HttpResponse(json.dumps(body), status=status, content_type="application/problem+json")


@api.exception_handler(Http404)
def not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    return problem(request, status=404, title="Not found", detail=str(error) or "Not found")


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    titles = {
        401: "Unauthorized",
        403: "Forbidden",
        404: "Not found",
        422: "Invalid input",
        429: "Too many requests",
    }
    return problem(
        request,
        status=error.status_code,
        title=titles.get(error.status_code, "Error"),
        detail=str(error),
    )


@api.exception_handler(NinjaValidationError)
def invalid_input(request: HttpRequest, error: NinjaValidationError) -> HttpResponse:
    details = "; ".join(
        f"{'.'.join(str(part) for part in item.get('loc', []))}: {item.get('msg', '')}"
        for item in error.errors
    )
    return problem(request, status=422, title="Invalid input", detail=details)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
    return problem(request, status=403, title="Forbidden", detail=str(error) or "Not allowed")
