"""Bulk import of practices from JSON or CSV (format in docs/practices-import.md).

Every row is checked before anything is written; a bad row aborts the whole import with a
message naming the row and the field. A row whose `external_id` exists updates that practice.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

from django.db import transaction
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator

from sinergia.accounts.services import Actor
from sinergia.i18n import LanguageCode
from sinergia.inputs import nul_paths, web_address
from sinergia.practices import services
from sinergia.practices.models import Population, Practice, Status
from sinergia.registry.models import Country, Mechanism
from sinergia.vocabulary.models import Concept

LIST_FIELDS = {
    "countries", "mechanisms", "themes", "populations", "implementing_institutions",
    "partner_institutions",
}  # fmt: skip
MAX_ROWS = 50_000
MAX_FILE_BYTES = 32 * 1024 * 1024
MAX_LIST_ITEMS = 100  # countries, mechanisms, themes, populations, institutions of a row


class ImportRow(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    external_id: str = Field(min_length=1, max_length=120)
    title: str = Field(min_length=1, max_length=300)
    summary: str = Field(min_length=1, max_length=2000)
    language: LanguageCode
    countries: list[str] = Field(min_length=1, max_length=MAX_LIST_ITEMS)
    mechanisms: list[str] = Field(default_factory=list, max_length=MAX_LIST_ITEMS)
    themes: list[str] | None = Field(default=None, max_length=MAX_LIST_ITEMS)
    populations: list[str] = Field(default_factory=list, max_length=MAX_LIST_ITEMS)
    year: int | None = Field(default=None, ge=1900, le=2100)
    period_end: int | None = Field(default=None, ge=1900, le=2100)
    body: str = Field(default="", max_length=50_000)
    implementing_institutions: list[str] = Field(default_factory=list, max_length=MAX_LIST_ITEMS)
    partner_institutions: list[str] = Field(default_factory=list, max_length=MAX_LIST_ITEMS)
    results: str = Field(default="", max_length=5000)
    source_url: Annotated[str, AfterValidator(web_address)] = ""
    source_title: str = Field(default="", max_length=500)

    @field_validator("countries")
    @classmethod
    def _iso3(cls, values: list[str]) -> list[str]:
        return [value.upper() for value in values]

    @field_validator("mechanisms")
    @classmethod
    def _acronyms(cls, values: list[str]) -> list[str]:
        return [value.upper() for value in values]


class ImportProblem(Exception):
    """The file cannot be imported; `problems` names each row and field at fault."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    published: int = 0
    practices: list[Practice] = field(default_factory=list)


def _split(value: Any) -> Any:
    if isinstance(value, str):
        return [item.strip() for item in value.split(";") if item.strip()]
    return value


def read_rows(path: Path) -> list[dict[str, Any]]:
    """The rows of a JSON list of objects or a CSV file (lists separated by ';'), from a
    file of at most MAX_FILE_BYTES holding at most MAX_ROWS rows."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ImportProblem([f"{path}: larger than {MAX_FILE_BYTES // 2**20} MB; split it"])
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig")
    except OSError as error:
        raise ImportProblem([f"{path}: cannot read: {error.strerror}"]) from None
    except UnicodeDecodeError:
        raise ImportProblem([f"{path}: not UTF-8 text"]) from None
    if path.suffix.lower() == ".json":
        try:
            rows = json.loads(text)
        except json.JSONDecodeError as error:
            raise ImportProblem([f"{path}: not valid JSON: {error}"]) from None
        except RecursionError:
            raise ImportProblem([f"{path}: not a list of practices (nested too deep)"]) from None
        if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
            raise ImportProblem([f"{path}: expected a JSON list of objects"])
    elif path.suffix.lower() == ".csv":
        try:
            rows = _csv_rows(path, text)
        except csv.Error as error:
            raise ImportProblem([f"{path}: not a well-formed CSV file: {error}"]) from None
    else:
        raise ImportProblem([f"{path}: expected a .json or .csv file"])
    if len(rows) > MAX_ROWS:
        raise ImportProblem([f"{path}: more than {MAX_ROWS} rows; split it"])
    return rows


MAX_CSV_FIELD_CHARACTERS = 131_072


def _csv_rows(path: Path, text: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for row in csv.DictReader(io.StringIO(text)):
        if None in row:
            raise ImportProblem([f"{path}: row {len(rows) + 1}: more values than columns"])
        cleaned: dict[str, Any] = {}
        for key, value in row.items():
            if value is None or value == "":
                continue
            if len(value) > MAX_CSV_FIELD_CHARACTERS:
                # csv's own limit is process-wide and other libraries raise it: checked here.
                raise csv.Error(
                    f"row {len(rows) + 1}, column {key}: a field longer than "
                    f"{MAX_CSV_FIELD_CHARACTERS:,} characters"
                )
            cleaned[key] = _split(value) if key in LIST_FIELDS else value
        rows.append(cleaned)
        if len(rows) > MAX_ROWS:
            break
    return rows


def validate_rows(rows: list[dict[str, Any]]) -> list[ImportRow]:
    """Check every row against the format and the registry; raise with every problem found."""
    problems: list[str] = []
    parsed: list[tuple[int, ImportRow]] = []
    for number, row in enumerate(rows, start=1):
        label = f"row {number}" + (f" ({row.get('external_id')})" if row.get("external_id") else "")
        bad = nul_paths(row)
        if bad:
            problems.append(f"{label}: {', '.join(bad)}: contains a NUL character")
            continue
        try:
            parsed.append((number, ImportRow.model_validate(row)))
        except ValidationError as error:
            for detail in error.errors():
                where = ".".join(str(part) for part in detail["loc"]) or "row"
                problems.append(f"{label}: {where}: {detail['msg']}")
    countries = set(Country.objects.values_list("iso3", flat=True))
    mechanisms = set(Mechanism.objects.values_list("acronym", flat=True))
    themes = set(Concept.objects.values_list("key", flat=True))
    populations = set(Population.values)
    seen: dict[str, int] = {}
    for number, valid in parsed:
        label = f"row {number} ({valid.external_id})"
        for name, values, known in (
            ("countries", valid.countries, countries),
            ("mechanisms", valid.mechanisms, mechanisms),
            ("themes", valid.themes or [], themes),
            ("populations", valid.populations, populations),
        ):
            unknown = [value for value in values if value not in known]
            if unknown:
                problems.append(f"{label}: {name}: unknown {', '.join(unknown)}")
        if valid.year and valid.period_end and valid.period_end < valid.year:
            problems.append(f"{label}: period_end: before year")
        if valid.external_id in seen:
            problems.append(f"{label}: external_id: also in row {seen[valid.external_id]}")
        seen[valid.external_id] = number
    if problems:
        raise ImportProblem(problems)
    return [row for _number, row in parsed]


def _data(row: ImportRow) -> services.PracticeData:
    links = (
        [{"title": row.source_title or row.source_url, "url": row.source_url}]
        if row.source_url
        else []
    )
    return services.PracticeData(
        title=row.title,
        summary=row.summary,
        language=row.language,
        countries=row.countries,
        body=row.body,
        mechanisms=row.mechanisms,
        themes=row.themes,
        populations=row.populations,
        year=row.year,
        period_end=row.period_end,
        implementing_institutions=row.implementing_institutions,
        partner_institutions=row.partner_institutions,
        results=row.results,
        links=links,
        external_id=row.external_id,
        submitting_country=row.countries[0],
    )


def practices_import(
    *,
    actor: Actor,
    rows: list[dict[str, Any]],
    publish: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import rows: all of them, or none if any is bad. `progress(done, total)` is told of
    each row written."""
    valid = validate_rows(rows)
    report = ImportReport()
    existing = {
        p.external_id: p
        for p in Practice.objects.filter(external_id__in=[r.external_id for r in valid])
    }
    with transaction.atomic():
        for done, row in enumerate(valid):
            if progress is not None:
                progress(done, len(valid))
            data = _data(row)
            practice = existing.get(row.external_id)
            if practice is None:
                practice = services.practice_create(actor=actor, data=data)
                report.created += 1
            else:
                practice = services.practice_update(actor=actor, practice=practice, data=data)
                report.updated += 1
            if publish and practice.status != Status.PUBLISHED:
                if practice.status in {Status.DRAFT, Status.CHANGES_REQUESTED}:
                    services.practice_submit(actor=actor, practice=practice, comment="import")
                services.practice_publish(actor=actor, practice=practice, comment="import")
                report.published += 1
            report.practices.append(practice)
        if progress is not None:
            progress(len(valid), len(valid))
    return report
