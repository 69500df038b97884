"""Checks every input passes, whatever door it came in by: forms already refuse the NUL
character; the API, the importers and query strings refuse it here (PostgreSQL cannot store
it, and no real text has one). Numbers, years and dates read from a query string or a body
are parsed here too, within bounds: the API refuses a bad one with 422 naming the
parameter, pages ignore it."""

from __future__ import annotations

import datetime
import re
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext


def nul_paths(value: Any, path: str = "") -> list[str]:
    """The places (field.subfield[2]) in a JSON-like value whose text holds a NUL."""
    if isinstance(value, str):
        return [path or "value"] if "\x00" in value else []
    if isinstance(value, dict):
        return [
            found
            for key, item in value.items()
            for found in nul_paths(item, f"{path}.{key}" if path else str(key))
        ] + ([f"{path or 'key'}"] if any("\x00" in str(key) for key in value) else [])
    if isinstance(value, list | tuple):
        return [found for i, item in enumerate(value) for found in nul_paths(item, f"{path}[{i}]")]
    return []


# Links a page shows as href: web pages only. `javascript:` and `data:` addresses would run
# in the reader's browser, and a user name or password in an address is a secret published.
WEB_ADDRESS_SCHEMES = ("http", "https")
WEB_ADDRESS_MAX_LENGTH = 1000
_web_address_validator = URLValidator(schemes=list(WEB_ADDRESS_SCHEMES))


def web_address_problem(
    value: str, *, max_length: int | None = WEB_ADDRESS_MAX_LENGTH
) -> str | None:
    """What is wrong with `value` as a stored link, or None when nothing is: an absolute http or
    https address, with a host, without a user name or password, without spaces, at most
    `max_length` characters (None: any length)."""
    if max_length is not None and len(value) > max_length:
        return gettext("A web address has at most %(count)s characters.") % {"count": max_length}
    scheme, _colon, rest = value.partition(":")
    if scheme.lower() not in WEB_ADDRESS_SCHEMES or not rest.startswith("//"):
        return gettext("Write a web address that starts with http:// or https://.")
    try:
        if "@" in urlsplit(value).netloc:
            return gettext("A web address cannot hold a user name or a password.")
        _web_address_validator(value)
    except (ValueError, ValidationError):
        return gettext("Write a valid web address.")
    return None


def web_address(value: str, *, max_length: int = WEB_ADDRESS_MAX_LENGTH) -> str:
    """`value` without surrounding spaces, when it is empty or a web address a page may link
    to; otherwise ValueError with the reason (for pydantic schemas: the importers, the bundled
    data)."""
    value = value.strip()
    problem = web_address_problem(value, max_length=max_length) if value else None
    if problem:
        raise ValueError(problem)
    return value


def web_address_clean(field: str, value: str, *, max_length: int = WEB_ADDRESS_MAX_LENGTH) -> str:
    """As `web_address`, for services: the refusal is a ValidationError on `field`, which
    forms show beside the field and the API returns as 422 naming it."""
    try:
        return web_address(value, max_length=max_length)
    except ValueError as error:
        raise ValidationError({field: str(error)}) from None


def is_web_address(value: object) -> bool:
    """Whether a stored `value`, of any length, may be written as a link's href."""
    return isinstance(value, str) and web_address_problem(value, max_length=None) is None


# The years and days a query or a body may name: wide enough for every record Sinergia keeps,
# narrow enough that arithmetic on them (five years back, the day after) never leaves the
# calendar and no number reaches the database that it cannot hold.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2100
EARLIEST_DAY = datetime.date(EARLIEST_YEAR, 1, 1)
LATEST_DAY = datetime.date(LATEST_YEAR, 12, 31)

# ASCII digits only: str.isdigit() and int() also take "²" or "٣", and int() refuses more
# than 4,300 digits with an error of its own.
_WHOLE_NUMBER = re.compile(r"[0-9]{1,18}")
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_int(text: str, *, low: int, high: int) -> int:
    """A whole number written in ASCII digits, from `low` to `high`; ValueError otherwise,
    with a message fit for the person who wrote it."""
    text = text.strip()
    if not _WHOLE_NUMBER.fullmatch(text) or not low <= int(text) <= high:
        raise ValueError(f"expected a whole number from {low} to {high}")
    return int(text)


def parse_year(text: str) -> int:
    """A year from EARLIEST_YEAR to LATEST_YEAR; ValueError otherwise."""
    try:
        return parse_int(text, low=EARLIEST_YEAR, high=LATEST_YEAR)
    except ValueError:
        raise ValueError(f"expected a year from {EARLIEST_YEAR} to {LATEST_YEAR}") from None


def parse_day(text: str) -> datetime.date:
    """A calendar date written YYYY-MM-DD, from EARLIEST_DAY to LATEST_DAY; ValueError
    otherwise (a number of seconds since 1970, which pydantic would take, is refused)."""
    text = text.strip()
    try:
        day = datetime.date.fromisoformat(text) if _ISO_DAY.fullmatch(text) else None
    except ValueError:
        day = None
    if day is None:
        raise ValueError("expected a date written YYYY-MM-DD")
    if not EARLIEST_DAY <= day <= LATEST_DAY:
        raise ValueError(f"expected a date from {EARLIEST_DAY} to {LATEST_DAY}")
    return day


def query_int(text: str | None, *, default: int, low: int, high: int) -> int:
    """For pages, which show something rather than refuse: a whole number brought within
    `low`..`high`, or `default` when the value is absent or not a number."""
    if text is None or not _WHOLE_NUMBER.fullmatch(text.strip()):
        return default
    return min(max(int(text), low), high)


def query_year(text: str | None) -> int | None:
    """For pages: the year, or None when the value is not one (the filter is then ignored)."""
    try:
        return parse_year(text) if text is not None else None
    except ValueError:
        return None


def query_day(text: str | None) -> datetime.date | None:
    """For pages: the date, or None when the value is not one."""
    try:
        return parse_day(text) if text is not None else None
    except ValueError:
        return None
