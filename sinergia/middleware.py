"""Headers of the API: pagination links (RFC 8288) and caching headers: each read carries the time the public data last changed, so
that clients and caches can ask again with If-Modified-Since (ETags come from Django's
ConditionalGetMiddleware, which also answers 304)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.http import http_date

from sinergia.data_version import data_changed_at


def request_data_changed_at(request: HttpRequest) -> datetime | None:
    """`data_changed_at`, read once per request however many headers need it."""
    if not hasattr(request, "_sinergia_data_changed_at"):
        request._sinergia_data_changed_at = data_changed_at()  # type: ignore[attr-defined]
    return request._sinergia_data_changed_at  # type: ignore[attr-defined]


class ApiLastModifiedMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.method in {"GET", "HEAD"}
            and request.path.startswith("/api/v1/")
            and response.status_code == 200
            and not response.has_header("Last-Modified")
            and not request.user.is_authenticated  # what a signed-in person sees may differ
        ):
            changed = request_data_changed_at(request)
            if changed is not None:
                response["Last-Modified"] = http_date(changed.timestamp())
        links = getattr(request, "sinergia_page_links", None)
        if links:
            response["Link"] = ", ".join(
                f'<{url}>; rel="{rel}"' for rel, url in links.items() if url
            )
        return response


class RejectNulMiddleware:
    """A NUL character in the address or a query parameter is refused with 400 before any
    view or database sees it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            if request.path.startswith("/api/"):
                return HttpResponse(
                    '{"type": "about:blank", "title": "Bad request", "status": 400, '
                    '"detail": "The address holds a NUL character."}',
                    status=400,
                    content_type="application/problem+json",
                )
            return HttpResponse("The address holds a NUL character.", status=400)
        return self.get_response(request)


class PublicPageCacheMiddleware:
    """What the public reads (pages and API reads, not signed in) is kept in the cache and
    served again until the data change: the key holds the time of the last write, so a
    publication shows at once."""

    SKIP = ("/admin/", "/static/", "/media/", "/healthz")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def _key(self, request: HttpRequest) -> str | None:
        if not settings.SINERGIA_PUBLIC_CACHE_SECONDS:
            return None
        if request.method not in {"GET", "HEAD"} or request.path.startswith(self.SKIP):
            return None
        if "/accounts/" in request.path or "sessionid" in request.COOKIES:
            return None
        if request.path.startswith("/api/") and "HTTP_AUTHORIZATION" in request.META:
            return None
        changed = request_data_changed_at(request)
        version = changed.timestamp() if changed else 0
        language = request.META.get("HTTP_ACCEPT_LANGUAGE", "")[:40]
        raw = f"{request.get_full_path()}|{language}|{version}"
        return "public-page:" + hashlib.sha256(raw.encode()).hexdigest()

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = self._key(request)
        if key is not None:
            cached = cache.get(key)
            if cached is not None:
                return cached
        response = self.get_response(request)
        if (
            key is not None
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and not response.has_header("Content-Disposition")
            and not request.user.is_authenticated
        ):
            cache.set(key, response, settings.SINERGIA_PUBLIC_CACHE_SECONDS)
        return response
