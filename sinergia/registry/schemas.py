"""Shapes of the registry in the API (output only; writes come with their own schemas)."""

from __future__ import annotations

from ninja import Schema
from pydantic import Field

from sinergia.registry.shapes import COUNTRY, MECHANISM


class SourceOut(Schema):
    key: str
    title: str
    publisher: str
    url: str
    consulted: str | None
    quality: str  # official | intergovernmental | press | other


MechanismOut = MECHANISM.schema(
    "MechanismOut", name=(str, Field(description="name in the reader's language"))
)


class MembershipOut(Schema):
    id: int
    country: str
    role: str
    since: str
    until: str
    current: bool
    confirmed: bool
    note: str
    source: str


class TextOut(Schema):
    text: str
    language: str
    year: int | None
    date: str | None  # YYYY, YYYY-MM or YYYY-MM-DD, as precise as its source
    translations: dict[str, str]
    themes: list[str]
    source: str


class MeetingOut(Schema):
    title: str
    date: str
    place: str
    level: str
    outcome: str
    outcome_url: str
    source: str
    status: str = "scheduled"  # or "cancelled": kept, marked, in no clash


class MechanismDetailOut(MechanismOut):  # type: ignore[misc,valid-type]
    aliases: list[str]
    description: dict[str, str]
    secretariat: str
    supporting_organizations: list[str]
    related: list[str]
    unconfirmed: dict[str, str]
    memberships: list[MembershipOut]
    agenda: list[TextOut]
    commitments: list[TextOut]
    meetings: list[MeetingOut]
    sources: list[SourceOut]


CountryOut = COUNTRY.schema(
    "CountryOut", name=(str, Field(description="name in the reader's language"))
)


class ParticipationOut(Schema):
    mechanism: str
    role: str
    since: str
    until: str
    current: bool
    through: str | None
    confirmed: bool
    source: str


class CountryDetailOut(CountryOut):  # type: ignore[misc,valid-type]
    participations: list[ParticipationOut]
