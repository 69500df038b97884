"""Shapes of the registry in the API (output only; writes come with their own schemas)."""

from __future__ import annotations

from ninja import Schema


class SourceOut(Schema):
    key: str
    title: str
    publisher: str
    url: str
    consulted: str | None


class MechanismOut(Schema):
    acronym: str
    uri: str
    name: str
    names: dict[str, str]
    kind: str
    scope: str
    status: str
    established: int | None
    members: list[str]
    observers: list[str]
    associates: list[str]


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
    themes: list[str]
    source: str


class MeetingOut(Schema):
    title: str
    date: str
    place: str
    outcome: str
    outcome_url: str
    source: str


class MechanismDetailOut(MechanismOut):
    aliases: list[str]
    description: dict[str, str]
    website: str
    secretariat: str
    supporting_organizations: list[str]
    parent: str | None
    members_from: str | None
    related: list[str]
    unconfirmed: dict[str, str]
    memberships: list[MembershipOut]
    agenda: list[TextOut]
    commitments: list[TextOut]
    meetings: list[MeetingOut]
    source: str
    sources: list[SourceOut]


class CountryOut(Schema):
    iso3: str
    iso2: str
    m49: int
    uri: str
    name: str
    names: dict[str, str]
    subregion: str
    sovereign: bool
    oas_member: bool


class ParticipationOut(Schema):
    mechanism: str
    role: str
    since: str
    until: str
    current: bool
    through: str | None
    confirmed: bool
    source: str


class CountryDetailOut(CountryOut):
    participations: list[ParticipationOut]
