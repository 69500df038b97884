"""A Data Package resource: its descriptor, and its rows written as the package's CSV."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sinergia.downloads import csv_text
from sinergia.i18n import LANGUAGE_CODES

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


def resource_csv(resource: Resource) -> bytes:
    header = [name for name, _kind, _description in resource.fields]
    rows = ([_cell(value) for value in row] for row in resource.rows)
    return csv_text(header, rows, lineterminator="\n").encode("utf-8")


def language_values(values: dict[str, str]) -> list[str]:
    return [values.get(language, "") for language in LANGUAGE_CODES]


def language_fields(prefix: str, what: str) -> list[tuple[str, str, str]]:
    return [
        (f"{prefix}_{language}", "string", f"{what} in {language}") for language in LANGUAGE_CODES
    ]
