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

LIST_SEPARATOR = "; "


@dataclass(frozen=True)
class Column:
    """One column: `value` reads it from the entity as the API and JSON give it; `cell`, when
    set, writes that value as a table cell (a list is otherwise joined by "; ")."""

    name: str
    type: Any  # the API's type for it: str, int | None, list[str]...
    description: str
    value: Callable[[Any], Any]
    kind: str = "string"  # its Frictionless type in the data package: integer, date, datetime...
    cell: Callable[[Any], Any] | None = None


def _cell(column: Column, value: Any) -> Any:
    if column.cell is not None:
        value = column.cell(value)
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(item) for item in value)
    return value


@dataclass(frozen=True)
class Shape:
    columns: tuple[Column, ...]

    @property
    def names(self) -> list[str]:
        return [column.name for column in self.columns]

    def record(self, item: Any) -> dict[str, Any]:
        """The entity as the API and the JSON export give it."""
        return {column.name: column.value(item) for column in self.columns}

    def cells(self, item: Any) -> list[Any]:
        """The entity as a row of a table (CSV, XLSX, the data package): lists joined."""
        return [_cell(column, column.value(item)) for column in self.columns]

    def package_fields(self) -> list[tuple[str, str, str]]:
        """(name, Frictionless type, description) of each column, for the data package."""
        return [(column.name, column.kind, column.description) for column in self.columns]

    def schema(self, name: str, **extra: tuple[Any, Any]) -> type[Schema]:
        """The API's output schema: the shape's columns in order, then `extra` fields."""
        fields: dict[str, Any] = {
            column.name: (column.type, Field(description=column.description))
            for column in self.columns
        }
        return create_model(name, __base__=Schema, **fields, **extra)  # type: ignore[call-overload]

    def response(self, items: Iterable[Any], fmt: str, name: str) -> HttpResponse:
        """The entities as a download: JSON as the API gives them, CSV and XLSX as cells."""
        entities: Sequence[Any] = list(items)
        if fmt == "json":
            rows = [self.record(item) for item in entities]
        else:
            rows = [dict(zip(self.names, self.cells(item), strict=True)) for item in entities]
        return table_response(rows, self.names, fmt, name)
