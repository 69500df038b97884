"""Search results as CSV, XLSX and JSON: published practices only, as search returns them."""

from __future__ import annotations

import io
import json
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook

from sinergia.downloads import attachment, csv_response
from sinergia.practices.models import Practice

EXPORTS = ("csv", "xlsx", "json")
COLUMNS = [
    "id", "external_id", "title", "language", "summary", "countries", "mechanisms", "themes",
    "populations", "year", "period_end", "implementing_institutions", "partner_institutions",
    "results", "links", "published_at",
]  # fmt: skip


def practice_row(practice: Practice) -> dict[str, Any]:
    return {
        "id": practice.pk,
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


def _flat(value: Any) -> Any:
    return "; ".join(str(item) for item in value) if isinstance(value, list) else value


def _safe_cell(value: Any) -> Any:
    # A cell starting with =, +, - or @ would run as a formula in a spreadsheet.
    if isinstance(value, str) and value[:1] in {"=", "+", "-", "@"}:
        return "'" + value
    return value


def export_response(practices: list[Practice], fmt: str) -> HttpResponse:
    rows = [practice_row(practice) for practice in practices]
    filename = f"sinergia-practices.{fmt}"
    if fmt == "json":
        return attachment(
            json.dumps(rows, ensure_ascii=False, indent=2), filename, "application/json"
        )
    cells = [[_safe_cell(_flat(row[key])) for key in COLUMNS] for row in rows]
    if fmt == "csv":
        return csv_response(COLUMNS, cells, filename)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("practices")
    sheet.append(COLUMNS)
    for line in cells:
        sheet.append(line)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return attachment(
        buffer.getvalue(),
        filename,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
