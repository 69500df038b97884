"""The complete open-data package: a Frictionless Data Package (datapackage.json and one CSV
per resource, zipped) with the registry, memberships, vocabulary, published practices,
dialogue sessions and statistics, each with its sources and licence.

Only what the public may see goes in, by the same rules as the pages
(`sinergia.practices.permissions`, `sinergia.dialogue.permissions`, for `ANONYMOUS`).
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from sinergia.data_version import data_changed_at
from sinergia.dialogue.models import Contribution, Session
from sinergia.dialogue.permissions import visible_contributions
from sinergia.downloads import csv_text
from sinergia.i18n import LANGUAGE_CODES, territory_name
from sinergia.practices.models import Practice
from sinergia.practices.permissions import ANONYMOUS, visible_filter
from sinergia.practices.shapes import PRACTICE, PRACTICE_PREFETCH
from sinergia.registry.models import Country, Mechanism, Meeting, Membership, Source
from sinergia.registry.shapes import MEETING
from sinergia.statistics.models import Area, Breakdown, Dataset, Observation, unpack_vector
from sinergia.uris import concept_uri, country_uri, mechanism_uri
from sinergia.vocabulary.models import Concept, ConceptMatch, FrameworkItem

REGISTRY_LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}


@dataclass
class Resource:
    name: str
    title: str
    description: str
    fields: list[tuple[str, str, str]]  # (name, type, description)
    rows: Iterable[Iterable[Any]]
    primary_key: list[str] = field(default_factory=list)
    licences: list[dict[str, str]] = field(default_factory=lambda: [REGISTRY_LICENCE])
    sources: list[dict[str, str]] = field(default_factory=list)

    def descriptor(self) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "fields": [
                {"name": name, "type": kind, "description": text}
                for name, kind, text in self.fields
            ],
            "missingValues": [""],
        }
        if self.primary_key:
            schema["primaryKey"] = self.primary_key
        descriptor = {
            "name": self.name,
            "path": f"data/{self.name}.csv",
            "profile": "tabular-data-resource",
            "title": self.title,
            "description": self.description,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "licenses": self.licences,
            "schema": schema,
        }
        if self.sources:
            descriptor["sources"] = self.sources
        return descriptor


def _cell(value: Any) -> Any:
    """A value as the CSV holds it: numbers bare, booleans as true/false, anything else as
    text (made safe for spreadsheets by `csv_text`)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    return str(value)


def _csv(resource: Resource) -> bytes:
    header = [name for name, _kind, _description in resource.fields]
    rows = ([_cell(value) for value in row] for row in resource.rows)
    return csv_text(header, rows, lineterminator="\n").encode("utf-8")


def _names(values: dict[str, str]) -> list[str]:
    return [values.get(language, "") for language in LANGUAGE_CODES]


def _name_fields(prefix: str, what: str) -> list[tuple[str, str, str]]:
    return [
        (f"{prefix}_{language}", "string", f"{what} in {language}") for language in LANGUAGE_CODES
    ]


def _countries() -> Resource:
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
            *_name_fields("name", "name"),
        ],
        rows,
        primary_key=["iso3"],
    )


def _sources() -> Resource:
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


def _mechanisms() -> Resource:
    return Resource(
        "mechanisms",
        "Mechanisms, processes and frameworks on migration",
        "Every mechanism, process, forum, framework or declaration in the registry.",
        [
            ("acronym", "string", "acronym"),
            ("uri", "string", "stable identifier"),
            *_name_fields("name", "name"),
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
                *_names(m.names),
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


def _memberships() -> Resource:
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


def _meetings() -> Resource:
    meetings = Meeting.objects.select_related("mechanism", "source").order_by("date", "pk")
    return Resource(
        "meetings",
        "Meetings",
        "Meetings of the mechanisms, with their outcome documents.",
        MEETING.package_fields(),
        (MEETING.cells(m) for m in meetings),
        primary_key=["id"],
    )


def _themes() -> Resource:
    return Resource(
        "themes",
        "Themes",
        "Sinergia's thematic vocabulary (also as SKOS at /api/v1/vocabulary.ttl).",
        [
            ("key", "string", "identifier"),
            ("uri", "string", "stable identifier"),
            *_name_fields("label", "label"),
        ],
        (
            [c.key, concept_uri(c.key), *_names(c.labels)]
            for c in Concept.objects.order_by("position", "key")
        ),
        primary_key=["key"],
    )


def _framework_items() -> Resource:
    return Resource(
        "framework_items",
        "Framework items",
        "The GCM objectives, SDG target 10.7 and the other frameworks' items.",
        [
            ("framework", "string", "framework key"),
            ("code", "string", "code"),
            *_name_fields("label", "label"),
        ],
        (
            [item.framework.key, item.code, *_names(item.labels)]
            for item in FrameworkItem.objects.select_related("framework").order_by(
                "framework__position", "position"
            )
        ),
        primary_key=["framework", "code"],
    )


def _crosswalks() -> Resource:
    return Resource(
        "crosswalks",
        "Crosswalks",
        "Which theme matches which framework item, exactly or closely.",
        [
            ("theme", "string", "theme key"),
            ("framework", "string", "framework key"),
            ("code", "string", "item code"),
            ("match", "string", "exact or close"),
        ],
        (
            [m.concept.key, m.item.framework.key, m.item.code, m.kind]
            for m in ConceptMatch.objects.select_related("concept", "item__framework")
        ),
    )


def _practices() -> Resource:
    practices = (
        Practice.objects.filter(visible_filter(ANONYMOUS))
        .prefetch_related(*PRACTICE_PREFETCH)
        .order_by("pk")
    )
    return Resource(
        "practices",
        "Good practices",
        "The published good practices, in their original language; lists separated by ;.",
        PRACTICE.package_fields(),
        (PRACTICE.cells(p) for p in practices),
        primary_key=["id"],
    )


def _contributions() -> Resource:
    contributions = (
        Contribution.objects.filter(visible_contributions(ANONYMOUS))
        .select_related("session", "participant__country", "participant__mechanism", "question")
        .order_by("pk")
    )
    return Resource(
        "contributions",
        "Contributions to the annual dialogue",
        "What each participant submitted, in its own language, by guiding question.",
        [
            ("id", "integer", "identifier"),
            ("session", "string", "session key"),
            ("participant", "string", "acronym, ISO3 or organization"),
            ("question", "integer", "guiding question number"),
            ("language", "string", "language"),
            ("statement", "string", "statement"),
            ("added_value", "string", "added value"),
            ("challenges", "string", "challenges"),
            ("good_practices", "string", "good practices"),
            ("coordination", "string", "coordination opportunities"),
        ],
        (
            [
                c.pk,
                c.session.key,
                c.participant.short_name,
                c.question.number,
                c.language,
                c.statement,
                c.added_value,
                c.challenges,
                c.good_practices,
                c.coordination,
            ]
            for c in contributions
        ),
        primary_key=["id"],
    )


def _sessions() -> Resource:
    return Resource(
        "sessions",
        "Dialogue sessions",
        "The sessions of the annual dialogue.",
        [
            ("key", "string", "identifier"),
            ("date", "date", "date"),
            ("convener", "string", "acronym"),
            *_name_fields("title", "title"),
        ],
        (
            [s.key, s.date, s.convener.acronym, *_names(s.title)]
            for s in Session.objects.select_related("convener").order_by("date")
        ),
        primary_key=["key"],
    )


def _statistics() -> list[Resource]:
    datasets = list(Dataset.objects.order_by("key"))
    licences = {
        "CC BY 3.0 IGO": {
            "name": "CC-BY-3.0-IGO",
            "path": "https://creativecommons.org/licenses/by/3.0/igo/",
            "title": "Creative Commons Attribution 3.0 IGO",
        },
        "CC BY 4.0": REGISTRY_LICENCE,
    }
    areas = Resource(
        "areas",
        "Statistical areas",
        "Countries and regions as the statistical sources name them (UN M49).",
        [
            ("m49", "string", "UN M49 code"),
            ("iso3", "string", "ISO3, for a country"),
            ("name", "string", "name in the source"),
            ("kind", "string", "country or region"),
        ],
        ([a.m49, a.iso3, a.name, a.kind] for a in Area.objects.order_by("m49")),
        primary_key=["m49"],
        licences=[licences.get(d.licence, REGISTRY_LICENCE) for d in datasets][:1],
    )
    observations = Resource(
        "observations",
        "Migration statistics",
        "Migrant stock (UN DESA) and people in need of international protection (UNHCR).",
        [
            ("dataset", "string", "dataset key"),
            ("indicator", "string", "indicator"),
            ("area", "string", "UN M49 code of the area"),
            ("origin", "string", "UN M49 code of the origin, where given"),
            ("year", "integer", "year"),
            ("sex", "string", "total, male or female"),
            ("value", "integer", "persons"),
        ],
        _observation_rows(),
        licences=list(
            {d.licence: licences.get(d.licence, REGISTRY_LICENCE) for d in datasets}.values()
        ),
        sources=[{"title": d.citation, "path": d.url} for d in datasets if d.url],
    )
    return [areas, observations]


def _observation_rows() -> Iterator[list[Any]]:
    """Single values, then the series ({year: value}) and matrix rows (by origin and year)
    that are stored packed, unpacked to one row per value."""
    rows = (
        Observation.objects.order_by("dataset__key", "indicator", "area__m49", "year", "pk")
        .values_list(
            "dataset__key", "indicator", "area__m49", "origin__m49", "year", "sex", "value"
        )
        .iterator(chunk_size=5000)
    )
    for row in rows:
        yield list(row)
    breakdowns = Breakdown.objects.select_related("dataset", "area").order_by(
        "dataset__key", "indicator", "area__m49", "year"
    )
    for breakdown in breakdowns.iterator(chunk_size=200):
        key, indicator, area = breakdown.dataset.key, breakdown.indicator, breakdown.area.m49
        if breakdown.vector:
            positions, values = unpack_vector(bytes(breakdown.vector))
            names = breakdown.dataset.vector_keys  # "year:origin M49"
            for position, value in zip(positions.tolist(), values.tolist(), strict=True):
                year, origin = names[position].split(":", 1)
                yield [key, indicator, area, origin, int(year), "total", value]
        else:
            for year, value in sorted(breakdown.values.items()):
                yield [key, indicator, area, "", int(year), "total", value]


def resources() -> list[Resource]:
    return [
        _countries(),
        _mechanisms(),
        _memberships(),
        _meetings(),
        _sources(),
        _themes(),
        _framework_items(),
        _crosswalks(),
        _practices(),
        _sessions(),
        _contributions(),
        *_statistics(),
    ]


def datapackage_zip() -> bytes:
    """The whole package as a zip: datapackage.json and data/<resource>.csv."""
    buffer = io.BytesIO()
    items = resources()
    descriptor = {
        "profile": "tabular-data-package",
        "name": "sinergia",
        "title": "Sinergia: migration governance in the Americas",
        "description": (
            "The registry of mechanisms and memberships, the thematic vocabulary and its "
            "crosswalks, the published good practices, the annual dialogue and the migration "
            "statistics, each fact with its source."
        ),
        "homepage": settings.SINERGIA_URI_BASE,
        "created": timezone.now().replace(microsecond=0).isoformat(),
        "licenses": [REGISTRY_LICENCE],
        "resources": [resource.descriptor() for resource in items],
    }
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", json.dumps(descriptor, ensure_ascii=False, indent=1))
        for resource in items:
            archive.writestr(f"data/{resource.name}.csv", _csv(resource))
    return buffer.getvalue()


def _version() -> str:
    """Changes with every write (each leaves an audit entry) and every statistics import."""
    changed = data_changed_at()
    return f"{changed.timestamp() if changed else 0:.6f}"


def datapackage_file() -> Path:
    """The package for the data as it is now, built once per change and kept in VAR_DIR."""
    folder = Path(settings.VAR_DIR) / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"datapackage-{_version()}.zip"
    if not path.exists():
        temporary = path.with_suffix(".part")
        temporary.write_bytes(datapackage_zip())
        temporary.replace(path)
        for old in folder.glob("datapackage-*.zip"):
            if old != path:
                old.unlink(missing_ok=True)
    return path
