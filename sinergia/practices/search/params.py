"""A search query from a query string: the pages, the API and the exports read it alike."""

from __future__ import annotations

from typing import Any

from sinergia.practices.search.engine import SearchQuery


def search_query_from(params: Any, *, page_size: int = 20) -> SearchQuery:
    """A SearchQuery from a query string (pages, API and exports share it)."""

    def many(name: str) -> tuple[str, ...]:
        return tuple(value for value in params.getlist(name) if value)[:20]

    try:
        page = max(1, int(params.get("page", "1")))
    except ValueError:
        page = 1
    years = tuple(int(value) for value in many("year") if value.isdigit())
    return SearchQuery(
        text=params.get("q", "")[:300],
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
