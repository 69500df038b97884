"""What every API router shares: the error body and the call of a service from an endpoint."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Schema
from ninja.errors import HttpError
from ninja.security import django_auth

from sinergia.accounts.tokens import token_auth

T = TypeVar("T")

# Writes accept a personal API token (Authorization: Bearer sng_…) or a signed-in session.
WRITE_AUTH = [token_auth, django_auth]


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
