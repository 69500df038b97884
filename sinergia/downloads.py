"""Files people download: CSV text and attachment responses, written the same way everywhere."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import Http404, HttpResponse
from openpyxl import Workbook

TABLE_FORMATS = ("csv", "xlsx", "json")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_text(header: list[str], rows: Iterable[Iterable[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def attachment(content: str | bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(
    header: list[str], rows: Iterable[Iterable[object]], filename: str
) -> HttpResponse:
    return attachment(csv_text(header, rows), filename, "text/csv; charset=utf-8")


def _flat(value: Any) -> Any:
    return "; ".join(str(item) for item in value) if isinstance(value, list) else value


def _safe_cell(value: Any) -> Any:
    # A cell starting with =, +, - or @ would run as a formula in a spreadsheet.
    if isinstance(value, str) and value[:1] in {"=", "+", "-", "@"}:
        return "'" + value
    return value


def table_response(
    rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str, name: str
) -> HttpResponse:
    """A list as a download: CSV and XLSX with one column per key (lists joined by "; ",
    formulas made inert), JSON as the rows themselves."""
    if fmt not in TABLE_FORMATS:
        raise Http404("Unknown format")
    filename = f"sinergia-{name}.{fmt}"
    if fmt == "json":
        return attachment(
            json.dumps(list(rows), ensure_ascii=False, indent=2, default=str),
            filename,
            "application/json",
        )
    cells = [[_safe_cell(_flat(row.get(key))) for key in columns] for row in rows]
    if fmt == "csv":
        return csv_response(list(columns), cells, filename)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(name[:31])
    sheet.append(list(columns))
    for line in cells:
        sheet.append(line)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return attachment(buffer.getvalue(), filename, XLSX)
