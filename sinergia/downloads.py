"""Files people download: CSV text and attachment responses, written the same way everywhere.

Every cell bound for a spreadsheet passes through `spreadsheet_cell`, so that text a person
typed never runs as a formula in Excel, LibreOffice or Google Sheets (OWASP, CSV injection).
Every CSV a person downloads is UTF-8 behind a byte-order mark (`csv_response`), without which
Excel reads accents as Windows-1252; column names are unique in every table."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

TABLE_FORMATS = ("csv", "xlsx", "json")
CSV = "text/csv; charset=utf-8"
BYTE_ORDER_MARK = "\ufeff"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# What makes a spreadsheet read a cell as a formula: = + - @ at its start, or a tab or
# carriage return there (OWASP). Spreadsheets that trim leading spaces on import would still
# see a formula behind them, so the check looks past leading white space too.
FORMULA_STARTS = frozenset("=+-@")
CONTROL_STARTS = frozenset("\t\r")


def spreadsheet_cell(value: Any) -> Any:
    """`value` safe in a spreadsheet: a text that a spreadsheet would run as a formula comes
    back behind a single quote (`'=SUM(1)`); numbers, dates and every other text unchanged."""
    if not isinstance(value, str) or not value:
        return value
    if value[0] in CONTROL_STARTS or value.lstrip()[:1] in FORMULA_STARTS:
        return "'" + value
    return value


def csv_text(
    header: Sequence[object], rows: Iterable[Iterable[object]], *, lineterminator: str = "\r\n"
) -> str:
    """A CSV table, every cell made safe by `spreadsheet_cell`. Texts are always quoted, so a
    separator inside one (a `;` where the spreadsheet splits on it) cannot start a new cell;
    numbers stay bare, and stay numbers. Column names must be unique."""
    _unique(header)
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC, lineterminator=lineterminator)
    writer.writerow([spreadsheet_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([spreadsheet_cell(cell) for cell in row])
    return buffer.getvalue()


def attachment(content: str | bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _unique(header: Sequence[object]) -> None:
    seen: set[str] = set()
    for name in header:
        if str(name) in seen:
            raise ValueError(f"Two columns are named {name!r}")
        seen.add(str(name))


def csv_download(text: str) -> bytes:
    """CSV text as a file for people: UTF-8 behind a byte-order mark, so that spreadsheet
    programs read its accents right. (The open-data package's CSVs, read by programs, stay
    without one, as its descriptor declares plain `utf-8`.)"""
    return (BYTE_ORDER_MARK + text).encode("utf-8")


def csv_response(
    header: Sequence[object], rows: Iterable[Iterable[object]], filename: str
) -> HttpResponse:
    """The one way a CSV is served for download."""
    return attachment(csv_download(csv_text(header, rows)), filename, CSV)


def _flat(value: Any) -> Any:
    return "; ".join(str(item) for item in value) if isinstance(value, list) else value


def _xlsx_cell(value: Any) -> Any:
    # A worksheet cannot hold most control characters (openpyxl refuses them): they go first,
    # so that what remains is what `spreadsheet_cell` judges.
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return spreadsheet_cell(value)


def table_response(
    rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str, name: str
) -> HttpResponse:
    """A list as a download: CSV and XLSX with one column per key (lists joined by "; ",
    formulas made inert), JSON as the rows themselves (dates and times in ISO 8601, as the
    API writes them)."""
    if fmt not in TABLE_FORMATS:
        raise Http404("Unknown format")
    _unique(columns)
    filename = f"sinergia-{name}.{fmt}"
    if fmt == "json":
        return attachment(
            json.dumps(list(rows), ensure_ascii=False, indent=2, cls=DjangoJSONEncoder),
            filename,
            "application/json",
        )
    cells = [[_flat(row.get(key)) for key in columns] for row in rows]
    if fmt == "csv":
        return csv_response(list(columns), cells, filename)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(name[:31])
    for line in [list(columns), *cells]:
        sheet.append([_xlsx_cell(cell) for cell in line])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return attachment(buffer.getvalue(), filename, XLSX)
