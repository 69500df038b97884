"""Files people download: CSV text and attachment responses, written the same way everywhere."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from django.http import HttpResponse


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
