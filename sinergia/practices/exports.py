"""Search results as CSV, XLSX and JSON: published practices only, as search returns them."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook

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
        response = HttpResponse(
            json.dumps(rows, ensure_ascii=False, indent=2), content_type="application/json"
        )
    elif fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({key: _safe_cell(_flat(value)) for key, value in row.items()})
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("practices")
        sheet.append(COLUMNS)
        for row in rows:
            sheet.append([_safe_cell(_flat(row[key])) for key in COLUMNS])
        buffer_bytes = io.BytesIO()
        workbook.save(buffer_bytes)
        response = HttpResponse(
            buffer_bytes.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
