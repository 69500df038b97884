"""One shape per entity: the columns an entity is written out with (name, type, what each
holds, how its value is read), in one order, read by the API, the CSV, XLSX and JSON exports
and the open-data package alike. A column added to a shape appears in all three."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from ninja import Schema
from pydantic import Field, create_model

from sinergia.downloads import table_response
from sinergia.i18n import LANGUAGE_CODES

LIST_SEPARATOR = "; "


@dataclass(frozen=True)
class Column:
    """One column: `value` reads it from the entity as the API and JSON give it; `cell`, when
    set, writes that value as a table cell (otherwise a list is joined by "; " and a boolean
    is written true or false)."""

    name: str
    type: Any  # the API's type for it: str, int | None, list[str]...
    description: str
    value: Callable[[Any], Any]
    kind: str = "string"  # its Frictionless type in the data package: integer, date, datetime...
    cell: Callable[[Any], Any] | None = None
    # A {language: text} value that tables write as one column per language, named
    # "<per_language>_es", "<per_language>_en"...
    per_language: str = ""

    @property
    def table_names(self) -> list[str]:
        if self.per_language:
            return [f"{self.per_language}_{code}" for code in LANGUAGE_CODES]
        return [self.name]


def _cells(column: Column, value: Any) -> list[Any]:
    if column.per_language:
        return [(value or {}).get(code, "") for code in LANGUAGE_CODES]
    if column.cell is not None:
        value = column.cell(value)
    if isinstance(value, list | tuple):
        return [LIST_SEPARATOR.join(str(item) for item in value)]
    if isinstance(value, bool):
        return ["true" if value else "false"]  # as Frictionless reads a boolean
    return [value]


@dataclass(frozen=True)
class Shape:
    columns: tuple[Column, ...]

    @property
    def names(self) -> list[str]:
        """The fields of the API and of the JSON export."""
        return [column.name for column in self.columns]

    @property
    def table_names(self) -> list[str]:
        """The columns of a table: the names, a value in four languages as four columns."""
        return [name for column in self.columns for name in column.table_names]

    def record(self, item: Any) -> dict[str, Any]:
        """The entity as the API and the JSON export give it."""
        return {column.name: column.value(item) for column in self.columns}

    def cells(self, item: Any) -> list[Any]:
        """The entity as a row of a table (CSV, XLSX, the data package): lists joined."""
        return [cell for column in self.columns for cell in _cells(column, column.value(item))]

    def package_fields(self) -> list[tuple[str, str, str]]:
        """(name, Frictionless type, description) of each column, for the data package."""
        return [
            (name, column.kind, f"{column.description} in {name.rsplit('_', 1)[1]}")
            if column.per_language
            else (name, column.kind, column.description)
            for column in self.columns
            for name in column.table_names
        ]

    def schema(self, schema_name: str, /, **extra: tuple[Any, Any]) -> type[Schema]:
        """The API's output schema: the shape's columns in order, then `extra` fields."""
        fields: dict[str, Any] = {
            column.name: (column.type, Field(description=column.description))
            for column in self.columns
        }
        return create_model(schema_name, __base__=Schema, **fields, **extra)  # type: ignore[call-overload]

    def response(self, items: Iterable[Any], fmt: str, name: str) -> HttpResponse:
        """The entities as a download: JSON as the API gives them, CSV and XLSX as cells."""
        entities: Sequence[Any] = list(items)
        if fmt == "json":
            return table_response([self.record(item) for item in entities], self.names, fmt, name)
        names = self.table_names
        rows = [dict(zip(names, self.cells(item), strict=True)) for item in entities]
        return table_response(rows, names, fmt, name)
