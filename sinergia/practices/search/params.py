"""A search query from a query string: the pages, the API and the exports read it alike."""

from __future__ import annotations

from typing import Any

from sinergia.inputs import query_int, query_year
from sinergia.practices.search.engine import SearchQuery
from sinergia.practices.search.tokens import MAX_QUERY_CHARACTERS

MAX_PAGE = 10_000


def search_query_from(params: Any, *, page_size: int = 20) -> SearchQuery:
    """A SearchQuery from a query string (pages, API and exports share it). What is not a
    page number or a year is ignored, so that a page always shows."""

    def many(name: str) -> tuple[str, ...]:
        return tuple(value for value in params.getlist(name) if value)[:20]

    page = query_int(params.get("page"), default=1, low=1, high=MAX_PAGE)
    years = tuple(year for value in many("year") if (year := query_year(value)) is not None)
    return SearchQuery(
        text=params.get("q", "")[:MAX_QUERY_CHARACTERS],
        countries=tuple(value.upper() for value in many("country")),
        subregions=many("subregion"),
        mechanisms=tuple(value.upper() for value in many("mechanism")),
        themes=many("theme"),
        populations=many("population"),
        languages=many("language"),
        years=years,
        sort="date" if params.get("sort") == "date" else "relevance",
        page=page,
        page_size=page_size,
    )
