"""The site search over the API: one query over mechanisms, countries, themes, published
practices, dialogue sessions, contributions and meetings."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from sinergia.api_support import ErrorOut
from sinergia.i18n import current_language
from sinergia.search import selectors
from sinergia.search.matching import MAX_QUERY_CHARS

router = Router(tags=["search"])

Kind = Literal["mechanism", "country", "theme", "practice", "session", "contribution", "meeting"]


class SiteSearchQuery(Schema):
    q: str = Field(
        min_length=1,
        pattern=r"\S",
        description=(
            "Words to search for, in any of the four languages; only the first "
            f"{MAX_QUERY_CHARS} characters are read."
        ),
    )
    kind: Kind | None = Field(default=None, description="Only results of this kind.")
    limit: Annotated[int, Field(ge=1, le=50)] = Field(
        default=10, description="The most results of each kind."
    )


class SiteSearchResultOut(Schema):
    kind: Kind
    title: str = Field(description="In the language of the request where one exists.")
    url: str = Field(description="The page that shows it, in the language of the request.")
    snippet: str = Field(description="Plain text: context and the part of its text that matches.")


class SiteSearchOut(Schema):
    query: str
    counts: dict[str, int] = Field(
        description="How many results of each kind match, of which `results` holds the first."
    )
    results: list[SiteSearchResultOut]


@router.get(
    "/search",
    response={200: SiteSearchOut, 422: ErrorOut},
    summary="Search the whole site",
)
def search_site(request: HttpRequest, filters: Query[SiteSearchQuery]) -> dict[str, Any]:
    """Mechanisms, countries, themes, published practices, dialogue sessions, contributions
    and meetings matching `q`, grouped by kind in that order, the best first within each kind.
    Accent- and case-insensitive, stemmed in es, en, fr and pt, names matched in all four;
    acronyms (CRM, MIRPS) match as written. Contributions in draft or withdrawn appear only
    for their authors and the secretariat; practices only once published."""
    text = filters.q[:MAX_QUERY_CHARS].strip()
    if not text:
        raise HttpError(422, "q: give one or more words to search for.")
    found = selectors.site_search(
        text,
        actor=request.user,
        language=current_language(),
        kinds=[filters.kind] if filters.kind else selectors.KINDS,
        limit=filters.limit,
    )
    return {
        "query": text,
        "counts": {group.kind: group.count for group in found.groups},
        "results": [
            {
                "kind": result.kind,
                "title": result.title,
                "url": request.build_absolute_uri(result.url),
                "snippet": result.summary,
            }
            for group in found.groups
            for result in group.results
        ],
    }
