"""The UN DESA International Migrant Stock 2020 workbook, by sex and destination."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pycountry

from sinergia.regions import AMERICAS, AMERICAS_PARTS
from sinergia.statistics.editions import STOCK_YEARS, UNDESA_STOCK
from sinergia.statistics.importers.common import (
    ImportSummary,
    Progress,
    StatisticsFileError,
    _number,
    no_progress,
)
from sinergia.statistics.importers.writing import _Rows, _write
from sinergia.statistics.models import AreaKind, Indicator, Sex

# UN DESA's own codes for regions, and their standard UN M49 codes. Other DESA groups
# (SDG regions, income and development groups) have no M49 code and are not kept.
DESA_TO_M49 = {
    "900": ("001", AreaKind.WORLD),
    "903": ("002", AreaKind.REGION), "935": ("142", AreaKind.REGION),
    "908": ("150", AreaKind.REGION), "909": ("009", AreaKind.REGION),
    "904": ("419", AreaKind.REGION), "905": ("021", AreaKind.REGION),
    "910": ("014", AreaKind.SUBREGION), "911": ("017", AreaKind.SUBREGION),
    "912": ("015", AreaKind.SUBREGION), "913": ("018", AreaKind.SUBREGION),
    "914": ("011", AreaKind.SUBREGION), "5500": ("143", AreaKind.SUBREGION),
    "906": ("030", AreaKind.SUBREGION), "920": ("035", AreaKind.SUBREGION),
    "5501": ("034", AreaKind.SUBREGION), "922": ("145", AreaKind.SUBREGION),
    "923": ("151", AreaKind.SUBREGION), "924": ("154", AreaKind.SUBREGION),
    "925": ("039", AreaKind.SUBREGION), "926": ("155", AreaKind.SUBREGION),
    "915": ("029", AreaKind.SUBREGION), "916": ("013", AreaKind.SUBREGION),
    "931": ("005", AreaKind.SUBREGION), "927": ("053", AreaKind.SUBREGION),
    "928": ("054", AreaKind.SUBREGION), "954": ("057", AreaKind.SUBREGION),
    "957": ("061", AreaKind.SUBREGION),
}  # fmt: skip


def _area_iso3(m49: str) -> str:
    country = pycountry.countries.get(numeric=m49)
    return country.alpha_3 if country else ""


# The sheets read from the workbook: name, indicator, and the unit the sheet counts in.
STOCK_SHEETS = [
    ("Table 1", Indicator.MIGRANT_STOCK, 1),
    ("Table 2", Indicator.POPULATION, 1000),  # thousands of persons
]


def import_undesa_stock(path: Path, progress: Progress = no_progress) -> ImportSummary:
    """The UN DESA International Migrant Stock 2020 workbook by sex and destination, in its
    official layout: Table 1 (migrant stock) and Table 2 (total population, thousands).
    In each, the header is on row 11 and the data start on row 12: name, notes, location
    code, type of data, then 1990–2020 for both sexes, males and females."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - any unreadable file gets the same answer
        raise StatisticsFileError(
            f"{path.name}: not an Excel workbook ({type(error).__name__})"
        ) from None
    result = _Rows()
    try:
        for sheet_name, indicator, unit in STOCK_SHEETS:
            if sheet_name not in workbook.sheetnames:
                raise StatisticsFileError(
                    f"{path.name}: no sheet named '{sheet_name}' (sheets: {', '.join(workbook.sheetnames)})"
                )
            rows = list(workbook[sheet_name].iter_rows(min_row=1, values_only=True))
            _read_stock_sheet(path.name, sheet_name, rows, indicator, unit, result, progress)
    finally:
        workbook.close()
    if not any(area[2] == AreaKind.COUNTRY for area in result.areas.values()):
        raise StatisticsFileError(f"{path.name}: no country rows found in Table 1")
    _add_americas(result)
    return _write(UNDESA_STOCK, path, result, progress)


def _read_stock_sheet(
    file: str,
    sheet: str,
    rows: list[tuple[Any, ...]],
    indicator: str,
    unit: int,
    result: _Rows,
    progress: Progress,
) -> None:
    if len(rows) < 12:
        raise StatisticsFileError(f"{file}: {sheet} has {len(rows)} rows; the data start on row 12")
    header = [str(cell).strip() if cell is not None else "" for cell in rows[10]]
    expected = [
        "Region, development group, country or area",
        "Notes",
        "Location code",
        "Type of data",
    ]
    if header[1:5] != expected:
        raise StatisticsFileError(
            f"{file}: {sheet}, row 11 should read {expected}, found {header[1:5]}"
        )
    years_found = [rows[10][column] if column < len(rows[10]) else None for column in range(5, 26)]
    if years_found != list(STOCK_YEARS) * 3:
        raise StatisticsFileError(
            f"{file}: {sheet}, row 11, columns F to Z should be the years 1990–2020 three times "
            f"(both sexes, male, female), found {years_found}"
        )
    for number, row in enumerate(progress(rows[11:], len(rows) - 11, sheet), start=12):
        if len(row) < 26 or row[3] is None:
            continue  # blank lines and footnotes
        code = str(row[3]).strip().removesuffix(".0")
        name = str(row[1] or "").strip().rstrip("*").strip()
        if code in DESA_TO_M49:
            m49, kind = DESA_TO_M49[code]
        elif re.fullmatch(r"[0-9]{1,3}", code) and int(code) < 900:
            m49, kind = code.zfill(3), AreaKind.COUNTRY
        else:
            continue  # SDG regions, development and income groups: no M49 code
        result.areas.setdefault(
            m49, (_area_iso3(m49) if kind == AreaKind.COUNTRY else "", name, kind)
        )
        for offset, sex in ((5, Sex.TOTAL), (12, Sex.MALE), (19, Sex.FEMALE)):
            for index, year in enumerate(STOCK_YEARS):
                cell = row[offset + index]
                where = f"{file}: {sheet}, row {number} ({name}), {year}"
                if unit != 1 and isinstance(cell, int | float):
                    value: int | None = round(cell * unit)
                else:
                    value = _number(cell, where)
                if value is not None:
                    result.values.append((indicator, m49, None, year, sex, value))


def _add_americas(rows: _Rows) -> None:
    """The Americas (M49 019) as UN DESA's two regions of the hemisphere added together."""
    parts: dict[tuple[str, int, str], int] = {}
    seen: dict[tuple[str, int, str], int] = {}
    for indicator, area, _origin, year, sex, value in rows.values:
        if area in AMERICAS_PARTS[AMERICAS]:
            key = (indicator, year, sex)
            parts[key] = parts.get(key, 0) + value
            seen[key] = seen.get(key, 0) + 1
    rows.areas[AMERICAS] = ("", "Americas", AreaKind.REGION)
    for (indicator, year, sex), total in parts.items():
        if seen[(indicator, year, sex)] == 2:
            rows.values.append((indicator, AMERICAS, None, year, sex, total))
