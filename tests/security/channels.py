"""Every public channel, found from the URL configuration (pages in Spanish and the API), and
what a reader finds in each as plain text: pages, JSON, CSV, XLSX, DOCX, PDF, feeds, calendars
and zip packages alike.

A new address with a parameter these helpers cannot fill fails the tests that walk the
channels, so that it is taught here and walked too."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import product

import docx
import openpyxl
import pypdf
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation

PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
# Not public, or not a channel: the admin, sign-in pages, the health probe, the API's own
# documentation pages (the schema itself is walked).
NOT_CHANNELS = ("admin/", "es/accounts/", "es/jsi18n/", "healthz", "api/v1/docs")


def _routes(patterns: list, prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def _slot(route: str, start: int, name: str) -> str:
    """The key a parameter is filled from: its name, and for `pk` the segment before it
    (`dialogue:pk`, `contributions:pk`, ...), since a pk means something else under each."""
    if name != "pk":
        return name
    before = [s for s in route[:start].split("/") if s and not PARAMETER.search(s)]
    return f"{before[-1]}:pk"


def channel_paths(values: dict[str, list[str]], extra: list[str] = ()) -> list[str]:
    """Every address a reader can GET, each parameter filled with each of its `values`
    (an empty list: the address is skipped, as not public). Pages are taken in Spanish."""
    with translation.override("es"):
        routes = sorted(set(_routes(get_resolver().url_patterns)))
    paths = []
    for route in routes:
        if route.startswith(NOT_CHANNELS) or route.lstrip("^").startswith(NOT_CHANNELS):
            continue
        slots = [
            (match.group(0), _slot(route, match.start(), match.group("name")))
            for match in PARAMETER.finditer(route)
        ]
        unknown = sorted({slot for _text, slot in slots if slot not in values})
        assert not unknown, f"teach tests/security/channels.py how to fill {unknown} in {route}"
        for chosen in product(*(values[slot] for _text, slot in slots)):
            path = route
            for (text, _slot_name), value in zip(slots, chosen, strict=True):
                path = path.replace(text, str(value), 1)
            paths.append("/" + path)
    return sorted(set(paths) | set(extra))


@dataclass
class Reading:
    path: str
    status: int
    content_type: str
    text: str


def _docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts)


def _xlsx_text(content: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(
        "\t".join("" if v is None else str(v) for v in row)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
    )


def _pdf_text(content: bytes) -> str:
    return "\n".join(
        page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(content)).pages
    )


def _zip_text(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "\n".join(
            f"== {name}\n" + text_of(archive.read(name), _type_by_name(name))
            for name in archive.namelist()
        )


def _type_by_name(name: str) -> str:
    for ending, kind in (
        (".json", "application/json"),
        (".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (".pdf", "application/pdf"),
        (".zip", "application/zip"),
    ):
        if name.endswith(ending):
            return kind
    return "text/plain"


def text_of(content: bytes, content_type: str) -> str:
    """What a reader of `content` sees, as text (JSON re-encoded without escapes, so a name
    with an accent reads as it does on a page)."""
    kind = content_type.split(";")[0].strip()
    if kind.endswith("json"):
        return json.dumps(json.loads(content), ensure_ascii=False, indent=0)
    if kind.endswith("spreadsheetml.sheet"):
        return _xlsx_text(content)
    if kind.endswith("wordprocessingml.document"):
        return _docx_text(content)
    if kind == "application/pdf":
        return _pdf_text(content)
    if kind == "application/zip":
        return _zip_text(content)
    return content.decode("utf-8-sig")


def read(client, path: str) -> Reading:
    response = client.get(path)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    content_type = response.get("Content-Type", "")
    text = text_of(body, content_type) if response.status_code == 200 else ""
    return Reading(path, response.status_code, content_type, text)


# What a channel may answer a reader it has nothing for: a redirect to sign in, a refusal,
# not found, a method or a query it does not take.
NOTHING_FOR_YOU = {301, 302, 400, 401, 403, 404, 405, 422}


def walk(client, paths: list[str]) -> dict[str, Reading]:
    """Read every path; each answers 200 or says there is nothing for this reader."""
    readings = {}
    for path in paths:
        reading = read(client, path)
        assert reading.status == 200 or reading.status in NOTHING_FOR_YOU, (
            path,
            reading.status,
        )
        readings[path] = reading
    return readings
