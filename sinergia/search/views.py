"""The site search page: what the search box in every page's header leads to."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sinergia.i18n import current_language
from sinergia.search import selectors
from sinergia.search.matching import MAX_QUERY_CHARS

KIND_TITLES = {
    "mechanism": _("Mechanisms"),
    "country": _("Countries and territories"),
    "theme": _("Themes"),
    "practice": _("Good practices"),
    "session": _("Dialogue sessions"),
    "contribution": _("Contributions"),
    "meeting": _("Meetings"),
}
# How many results of each kind the page shows, and how many once the reader picks a kind
# (practices have their own search page, with filters).
SHOWN = 10
SHOWN_PRACTICES = 5
SHOWN_OF_ONE_KIND = 100


def site_search(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "")[:MAX_QUERY_CHARS].strip()
    kind = request.GET.get("kind", "")
    if kind not in selectors.KINDS:
        kind = ""
    language = current_language()
    if kind == "practice" and text:
        return redirect(selectors.practice_search_url(text, language))
    found = (
        selectors.site_search(
            text,
            actor=request.user,
            language=language,
            kinds=[kind] if kind else selectors.KINDS,
            limit=SHOWN_OF_ONE_KIND if kind else SHOWN,
            practice_limit=SHOWN_PRACTICES,
        )
        if text
        else None
    )
    groups = []
    for group in found.groups if found else []:
        if not group.count:
            continue
        more = ""
        if group.kind == "practice":
            more = selectors.practice_search_url(text, language)
        elif group.count > len(group.results):
            more = f"{reverse('site_search')}?{urlencode({'q': text, 'kind': group.kind})}"
        groups.append({"group": group, "title": KIND_TITLES[group.kind], "more": more})
    return render(
        request,
        "search/site_search.html",
        {
            "text": text,
            "kind": kind,
            "kinds": [(value, KIND_TITLES[value]) for value in selectors.KINDS],
            "found": found,
            "groups": groups,
            "suggestion_querystring": urlencode(
                {"q": found.suggestion, **({"kind": kind} if kind else {})}
            )
            if found and found.suggestion
            else "",
        },
    )
