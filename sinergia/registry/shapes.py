"""The registry's entities as every channel writes them out: the API, the CSV, XLSX and JSON
exports and the open-data package read these shapes."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sinergia.i18n import territory_names
from sinergia.registry import selectors
from sinergia.registry.models import Country, Mechanism, Meeting, Role
from sinergia.shapes import Column, Shape
from sinergia.uris import country_uri, mechanism_uri


def _source_text(meeting: Meeting) -> str:
    source = meeting.source
    return (source.url or source.title) if source is not None else ""


MEETING = Shape(
    (
        Column("id", int, "identifier", lambda m: m.pk, kind="integer"),
        Column("mechanism", str, "acronym of the mechanism", lambda m: m.mechanism.acronym),
        Column("title", str, "title", lambda m: m.title),
        Column(
            "date",
            str,
            "first day, as precisely as its source gives it: YYYY, YYYY-MM or YYYY-MM-DD",
            lambda m: m.date_display,
        ),
        Column("date_precision", str, "year, month or day", lambda m: m.date_precision),
        Column("end_date", datetime.date | None, "last day", lambda m: m.end_date, kind="date"),
        Column("place", str, "place", lambda m: m.place),
        Column("outcome", str, "outcome document", lambda m: m.outcome),
        Column("outcome_url", str, "address of the outcome document", lambda m: m.outcome_url),
        Column(
            "source",
            str,
            "address or title of the source (empty: announced by the mechanism)",
            _source_text,
        ),
        Column(
            "source_key",
            str,
            "key of the source in the sources of the data package",
            lambda m: m.source.key if m.source is not None else "",
        ),
        Column("status", str, "scheduled or cancelled", lambda m: m.status),
    )
)


@dataclass(frozen=True)
class MechanismOnDay:
    """A mechanism with its members as they stand on one day."""

    mechanism: Mechanism
    day: datetime.date


def _member_codes(role: str) -> Callable[[MechanismOnDay], list[str]]:
    return lambda m: selectors.member_codes(m.mechanism, role, m.day)


def _acronym(mechanism: Mechanism | None) -> str | None:
    return mechanism.acronym if mechanism is not None else None


MECHANISM = Shape(
    (
        Column("acronym", str, "acronym", lambda m: m.mechanism.acronym),
        Column("uri", str, "stable identifier", lambda m: mechanism_uri(m.mechanism.acronym)),
        Column("names", dict[str, str], "name", lambda m: m.mechanism.names, per_language="name"),
        Column(
            "kind",
            str,
            "regional consultative process, intergovernmental forum or organization, network "
            "of authorities, framework or declaration",
            lambda m: m.mechanism.kind,
        ),
        Column(
            "scope",
            str,
            "hemispheric, regional, subregional or global",
            lambda m: m.mechanism.scope,
        ),
        Column("status", str, "active, inactive or concluded", lambda m: m.mechanism.status),
        Column(
            "established",
            int | None,
            "year established",
            lambda m: m.mechanism.established,
            kind="integer",
        ),
        Column("website", str, "website", lambda m: m.mechanism.website),
        Column(
            "parent",
            str | None,
            "acronym of the mechanism it is part of",
            lambda m: _acronym(m.mechanism.parent),
        ),
        Column(
            "members_from",
            str | None,
            "acronym of the mechanism whose members it shares",
            lambda m: _acronym(m.mechanism.members_from),
        ),
        Column(
            "members",
            list[str],
            "ISO3 codes of its members on the day: members, signatories and associates, "
            "as every count of members counts them",
            _member_codes(Role.MEMBER),
        ),
        Column(
            "observers",
            list[str],
            "ISO3 codes of its observers on the day",
            _member_codes(Role.OBSERVER),
        ),
        Column(
            "associates",
            list[str],
            "ISO3 codes of those of its members that are associates, on the day",
            _member_codes(Role.ASSOCIATE),
        ),
        Column(
            "themes",
            list[str],
            "keys of the themes of its agenda and commitments, most frequent first",
            lambda m: [concept.key for concept, _count in selectors.mechanism_themes(m.mechanism)],
        ),
        Column("source", str, "key of the source", lambda m: m.mechanism.source.key),
    )
)


@dataclass(frozen=True)
class CountryOnDay:
    """A country with its OAS membership and the mechanisms it is a member of, on one day."""

    country: Country
    oas_member: bool
    mechanisms: list[str]


def countries_on_day(
    countries: Iterable[Country], day: datetime.date | None = None
) -> list[CountryOnDay]:
    """The countries with what their shape reads of their memberships, in a fixed number of
    queries."""
    day = day or selectors.today()
    oas_members = selectors.oas_member_ids(day)
    acronyms = dict(Mechanism.objects.values_list("pk", "acronym"))
    member_of: dict[str, list[str]] = {}
    for mechanism_id, codes in selectors.members_by_mechanism(day).items():
        for iso3 in codes:
            member_of.setdefault(iso3, []).append(acronyms[mechanism_id])
    return [
        CountryOnDay(country, country.pk in oas_members, sorted(member_of.get(country.iso3, [])))
        for country in countries
    ]


COUNTRY = Shape(
    (
        Column("iso3", str, "ISO 3166-1 alpha-3", lambda c: c.country.iso3),
        Column("iso2", str, "ISO 3166-1 alpha-2", lambda c: c.country.iso2),
        Column("m49", int, "UN M49 code", lambda c: c.country.m49, kind="integer"),
        Column("uri", str, "stable identifier", lambda c: country_uri(c.country.iso3)),
        Column(
            "names",
            dict[str, str],
            "name (Unicode CLDR)",
            lambda c: territory_names(c.country.iso2),
            per_language="name",
        ),
        Column("subregion", str, "UN M49 subregion key", lambda c: c.country.subregion.key),
        Column(
            "sovereign",
            bool,
            "a member state of the United Nations",
            lambda c: c.country.sovereign,
            kind="boolean",
        ),
        Column(
            "oas_member",
            bool,
            "an OAS member state on the day",
            lambda c: c.oas_member,
            kind="boolean",
        ),
        Column(
            "mechanisms",
            list[str],
            "acronyms of the mechanisms it is a member of on the day (observers left out)",
            lambda c: c.mechanisms,
        ),
    )
)
