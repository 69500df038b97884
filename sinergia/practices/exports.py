"""Search results as CSV, XLSX and JSON: published practices only, as search returns them."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse

from sinergia.downloads import TABLE_FORMATS, table_response
from sinergia.practices.models import Practice
from sinergia.uris import practice_uri

EXPORTS = TABLE_FORMATS
COLUMNS = [
    "id", "uri", "external_id", "title", "language", "summary", "countries", "mechanisms", "themes",
    "populations", "year", "period_end", "implementing_institutions", "partner_institutions",
    "results", "links", "published_at",
]  # fmt: skip


def practice_row(practice: Practice) -> dict[str, Any]:
    return {
        "id": practice.pk,
        "uri": practice_uri(practice.pk),
        "external_id": practice.external_id,
        "title": practice.title,
        "language": practice.language,
        "summary": practice.summary,
        "countries": [c.iso3 for c in practice.countries.all()],
        "mechanisms": [m.acronym for m in practice.mechanisms.all()],
        "themes": [t.key for t in practice.themes.all()],
        "populations": [p.population for p in practice.populations.all()],
        "year": practice.year,
        "period_end": practice.period_end,
        "implementing_institutions": practice.implementing_institutions,
        "partner_institutions": practice.partner_institutions,
        "results": practice.results,
        "links": [link["url"] for link in practice.links],
        "published_at": practice.published_at.isoformat() if practice.published_at else None,
    }


def export_response(practices: list[Practice], fmt: str) -> HttpResponse:
    return table_response([practice_row(p) for p in practices], COLUMNS, fmt, "practices")
