"""Replace a dataset's observations or breakdowns in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction
from django.utils import timezone

from sinergia.accounts.services import audit_record
from sinergia.statistics.editions import DatasetInfo
from sinergia.statistics.importers.common import ImportSummary, Progress, _sha256
from sinergia.statistics.models import Area, Breakdown, Dataset, Observation


@dataclass
class _Rows:
    """Observations ready to write: (indicator, area m49, origin m49 or None, year, sex, value)."""

    areas: dict[str, tuple[str, str, str]] = field(
        default_factory=dict
    )  # m49 -> (iso3, name, kind)
    values: list[tuple[str, str, str | None, int, str, int]] = field(default_factory=list)


def _dataset(info: DatasetInfo, path: Path, vector_keys: list[str] | None = None) -> Dataset:
    """The dataset row, created or brought up to date with the file being imported."""
    fields = {
        "title": info.title,
        "publisher": info.publisher,
        "edition": info.edition,
        "licence": info.licence,
        "citation": info.citation,
        "url": info.url,
        "file_sha256": _sha256(path),
        "imported_at": timezone.now(),
        "vector_keys": vector_keys or [],
    }
    # One UPDATE in the usual case (re-import); update_or_create would read, then save.
    if Dataset.objects.filter(key=info.key).update(**fields):
        dataset = Dataset.objects.only("id").get(key=info.key)
    else:
        dataset = Dataset.objects.create(key=info.key, **fields)
    # In the import's transaction: the audit trail names the file, and the data version moves.
    audit_record(
        actor=None,
        actor_fallback="statistics import",
        action="dataset.import",
        target=dataset,
        summary=f"{info.key}: {path.name}",
        changes={"file_sha256": fields["file_sha256"]},
    )
    return dataset


def _area_ids(areas: dict[str, tuple[str, str, str]]) -> dict[str, int]:
    """Create the areas not yet known; {M49: id} of every area."""
    existing = set(Area.objects.values_list("m49", flat=True))
    Area.objects.bulk_create(
        [
            Area(m49=m49, iso3=iso3, name=name, kind=kind)
            for m49, (iso3, name, kind) in areas.items()
            if m49 not in existing
        ]
    )
    return dict(Area.objects.values_list("m49", "id"))


def _write(info: DatasetInfo, path: Path, rows: _Rows, progress: Progress) -> ImportSummary:
    """Replace the dataset's observations with `rows`, in one transaction."""
    with transaction.atomic():
        dataset = _dataset(info, path)
        area_ids = _area_ids(rows.areas)
        Observation.objects.filter(dataset=dataset).delete()
        table = Observation._meta.db_table
        # executemany on the raw table: the ORM would take several times longer here.
        sql = (
            f"INSERT INTO {table} (dataset_id, indicator, area_id, origin_id, year, sex, value) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s)"
        )
        chunk = 20_000
        with connection.cursor() as cursor:
            for start in progress(
                range(0, len(rows.values), chunk), -(-len(rows.values) // chunk), "writing"
            ):
                cursor.executemany(
                    sql,
                    [
                        (
                            dataset.pk,
                            indicator,
                            area_ids[area],
                            area_ids[origin] if origin else None,
                            year,
                            sex,
                            value,
                        )
                        for indicator, area, origin, year, sex, value in rows.values[
                            start : start + chunk
                        ]
                    ],
                )
    return ImportSummary(info.key, len(rows.values), len(rows.areas))


def _write_breakdowns(
    info: DatasetInfo,
    path: Path,
    rows: list[tuple[str, str, int | None, dict[str, int] | bytes]],
    areas: dict[str, tuple[str, str, str]],
    vector_keys: list[str] | None = None,
) -> ImportSummary:
    """Replace the dataset's breakdowns with `rows` (indicator, area M49, year, and a dict of
    values or a packed vector)."""
    import json

    with transaction.atomic():
        dataset = _dataset(info, path, vector_keys or [])
        area_ids = _area_ids(areas)
        Observation.objects.filter(dataset=dataset).delete()
        Breakdown.objects.filter(dataset=dataset).delete()
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {Breakdown._meta.db_table} "
                '(dataset_id, indicator, area_id, year, "values", vector) VALUES (%s, %s, %s, %s, %s, %s)',
                [
                    (
                        dataset.pk,
                        indicator,
                        area_ids[area],
                        year,
                        "{}" if isinstance(values, bytes) else json.dumps(values),
                        values if isinstance(values, bytes) else None,
                    )
                    for indicator, area, year, values in rows
                ],
            )
    count = sum(  # a packed vector starts with its count of values
        int.from_bytes(values[:4], "little") if isinstance(values, bytes) else len(values)
        for *_rest, values in rows
    )
    return ImportSummary(info.key, count, len(areas))
