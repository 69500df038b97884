"""Error pages in the reader's language, inside the site's frame: what happened in plain
words and the ways on (home, search, the list the address belongs to).

Two kinds of page. `full_page` renders with every context processor, for 403, 404 and the
CSRF failure. `bare_page` renders without any: it reads nothing from the database, so that it
can answer while the database is down (500, 503) or before the session and the signed-in
person are known (413, 411, 429); it leaves out the account links."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from sinergia.context_processors import site
from sinergia.i18n import LANGUAGE_CODES, current_language

TEMPLATE = "errors/page.html"

# The lists an address can belong to, by the first part of its path after the language.
LISTS = {
    "mechanisms": ("mechanism_list", _("Mechanisms")),
    "countries": ("country_list", _("Countries")),
    "themes": ("theme_list", _("Themes")),
    "practices": ("practice_list", _("Good practices")),
    "statistics": ("statistics_home", _("Statistics")),
    "dialogue": ("session_list", _("Dialogue")),
    "follow-up": ("action_list", _("Follow-up actions")),
    "meetings": ("meeting_calendar", _("Calendar")),
    "synergy": ("synergy_dashboard", _("Synergies")),
}


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def problem(*, status: int, title: str, detail: str) -> HttpResponse:
    """An error as RFC 9457 problem details, for the API."""
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    return HttpResponse(json.dumps(body), status=status, content_type="application/problem+json")


def request_language(request: HttpRequest) -> str:
    """The language of the address (/es/, /en/, ...), else the one LocaleMiddleware chose,
    else the one the browser asks for: for pages made before LocaleMiddleware has run."""
    first = request.path_info.lstrip("/").split("/", 1)[0]
    if first in LANGUAGE_CODES:
        return first
    if getattr(request, "LANGUAGE_CODE", None):
        return current_language()
    return translation.get_language_from_request(request, check_path=True).split("-")[0]


def list_link(request: HttpRequest) -> tuple[str, str] | None:
    """The list the address belongs to, when its path says so plainly: /es/countries/XYZ/
    belongs to the list of countries."""
    parts = request.path_info.strip("/").split("/")
    if len(parts) < 2 or parts[0] not in LANGUAGE_CODES or parts[1] not in LISTS:
        return None
    name, label = LISTS[parts[1]]
    try:
        url = reverse(name)
    except NoReverseMatch:
        return None
    if url == request.path_info:
        return None
    return url, str(label)


def language_links(request: HttpRequest) -> list[dict[str, object]] | None:
    """The same address in each language, by its language prefix: an address that does not
    exist has no pattern to translate, and its page still switches language in place."""
    path = request.get_full_path()
    first, _slash, rest = path.lstrip("/").partition("/")
    if first not in LANGUAGE_CODES:
        return None
    current = current_language()
    return [
        {"code": code, "url": f"/{code}/{rest}", "current": code == current}
        for code in LANGUAGE_CODES
    ]


def _context(
    request: HttpRequest, *, status: int, title: str, detail: str, bare: bool
) -> dict[str, object]:
    context: dict[str, object] = {
        "status": status,
        "title": title,
        "detail": detail,
        "bare": bare,
        "list_link": list_link(request),
    }
    links = language_links(request)
    if links is not None:
        context["language_links"] = links
    return context


def full_page(
    request: HttpRequest, *, status: int, title: str, detail: str, template: str = TEMPLATE
) -> HttpResponse:
    """The page in the site's frame, with the account links."""
    context = _context(request, status=status, title=title, detail=detail, bare=False)
    return render(request, template, context, status=status)


def bare_page(request: HttpRequest, *, status: int, title: str, detail: str) -> HttpResponse:
    """The page in the site's frame, made without touching the database."""
    context = {
        **site(request),
        **_context(request, status=status, title=title, detail=detail, bare=True),
    }
    return HttpResponse(
        render_to_string(TEMPLATE, context),
        status=status,
        content_type="text/html; charset=utf-8",
    )
