"""The registry in the data package: countries, sources, mechanisms, memberships, meetings."""

from __future__ import annotations

from sinergia.opendata.resources import Resource
from sinergia.registry import selectors
from sinergia.registry.models import Country, Meeting, Membership, Source
from sinergia.registry.shapes import COUNTRY, MECHANISM, MEETING, MechanismOnDay, countries_on_day


def countries_resource() -> Resource:
    countries = Country.objects.select_related("subregion").order_by("iso3")
    return Resource(
        "countries",
        "Countries and territories",
        "ISO 3166-1 codes, UN M49 code and subregion; names from the Unicode CLDR; OAS and "
        "mechanism membership on the day the package was made.",
        COUNTRY.package_fields(),
        (COUNTRY.cells(c) for c in countries_on_day(countries)),
        primary_key=["iso3"],
    )


def sources_resource() -> Resource:
    return Resource(
        "sources",
        "Sources",
        "The public documents and pages that support each fact in the registry.",
        [
            ("key", "string", "identifier used by the other resources"),
            ("title", "string", "title"),
            ("publisher", "string", "publisher"),
            ("url", "string", "address"),
            ("consulted", "date", "date consulted"),
        ],
        ([s.key, s.title, s.publisher, s.url, s.consulted] for s in Source.objects.order_by("key")),
        primary_key=["key"],
    )


def mechanisms_resource() -> Resource:
    day = selectors.today()
    return Resource(
        "mechanisms",
        "Mechanisms, processes and frameworks on migration",
        "Every mechanism, process, forum, framework or declaration in the registry, with its "
        "members on the day the package was made (every period is in memberships).",
        MECHANISM.package_fields(),
        (MECHANISM.cells(MechanismOnDay(m, day)) for m in selectors.mechanism_list()),
        primary_key=["acronym"],
    )


def memberships_resource() -> Resource:
    return Resource(
        "memberships",
        "Memberships",
        "Which country takes part in which mechanism, in which role, over which period.",
        [
            ("mechanism", "string", "acronym"),
            ("country", "string", "ISO 3166-1 alpha-3"),
            ("role", "string", "member, observer, associate or signatory"),
            ("since", "date", "first day (see since_precision)"),
            ("since_precision", "string", "year, month or day"),
            ("until", "date", "day it ended (see until_precision)"),
            ("until_precision", "string", "year, month or day"),
            ("confirmed", "boolean", "confirmed by the source"),
            ("note", "string", "note, for an unconfirmed fact"),
            ("source", "string", "key of the source"),
        ],
        (
            [
                m.mechanism.acronym,
                m.country.iso3,
                m.role,
                m.since,
                m.since_precision,
                m.until,
                m.until_precision,
                m.confirmed,
                m.note,
                m.source.key,
            ]
            for m in Membership.objects.select_related("mechanism", "country", "source")
        ),
    )


def meetings_resource() -> Resource:
    meetings = Meeting.objects.select_related("mechanism", "source").order_by("date", "pk")
    return Resource(
        "meetings",
        "Meetings",
        "Meetings of the mechanisms, with their outcome documents.",
        MEETING.package_fields(),
        (MEETING.cells(m) for m in meetings),
        primary_key=["id"],
    )
