"""A good practice as every channel writes it out: the API, the CSV, XLSX and JSON exports
and the open-data package read this one shape."""

from __future__ import annotations

from typing import Any

from ninja import Schema

from sinergia.practices.models import Practice
from sinergia.shapes import Column, Shape
from sinergia.uris import practice_uri


class LinkSchema(Schema):
    title: str
    url: str


def _published_at(practice: Practice) -> str | None:
    published = practice.published_at
    return published.replace(microsecond=0).isoformat() if published else None


def _link_urls(links: list[dict[str, Any]]) -> list[str]:
    return [link["url"] for link in links]


PRACTICE = Shape(
    (
        Column("id", int, "identifier", lambda p: p.pk, kind="integer"),
        Column("uri", str, "stable identifier", lambda p: practice_uri(p.pk)),
        Column(
            "external_id", str, "identifier in the submitter's own system", lambda p: p.external_id
        ),
        Column(
            "status",
            str,
            "draft, submitted, in_review, changes_requested, published or archived",
            lambda p: p.status,
        ),
        Column("title", str, "title", lambda p: p.title),
        Column("language", str, "original language", lambda p: p.language),
        Column("summary", str, "summary", lambda p: p.summary),
        Column("body", str, "description (Markdown)", lambda p: p.body),
        Column(
            "countries",
            list[str],
            "ISO 3166-1 alpha-3 codes of the countries where it is carried out",
            lambda p: [c.iso3 for c in p.countries.all()],
        ),
        Column(
            "mechanisms",
            list[str],
            "acronyms of the mechanisms it relates to",
            lambda p: [m.acronym for m in p.mechanisms.all()],
        ),
        Column("themes", list[str], "theme keys", lambda p: [t.key for t in p.themes.all()]),
        Column(
            "populations",
            list[str],
            "the populations it serves",
            lambda p: [population.population for population in p.populations.all()],
        ),
        Column("year", int | None, "year started", lambda p: p.year, kind="integer"),
        Column("period_end", int | None, "year ended", lambda p: p.period_end, kind="integer"),
        Column(
            "implementing_institutions",
            list[str],
            "institutions that carry it out",
            lambda p: p.implementing_institutions,
        ),
        Column(
            "partner_institutions",
            list[str],
            "institutions that support it",
            lambda p: p.partner_institutions,
        ),
        Column("results", str, "results", lambda p: p.results),
        Column(
            "links",
            list[LinkSchema],
            "sources and links (as a table: their addresses)",
            lambda p: p.links,
            cell=_link_urls,
        ),
        Column("published_at", str | None, "when it was published", _published_at, kind="datetime"),
    )
)

# What the related rows a practice's shape reads: prefetch them for a list.
PRACTICE_PREFETCH = ("countries", "mechanisms", "themes", "populations")
