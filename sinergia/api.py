"""The JSON API under /api/v1/, with its OpenAPI schema at /api/v1/openapi.json."""

from __future__ import annotations

import json

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from sinergia.dialogue.api import router as dialogue_router
from sinergia.jobs.api import router as jobs_router
from sinergia.opendata.api import router as opendata_router
from sinergia.practices.api import router as practices_router
from sinergia.registry.api import router as registry_router
from sinergia.search.api import router as search_router
from sinergia.statistics.api import router as statistics_router
from sinergia.synergy.api import router as synergy_router
from sinergia.vocabulary.api import router as vocabulary_router

PROBLEM = "application/problem+json"
ERROR_SCHEMA = {
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
    },
}
ERROR_DESCRIPTIONS = {
    "400": "A body that is not JSON, or a NUL character in the address",
    "401": "No valid token or session",
    "403": "Not allowed for this token or person",
    "404": "Not found",
    "414": "The address is too long (the server reads request lines of up to 8 KB)",
    "422": "Invalid input: the detail names the field",
    "411": "A body sent without a Content-Length",
    "413": "A body larger than SINERGIA_MAX_REQUEST_BYTES",
    "429": "Too many requests for this token, account or address (see Retry-After)",
}


class SinergiaAPI(NinjaAPI):
    """The API, whose schema documents every error as RFC 9457 problem details: 422 wherever
    a parameter or body can be wrong, 404 wherever the path names something, and 401, 403 and
    429 wherever a token or session is needed."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):  # type: ignore[no-untyped-def]
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for operations in schema["paths"].values():
            for operation in operations.values():
                responses = {str(code): value for code, value in operation["responses"].items()}
                operation["responses"] = responses
                # Whatever a path or a query names may not exist; any address may be asked
                # too often.
                codes = {"404", "429"}
                if operation.get("requestBody"):
                    codes |= {"411", "413"}
                if operation.get("parameters") or operation.get("requestBody"):
                    codes |= {"400", "414", "422"}
                if operation.get("security"):
                    codes |= {"401", "403", "422", "429"}
                for code in codes:
                    responses.setdefault(code, {"description": ERROR_DESCRIPTIONS[code]})
                for code, response in responses.items():
                    if code.isdigit() and int(code) >= 400:
                        response["content"] = {PROBLEM: {"schema": ERROR_SCHEMA}}
        return schema


api = SinergiaAPI(
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
api.add_router("/", search_router)
api.add_router("/", jobs_router)


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
        400: "Bad request",
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
