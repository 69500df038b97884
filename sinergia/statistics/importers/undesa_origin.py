"""The UN DESA 2019 matrix of migrants by destination and origin."""

from __future__ import annotations

from pathlib import Path

from sinergia.statistics.editions import UNDESA_ORIGIN
from sinergia.statistics.importers.common import (
    ImportSummary,
    Progress,
    StatisticsFileError,
    no_progress,
)
from sinergia.statistics.importers.frames import _numbers, _read_frame, _short_lines, pandas_int
from sinergia.statistics.importers.writing import _write_breakdowns
from sinergia.statistics.models import Area, AreaKind, Indicator, pack_vector


def _names_to_m49() -> dict[str, str]:
    """Country and area names as UN DESA writes them, to M49 codes (from the stock table)."""
    names = {
        name.casefold(): m49
        for m49, name in Area.objects.filter(kind=AreaKind.COUNTRY).values_list("m49", "name")
    }
    if not names:
        raise StatisticsFileError(
            "Import the UN DESA stock workbook first: it names the countries."
        )
    return names


def import_undesa_origin(path: Path, progress: Progress = no_progress) -> ImportSummary:
    """The 2019 origin–destination matrix (wide CSV: Year, Dest, one column per origin),
    kept as one row per destination and year with the persons from each origin."""
    import numpy

    frame = _read_frame(path)
    header = [str(column) for column in frame.columns]
    if header[:2] != ["Year", "Dest"] or len(header) < 50:
        raise StatisticsFileError(
            f"{path.name}: the header should start with Year, Dest and list the origins; found {header[:3]}"
        )
    _short_lines(frame, path)
    names = _names_to_m49()
    origin_columns = header[2:]
    origins = [
        names.get(column.strip().rstrip("*").strip().casefold()) for column in origin_columns
    ]
    unknown = [column for column, m49 in zip(origin_columns, origins, strict=True) if m49 is None]
    if len(unknown) > len(header) // 10:
        raise StatisticsFileError(
            f"{path.name}: {len(unknown)} origin columns are not countries: {unknown[:5]}"
        )
    years = pandas_int(frame["Year"], path.name, "Year")
    kept = numpy.flatnonzero([m49 is not None for m49 in origins])
    matrix = _numbers(frame, [origin_columns[k] for k in kept], path.name).astype("int64")
    keys = [origins[k] for k in kept]
    destinations = (
        frame["Dest"]
        .astype("string")
        .str.strip()
        .str.rstrip("*")
        .str.strip()
        .str.casefold()
        .map(names)
    )
    skipped = set(frame["Dest"][destinations.isna()].astype("string").tolist())  # regional rows
    # One row per destination: its years × origins, flattened; position p is the year
    # all_years[p // len(keys)] and the origin keys[p % len(keys)].
    all_years = sorted(set(years.tolist()))
    year_index = {year: position for position, year in enumerate(all_years)}
    by_destination: dict[str, numpy.ndarray] = {}
    for index, (destination, year) in enumerate(
        zip(destinations.tolist(), years.tolist(), strict=True)
    ):
        if not isinstance(destination, str):
            continue
        grid = by_destination.get(destination)
        if grid is None:
            grid = by_destination[destination] = numpy.zeros(
                (len(all_years), len(keys)), dtype="int64"
            )
        grid[year_index[year]] = matrix[index]
    rows: list[tuple[str, str, int | None, dict[str, int] | bytes]] = [
        (Indicator.MIGRANT_STOCK_BY_ORIGIN, destination, None, pack_vector(grid.ravel()))
        for destination, grid in by_destination.items()
    ]
    vector_keys = [f"{year}:{m49}" for year in all_years for m49 in keys]
    if not rows:
        raise StatisticsFileError(f"{path.name}: no observation found")
    summary = _write_breakdowns(UNDESA_ORIGIN, path, rows, {}, vector_keys=vector_keys)
    summary.skipped = sorted(skipped) + [f"origin column {name}" for name in unknown]
    return summary
