"""What every API router shares: the error body and the call of a service from an endpoint."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Schema
from ninja.errors import HttpError
from ninja.security import django_auth
from pydantic import BeforeValidator, Field, model_validator

from sinergia.accounts.tokens import token_auth
from sinergia.inputs import (
    EARLIEST_DAY,
    EARLIEST_YEAR,
    LATEST_DAY,
    LATEST_YEAR,
    nul_paths,
    parse_day,
)

T = TypeVar("T")


def _iso_date_only(value: Any) -> Any:
    """A date is YYYY-MM-DD, not a number of seconds since 1970 (which pydantic would take),
    and lies between EARLIEST_DAY and LATEST_DAY."""
    if isinstance(value, str):
        return parse_day(value)
    if isinstance(value, datetime.date) and EARLIEST_DAY <= value <= LATEST_DAY:
        return value
    return parse_day(str(value))


# A calendar date, YYYY-MM-DD, in a query or a body.
IsoDate = Annotated[datetime.date, BeforeValidator(_iso_date_only)]

# A year of the statistics or the registry, and a database identifier: bounded, so that no
# number reaches the database that it cannot hold.
Year = Annotated[int, Field(ge=EARLIEST_YEAR, le=LATEST_YEAR)]
Id = Annotated[int, Field(ge=1, le=2**53)]
Count = Annotated[int, Field(ge=0, le=10_000)]

# Writes accept a personal API token (Authorization: Bearer sng_…) or a signed-in session.
WRITE_AUTH = [token_auth, django_auth]


class BodyIn(Schema):
    """A request body: a JSON object, nothing else (a list or a number is refused with 422)."""

    @model_validator(mode="before")
    @classmethod
    def _an_object(cls, value: Any) -> Any:
        # Ninja hands the parsed body over wrapped in a DjangoGetter (its `_obj`).
        body = getattr(value, "_obj", value)
        if not isinstance(body, dict):
            raise ValueError("the body must be a JSON object")
        bad = nul_paths(body)
        if bad:
            raise ValueError(f"{', '.join(bad)}: contains a NUL character")
        return value


class ErrorOut(Schema):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str


def service_call(function: Callable[..., T], **kwargs: Any) -> T:
    """Call a service; its refusals become 403 and its validation errors 422, with the field."""
    try:
        return function(**kwargs)
    except PermissionDenied as error:
        raise HttpError(403, str(error) or "Not allowed") from None
    except ValidationError as error:
        detail = (
            "; ".join(
                f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items()
            )
            if hasattr(error, "error_dict")
            else " ".join(error.messages)
        )
        raise HttpError(422, detail) from None


def page_links(request: Any, page: int, pages: int) -> dict[str, str | None]:
    """Absolute addresses of the next and previous pages, the query kept (also sent as an
    RFC 8288 Link header by `PageLinkMiddleware`)."""

    def address(number: int) -> str | None:
        if number < 1 or number > pages:
            return None
        query = request.GET.copy()
        query["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    links = {"next": address(page + 1), "previous": address(page - 1)}
    request.sinergia_page_links = links
    return links
