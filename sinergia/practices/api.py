"""Practices over the API: search and read for everyone (published only); create, change
and move through review for signed-in focal points and reviewers, through the same services."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from django.http import HttpRequest, QueryDict
from ninja import Router, Schema
from ninja.responses import Status
from pydantic import AfterValidator, Field

from sinergia.api_support import (
    WRITE_AUTH,
    BodyIn,
    Count,
    ErrorOut,
    Id,
    Year,
    page_links,
    service_call,
)
from sinergia.i18n import LanguageCode, current_language
from sinergia.inputs import parse_year
from sinergia.practices import selectors, services
from sinergia.practices.models import Practice
from sinergia.practices.search import practice_search
from sinergia.practices.search.params import search_query_from
from sinergia.practices.shapes import PRACTICE, LinkSchema
from sinergia.uris import practice_uri

router = Router(tags=["practices"])


def _years(value: str) -> str:
    for part in value.split(","):
        if part.strip():
            parse_year(part)
    return value


# Years separated by commas (`year=2020,2021`); anything else is refused with 422.
YearList = Annotated[str, AfterValidator(_years)]


class PracticeHitOut(Schema):
    id: int
    external_id: str
    title: str
    language: str
    countries: list[str]
    themes: list[str]
    snippet: str
    uri: str
    url: str


class PracticeSearchOut(Schema):
    count: int
    complete_count: int = Field(
        description="How many results match every meaningful word of `q` (they come first)"
    )
    suggestion: str = Field(description="The query with misspelt words corrected, or empty")
    corrected: bool = Field(
        description="True when nothing matched `q` and the results are those of `suggestion`"
    )
    page: int
    pages: int
    next: str | None
    previous: str | None
    results: list[PracticeHitOut]
    facets: dict[str, dict[str, int]]


PracticeOut = PRACTICE.schema(
    "PracticeOut",
    suggested_themes=(
        list[str],
        Field(description="themes the vocabulary's tagger found in the text, for its editors"),
    ),
    translations=(
        dict[str, dict[str, str]],
        Field(description="translations by language: title, summary, body and kind"),
    ),
)


class PracticeIn(BodyIn):
    title: str
    summary: str
    language: LanguageCode
    countries: list[str]
    body: str = ""
    mechanisms: list[str] = []
    themes: list[str] | None = None
    populations: list[str] = []
    year: Year | None = None
    period_end: Year | None = None
    implementing_institutions: list[str] = []
    partner_institutions: list[str] = []
    results: str = ""
    links: list[LinkSchema] = []
    external_id: str = ""


class PracticePatch(BodyIn):
    title: str | None = None
    summary: str | None = None
    language: LanguageCode | None = None
    countries: list[str] | None = None
    body: str | None = None
    mechanisms: list[str] | None = None
    themes: list[str] | None = None
    populations: list[str] | None = None
    year: Year | None = None
    period_end: Year | None = None
    implementing_institutions: list[str] | None = None
    partner_institutions: list[str] | None = None
    results: str | None = None
    links: list[LinkSchema] | None = None


class TransitionIn(BodyIn):
    action: Literal["submit", "start_review", "request_changes", "publish", "archive"]
    comment: str = ""


def _out(practice: Practice) -> dict[str, Any]:
    return {
        **PRACTICE.record(practice),
        "suggested_themes": practice.suggested_themes,
        "translations": {
            t.language: {"title": t.title, "summary": t.summary, "body": t.body, "kind": t.kind}
            for t in practice.translations.all()
        },
    }


@router.get("/practices", response=PracticeSearchOut, summary="Search published practices")
def search_practices(
    request: HttpRequest,
    q: str = "",
    country: str = "",
    theme: str = "",
    mechanism: str = "",
    language: str = "",
    subregion: str = "",
    population: str = "",
    year: YearList = "",
    sort: Literal["relevance", "date"] = "relevance",
    page: Count = 1,
) -> dict[str, Any]:
    """Ranked full-text search across languages: practices matching every meaningful word of
    `q` first, then those matching most of them; quoted phrases match as phrases. Filters take
    one value each, or several separated by commas (`country=COL,PER`). Each facet counts the
    result as if its own filter were off."""
    params = QueryDict(mutable=True)
    params["q"], params["sort"], params["page"] = q, sort, str(page)
    for name, value in (
        ("country", country), ("theme", theme), ("mechanism", mechanism), ("language", language),
        ("subregion", subregion), ("population", population), ("year", year),
    ):  # fmt: skip
        params.setlist(name, [part.strip() for part in value.split(",") if part.strip()])
    query = search_query_from(params)
    result = practice_search(query, language=current_language())
    links = page_links(request, query.page, result.pages)
    return {
        "count": result.count,
        "complete_count": result.complete_count,
        "suggestion": result.suggestion,
        "corrected": result.corrected,
        "page": query.page,
        "pages": result.pages,
        **links,
        "results": [
            {
                "id": hit.id,
                "external_id": hit.external_id,
                "title": hit.plain_title,
                "language": hit.language,
                "countries": hit.countries,
                "themes": hit.themes,
                "snippet": str(hit.snippet),
                "uri": practice_uri(hit.id),
                "url": f"/{current_language()}/practices/{hit.id}/",
            }
            for hit in result.hits
        ],
        "facets": {name: dict(values) for name, values in result.facets.items()},
    }


@router.get(
    "/practices/{practice_id}", response={200: PracticeOut, 404: ErrorOut}, summary="One practice"
)
def get_practice(request: HttpRequest, practice_id: Id) -> dict[str, Any]:
    """A published practice (or, for its authors and reviewers, one under review)."""
    return _out(selectors.practice_get(practice_id, request.user))


def _data(
    payload: PracticeIn | PracticePatch, base: Practice | None = None
) -> services.PracticeData:
    current = _out(base) if base else {}
    values = {key: value for key, value in payload.dict().items() if value is not None}
    merged = {**current, **values}
    return services.PracticeData(
        title=merged.get("title", ""),
        summary=merged.get("summary", ""),
        language=merged.get("language", "es"),
        countries=merged.get("countries", []),
        body=merged.get("body", ""),
        mechanisms=merged.get("mechanisms", []),
        themes=merged.get("themes"),
        populations=merged.get("populations", []),
        year=merged.get("year"),
        period_end=merged.get("period_end"),
        implementing_institutions=merged.get("implementing_institutions", []),
        partner_institutions=merged.get("partner_institutions", []),
        results=merged.get("results", ""),
        links=[dict(link) for link in merged.get("links", [])],
        external_id=merged.get("external_id", ""),
    )


@router.post(
    "/practices",
    auth=WRITE_AUTH,
    response={201: PracticeOut, 403: ErrorOut, 422: ErrorOut},
    summary="Create a draft practice",
)
def create_practice(request: HttpRequest, payload: PracticeIn) -> Status[dict[str, Any]]:
    practice = service_call(services.practice_create, actor=request.user, data=_data(payload))
    return Status(201, _out(selectors.practice_get(practice.pk, request.user)))


@router.patch(
    "/practices/{practice_id}",
    auth=WRITE_AUTH,
    response={200: PracticeOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Change a practice",
)
def update_practice(
    request: HttpRequest, practice_id: Id, payload: PracticePatch
) -> dict[str, Any]:
    practice = selectors.practice_get(practice_id, request.user)
    service_call(
        services.practice_update,
        actor=request.user,
        practice=practice,
        data=_data(payload, practice),
    )
    return _out(selectors.practice_get(practice_id, request.user))


@router.post(
    "/practices/{practice_id}/transitions",
    auth=WRITE_AUTH,
    response={200: PracticeOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Submit, review, publish or archive a practice",
)
def transition_practice(
    request: HttpRequest, practice_id: Id, payload: TransitionIn
) -> dict[str, Any]:
    practice = selectors.practice_get(practice_id, request.user)
    service = getattr(services, f"practice_{payload.action}")
    service_call(service, actor=request.user, practice=practice, comment=payload.comment)
    return _out(selectors.practice_get(practice_id, request.user))
