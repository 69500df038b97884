"""UNHCR's population statistics: refugees, asylum seekers, other people in need."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import pycountry

from sinergia.statistics.editions import UNHCR_POPULATION
from sinergia.statistics.importers.common import (
    ImportSummary,
    Progress,
    StatisticsFileError,
    no_progress,
)
from sinergia.statistics.importers.frames import _numbers, _read_frame, _short_lines, pandas_int
from sinergia.statistics.importers.writing import _write_breakdowns
from sinergia.statistics.models import AreaKind, Indicator


@lru_cache(maxsize=512)
def _country_by_iso3(iso3: str) -> Any:
    return pycountry.countries.get(alpha_3=iso3) if iso3 else None


UNHCR_COLUMNS = [
    "year",
    "coo_name",
    "coo",
    "coo_iso",
    "coa_name",
    "coa",
    "coa_iso",
    "refugees",
    "asylum_seekers",
]


UNHCR_MEASURES = [
    ("refugees", Indicator.REFUGEES, Indicator.REFUGEES_FROM),
    ("asylum_seekers", Indicator.ASYLUM_SEEKERS, Indicator.ASYLUM_SEEKERS_FROM),
    ("oip", Indicator.OTHER_IN_NEED, Indicator.OTHER_IN_NEED_FROM),
]


def import_unhcr(path: Path, progress: Progress = no_progress) -> ImportSummary:
    """UNHCR population statistics (the `refugees` package's population table as CSV):
    refugees, asylum seekers and other people in need of international protection, summed
    by country of asylum and by country of origin, as one yearly series per country."""
    import numpy

    frame = _read_frame(path, categories=("coa_iso", "coo_iso"))
    header = [str(column) for column in frame.columns]
    if header[: len(UNHCR_COLUMNS)] != UNHCR_COLUMNS or "oip" not in header:
        raise StatisticsFileError(
            f"{path.name}: the header should start with {UNHCR_COLUMNS} and include oip; found {header[:9]}"
        )
    _short_lines(frame, path)
    years = pandas_int(frame["year"], path.name, "year")
    measures = [column for column, _hosted, _from in UNHCR_MEASURES]
    numbers = _numbers(frame, measures, path.name)
    year_base = int(years.min()) if len(years) else 0
    span = int(years.max()) - year_base + 1 if len(years) else 1
    rows: list[tuple[str, str, int | None, dict[str, int] | bytes]] = []
    areas: dict[str, tuple[str, str, str]] = {}
    for iso_column, role in progress([("coa_iso", 1), ("coo_iso", 2)], 2, "summing"):
        # Sum by (country, year) with bincount: faster than a groupby on strings.
        # The parser read the codes as categories: their integer codes group the rows.
        codes = frame[iso_column].cat.codes.to_numpy()
        isos = [str(iso) for iso in frame[iso_column].cat.categories.tolist()]
        valid = codes >= 0
        keys = codes[valid] * span + (years[valid] - year_base)
        size = len(isos) * span
        series: dict[tuple[str, str], dict[str, int]] = {}
        for position, (_column, hosted, originating) in enumerate(UNHCR_MEASURES):
            measure = str(hosted if role == 1 else originating)
            totals = numpy.bincount(keys, weights=numbers[valid, position], minlength=size)
            for key in numpy.flatnonzero(totals).tolist():
                iso = str(isos[key // span])
                series.setdefault((iso, measure), {})[str(year_base + key % span)] = int(
                    totals[key]
                )
        for (iso, indicator), values_by_year in series.items():
            country = _country_by_iso3(iso)
            if country is None:
                continue  # stateless, unknown or various origins
            areas.setdefault(country.numeric, (country.alpha_3, country.name, AreaKind.COUNTRY))
            rows.append((indicator, country.numeric, None, values_by_year))
    if not rows:
        raise StatisticsFileError(f"{path.name}: no observation found")
    return _write_breakdowns(UNHCR_POPULATION, path, rows, areas)
