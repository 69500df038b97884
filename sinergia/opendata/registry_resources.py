"""The registry in the data package: countries, sources, mechanisms, memberships, meetings."""

from __future__ import annotations

from sinergia.i18n import LANGUAGE_CODES, territory_name
from sinergia.opendata.resources import Resource, language_fields, language_values
from sinergia.registry.models import Country, Mechanism, Meeting, Membership, Source
from sinergia.registry.shapes import MEETING
from sinergia.uris import country_uri, mechanism_uri


def countries_resource() -> Resource:
    rows = (
        [c.iso3, c.iso2, c.m49, c.subregion.key, c.sovereign, country_uri(c.iso3)]
        + [territory_name(c.iso2, language) for language in LANGUAGE_CODES]
        for c in Country.objects.select_related("subregion").order_by("iso3")
    )
    return Resource(
        "countries",
        "Countries and territories",
        "ISO 3166-1 codes, UN M49 code and subregion; names from the Unicode CLDR.",
        [
            ("iso3", "string", "ISO 3166-1 alpha-3"),
            ("iso2", "string", "ISO 3166-1 alpha-2"),
            ("m49", "integer", "UN M49 code"),
            ("subregion", "string", "UN M49 subregion key"),
            ("sovereign", "boolean", "a member state of the United Nations"),
            ("uri", "string", "stable identifier"),
            *language_fields("name", "name"),
        ],
        rows,
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
    return Resource(
        "mechanisms",
        "Mechanisms, processes and frameworks on migration",
        "Every mechanism, process, forum, framework or declaration in the registry.",
        [
            ("acronym", "string", "acronym"),
            ("uri", "string", "stable identifier"),
            *language_fields("name", "name"),
            ("kind", "string", "kind"),
            ("scope", "string", "geographic scope"),
            ("established", "integer", "year established"),
            ("status", "string", "active, inactive or concluded"),
            ("website", "string", "website"),
            ("parent", "string", "acronym of the mechanism it is part of"),
            ("members_from", "string", "acronym of the mechanism whose members it shares"),
            ("source", "string", "key of the source"),
        ],
        (
            [
                m.acronym,
                mechanism_uri(m.acronym),
                *language_values(m.names),
                m.kind,
                m.scope,
                m.established,
                m.status,
                m.website,
                m.parent.acronym if m.parent else "",
                m.members_from.acronym if m.members_from else "",
                m.source.key,
            ]
            for m in Mechanism.objects.select_related("parent", "members_from", "source")
        ),
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
