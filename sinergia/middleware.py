"""Headers of the API: pagination links (RFC 8288) and caching headers: each read carries the time the public data last changed, so
that clients and caches can ask again with If-Modified-Since (ETags come from Django's
ConditionalGetMiddleware, which also answers 304)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.http import http_date, urlencode
from django.utils.translation import get_language, gettext_lazy

from sinergia.accounts.tokens import authenticate_token
from sinergia.client import client_address
from sinergia.data_version import ALL_BUT_PRACTICES, data_version, data_version_read_once
from sinergia.errorpages import bare_page, is_api, problem, request_language
from sinergia.practices.selectors import country_practices_stamp, practice_stamp
from sinergia.ratelimits import (
    password_reset_limit,
    rate_exceeded,
    rate_hit,
    read_limit,
    signin_failure_limit,
    token_limit,
    write_limit,
)

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise as StrPromise


class DataVersionMiddleware:
    """The data version (`sinergia.data_version`) is read once per request, however many
    caches and headers ask for it, and again only after the request writes."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with data_version_read_once():
            return self.get_response(request)


def request_data_changed_at(request: HttpRequest) -> datetime | None:
    """When the public data last changed, for `Last-Modified`."""
    return data_version().changed_at


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
            return refusal(
                request,
                status=400,
                title=gettext_lazy("Bad request"),
                detail=gettext_lazy("The address holds a NUL character."),
            )
        return self.get_response(request)


def refusal(
    request: HttpRequest,
    *,
    status: int,
    title: str | StrPromise,
    detail: str | StrPromise,
    values: dict[str, object] | None = None,
) -> HttpResponse:
    """A refusal before any view runs: problem details for the API, otherwise the error page
    in the reader's language, made without the database (this may run before the session
    and the signed-in person are known). `detail` is formatted with `values` once the
    language is chosen."""
    with translation.override(request_language(request)):
        title_text = str(title)
        detail_text = str(detail) % values if values else str(detail)
        if is_api(request):
            return problem(status=status, title=title_text, detail=detail_text)
        return bare_page(request, status=status, title=title_text, detail=detail_text)


class RequestSizeLimitMiddleware:
    """A request body larger than `SINERGIA_MAX_REQUEST_BYTES`, or one of unknown length, is
    refused with 413 (411) before anything reads or spools it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in {"GET", "HEAD", "OPTIONS"}:
            return self.get_response(request)
        length = request.META.get("CONTENT_LENGTH") or ""
        if not length.strip():
            if "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower():
                return refusal(
                    request,
                    status=411,
                    title=gettext_lazy("Length required"),
                    detail=gettext_lazy("Send the body with a Content-Length."),
                )
            return self.get_response(request)
        if not length.isdigit() or int(length) > settings.SINERGIA_MAX_REQUEST_BYTES:
            limit = settings.SINERGIA_MAX_REQUEST_BYTES // (1024 * 1024)
            return refusal(
                request,
                status=413,
                title=gettext_lazy("Request too large"),
                detail=gettext_lazy("A request may carry at most %(megabytes)d MB."),
                values={"megabytes": limit},
            )
        return self.get_response(request)


class RateLimitMiddleware:
    """Limits that hold across processes when the cache is shared (`REDIS_URL`): writes per
    account from a signed-in session (token calls are counted by the token authentication,
    against the same per-account limit), requests per address from people not signed in,
    and sign-in attempts from an address that has failed too often whatever the user names."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        wait = self._wait(request)
        if wait is not None:
            response = refusal(
                request,
                status=429,
                title=gettext_lazy("Too many requests"),
                detail=gettext_lazy("Too many requests: wait %(seconds)d seconds."),
                values={"seconds": wait},
            )
            response["Retry-After"] = str(wait)
            return response
        return self.get_response(request)

    def _wait(self, request: HttpRequest) -> int | None:
        if request.path.startswith(("/static/", "/healthz")):
            return None
        user = request.user
        unsafe = request.method not in {"GET", "HEAD", "OPTIONS"}
        if user.is_authenticated:
            if unsafe:
                return rate_hit(limit=write_limit(), identity=str(user.pk))
            return None
        address = client_address(request)
        if unsafe and request.path.endswith("/accounts/login/"):
            return rate_exceeded(limit=signin_failure_limit(), identity=address)
        if unsafe and request.path.endswith("/accounts/password_reset/"):
            return rate_hit(limit=password_reset_limit(), identity=address)
        if "HTTP_AUTHORIZATION" in request.META and request.path.startswith("/api/"):
            if unsafe:
                return None  # a token write: limited per token and account once authenticated
            # A token changes no read (it authenticates writes only): a known token's reads
            # count against its own limit, and any other header against the address's.
            user = authenticate_token(request.META["HTTP_AUTHORIZATION"].partition(" ")[2])
            if user is not None:
                return rate_hit(limit=token_limit(), identity=user.api_token.prefix)
        return rate_hit(limit=read_limit(), identity=address)


# The query parameters any public page or API read looks at. A request with any other
# parameter is answered fresh and never stored, so that made-up parameters cannot fill the
# cache; `tests/security/test_page_cache.py` checks that every parameter the site's own links
# and its OpenAPI schema use is here.
CACHEABLE_PARAMETERS = frozenset(
    {
        "q", "page", "p", "sort", "format", "lang", "language", "on", "year", "country",
        "countries", "subregion", "mechanism", "mechanisms", "theme", "themes", "population",
        "kind", "scope", "status", "owner", "measure", "area", "sex", "session", "since",
        "until", "limit", "offset", "page_size", "a", "b", "min_shared", "who", "action",
        "dataset", "origin", "destination", "role", "top", "as_of", "date", "month", "focus",
    }
)  # fmt: skip


# Public reads made of fewer domains than all (`sinergia.data_version`), by their address
# (after the language prefix of pages): the registry's mechanisms and countries, the themes,
# the coordination analysis, the meetings and the statistics show no practice, so a
# publication leaves them in the cache. Every other address is keyed on every domain.
READS_WITHOUT_PRACTICES = re.compile(
    r"/(?:mechanisms/|synergy/|meetings/|statistics/|countries/$|themes/$"
    r"|api/v1/(?:mechanisms|synergy/|meetings|statistics/|countries|themes$|vocabulary\.))"
)
# Reads that show some practices, by the stamp of those practices
# (`sinergia.practices.selectors`): one practice's page and API record, and a country's page
# with its latest practices. They are keyed on every domain but the practices and on that
# stamp, so that the publication of a practice elsewhere leaves them.
READS_OF_SOME_PRACTICES: tuple[tuple[re.Pattern[str], Callable[[str], str]], ...] = (
    (re.compile(r"/(?:api/v1/)?practices/(\d+)/?$"), lambda pk: practice_stamp(int(pk))),
    (re.compile(r"/countries/([A-Za-z]{3})/$"), lambda iso3: country_practices_stamp(iso3.upper())),
)


def read_version(path: str) -> str:
    """The version of the data the public read at `path` is made of, as a cache key part."""
    head, _slash, rest = path.lstrip("/").partition("/")
    if head in settings.LANGUAGE_CODES:
        path = "/" + rest
    if READS_WITHOUT_PRACTICES.match(path):
        return data_version(*ALL_BUT_PRACTICES).key
    for address, stamp in READS_OF_SOME_PRACTICES:
        found = address.match(path)
        if found:
            return f"{data_version(*ALL_BUT_PRACTICES).key}:{stamp(found.group(1))}"
    return data_version().key


class PublicPageCacheMiddleware:
    """What the public reads (pages and API reads, not signed in) is kept in the "pages" cache
    and served again until the data change: the key holds the data version, which every
    write moves, so a publication shows at once.

    Never shared: a response that sets a cookie, varies by cookie or carries a CSRF token (a
    page with a form), a signed-in person's page. A read with an API token is served from it
    like any other: tokens authenticate writes only. The key holds the version of the data the
    read is made of (`read_version`), so that a write elsewhere leaves it; it holds the
    scheme, the full host (port included) and the parameters in a normal order; a request
    with a parameter no view reads is not cached at all, and a search with words only once
    asked twice. The cache is bounded in bytes (settings.CACHES["pages"])."""

    SKIP = ("/admin/", "/static/", "/media/", "/healthz")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def _key(self, request: HttpRequest) -> str | None:
        if not settings.SINERGIA_PUBLIC_CACHE_SECONDS:
            return None
        if request.method not in {"GET", "HEAD"} or request.path.startswith(self.SKIP):
            return None
        if "/accounts/" in request.path or request.COOKIES.get(settings.SESSION_COOKIE_NAME):
            return None
        if any(name not in CACHEABLE_PARAMETERS for name in request.GET):
            return None
        version = read_version(request.path)
        # The language the answer is in (the address's, else the one LocaleMiddleware chose
        # from Accept-Language): the many ways browsers write that header share one entry.
        language = get_language() or ""
        query = urlencode(sorted((k, v) for k, values in request.GET.lists() for v in values))
        raw = "|".join(
            [request.scheme or "", request.get_host(), request.path, query, language, version]
        )
        return "public-page:" + hashlib.sha256(raw.encode()).hexdigest()

    @staticmethod
    def _shareable(request: HttpRequest, response: HttpResponse) -> bool:
        vary = {part.strip().lower() for part in response.get("Vary", "").split(",")}
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "cookie" not in vary
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not getattr(getattr(request, "session", None), "modified", False)
            and not response.has_header("Content-Disposition")
            and "no-store" not in response.get("Cache-Control", "")
            and "private" not in response.get("Cache-Control", "")
            and not request.user.is_authenticated
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = self._key(request)
        pages = caches["pages"]
        if key is not None:
            cached = pages.get(key)
            if cached is not None:
                return cached
        response = self.get_response(request)
        if (
            key is not None
            and self._shareable(request, response)
            and self._asked_before(request, key)
        ):
            pages.set(key, response, settings.SINERGIA_PUBLIC_CACHE_SECONDS)
        return response

    @staticmethod
    def _asked_before(request: HttpRequest, key: str) -> bool:
        """Whether to keep the answer: a search with words is kept from its second asking
        within one data version (most are asked once, and keeping each would cost more than
        it saves); every other read at once."""
        if not request.GET.get("q", "").strip():
            return True
        first = caches["pages"].add(f"{key}:asked", 1, settings.SINERGIA_PUBLIC_CACHE_SECONDS)
        return not first
