"""Search results as CSV, XLSX and JSON: published practices only, as search returns them,
in the practice's one shape (`sinergia.practices.shapes`)."""

from __future__ import annotations

from django.http import HttpResponse

from sinergia.downloads import TABLE_FORMATS
from sinergia.practices.models import Practice
from sinergia.practices.shapes import PRACTICE

EXPORTS = TABLE_FORMATS


def export_response(practices: list[Practice], fmt: str) -> HttpResponse:
    return PRACTICE.response(practices, fmt, "practices")
