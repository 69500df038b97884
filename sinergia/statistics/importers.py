"""Importers of the real statistical files, each in its official layout.

Each reads and checks the whole file first, then replaces the dataset's observations in one
transaction: a bad file writes nothing, and importing the same file twice gives the same
database. A progress bar shows on a terminal.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycountry
from django.db import connection, transaction
from django.utils import timezone

from sinergia.accounts.services import audit_record
from sinergia.inputs import EARLIEST_YEAR, LATEST_YEAR
from sinergia.statistics.models import (
    Area,
    AreaKind,
    Breakdown,
    Dataset,
    Indicator,
    Observation,
    Sex,
    pack_vector,
)

YEARS = (1990, 1995, 2000, 2005, 2010, 2015, 2020)

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
AMERICAS = "019"  # not a DESA row: the sum of Northern America and Latin America and the Caribbean

Progress = Callable[[Iterable[Any], int, str], Iterable[Any]]


def no_progress(items: Iterable[Any], total: int, label: str) -> Iterable[Any]:
    return items


class StatisticsFileError(Exception):
    """The file is not what the importer expects; nothing was written."""


@dataclass
class ImportSummary:
    dataset: str
    observations: int
    areas: int
    skipped: list[str] = field(default_factory=list)


# Part of every stored checksum: raising it makes `sinergia init` import the bundled files
# again after a change in how they are stored.
IMPORTER_VERSION = b"sinergia-statistics-3"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256(IMPORTER_VERSION)
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _area_iso3(m49: str) -> str:
    country = pycountry.countries.get(numeric=m49)
    return country.alpha_3 if country else ""


@dataclass(frozen=True)
class DatasetInfo:
    key: str
    title: str
    publisher: str
    edition: str
    licence: str
    citation: str
    url: str


UNDESA_STOCK = DatasetInfo(
    key="undesa-stock-2020",
    title="International Migrant Stock 2020: Destination (Table 1)",
    publisher="United Nations Department of Economic and Social Affairs, Population Division",
    edition="2020 (POP/DB/MIG/Stock/Rev.2020)",
    licence="CC BY 3.0 IGO",
    citation="United Nations Department of Economic and Social Affairs, Population Division (2020). "
    "International Migrant Stock 2020.",
    url="https://www.un.org/development/desa/pd/content/international-migrant-stock",
)
UNDESA_ORIGIN = DatasetInfo(
    key="undesa-origin-2019",
    title="International Migrant Stock 2019: by destination and origin",
    publisher="United Nations Department of Economic and Social Affairs, Population Division",
    edition="2019 (POP/DB/MIG/Stock/Rev.2019), cleaned wide extract",
    licence="CC BY 3.0 IGO",
    citation="United Nations Department of Economic and Social Affairs, Population Division (2019). "
    "International Migrant Stock 2019.",
    url="https://www.un.org/development/desa/pd/content/international-migrant-stock",
)
UNHCR_POPULATION = DatasetInfo(
    key="unhcr-population",
    title="Refugee Population Statistics Database: population figures",
    publisher="Office of the United Nations High Commissioner for Refugees (UNHCR)",
    edition="refugees R package 2025.12.1 (Global Trends 2025), 2015 onwards",
    licence="CC BY 4.0",
    citation="UNHCR Refugee Population Statistics Database, https://www.unhcr.org/refugee-statistics/",
    url="https://www.unhcr.org/refugee-statistics/",
)


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


def _number(value: Any, where: str) -> int | None:
    if value is None or value == "" or value == "..":
        return None
    try:
        if isinstance(value, int | float):
            return int(value)
        return int(float(str(value).replace(",", "").replace(" ", "")))
    except (ValueError, OverflowError):  # "abc", NaN, infinity
        raise StatisticsFileError(f"{where}: {value!r} is not a number") from None


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
    if years_found != list(YEARS) * 3:
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
            for index, year in enumerate(YEARS):
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
        if area in {"021", "419"}:
            key = (indicator, year, sex)
            parts[key] = parts.get(key, 0) + value
            seen[key] = seen.get(key, 0) + 1
    rows.areas[AMERICAS] = ("", "Americas", AreaKind.REGION)
    for (indicator, year, sex), total in parts.items():
        if seen[(indicator, year, sex)] == 2:
            rows.values.append((indicator, AMERICAS, None, year, sex, total))


def _read_frame(path: Path, categories: tuple[str, ...] = ()) -> Any:
    """The CSV as a pandas DataFrame (pandas' C parser: the file crosses into Python once)."""
    import pandas

    try:
        # "-" and ".." mean "no figure" in these files: the C parser reads them as missing.
        return pandas.read_csv(
            path,
            encoding="utf-8",
            low_memory=False,
            na_values=["-", ".."],
            dtype=dict.fromkeys(categories, "category") or None,
        )
    except FileNotFoundError:
        raise StatisticsFileError(f"{path.name}: cannot read (no such file)") from None
    except UnicodeDecodeError:
        raise StatisticsFileError(f"{path.name}: not UTF-8 text") from None
    except pandas.errors.EmptyDataError:
        raise StatisticsFileError(f"{path.name}: empty file") from None
    except pandas.errors.ParserError as error:
        raise StatisticsFileError(f"{path.name}: not a well-formed CSV ({error})") from None


def _numbers(frame: Any, columns: list[str], name: str) -> Any:
    """The columns as numbers; "-" and ".." are missing; anything else that is not a number
    is an error naming the line and the column."""
    import numpy
    import pandas

    block = (
        frame[columns]
        if list(columns) != list(frame.columns[-len(columns) :])
        else frame.iloc[:, -len(columns) :]
    )
    textual = [
        column for column in block.columns if not pandas.api.types.is_numeric_dtype(block[column])
    ]
    for column in textual:
        raw = block[column]
        converted = pandas.to_numeric(raw.replace({"-": None, "..": None}), errors="coerce")
        bad = converted.isna() & raw.notna() & ~raw.isin(["-", ".."])
        if bad.any():
            line = int(numpy.flatnonzero(bad.to_numpy())[0]) + 2
            raise StatisticsFileError(
                f"{name}: line {line}, {column}: {raw[bad].iloc[0]!r} is not a number"
            )
        block = block.assign(**{column: converted})
    return block.to_numpy(dtype="float64", na_value=0.0)


def _short_lines(frame: Any, path: Path) -> None:
    """Refuse a line with fewer values than the header. pandas fills such a line with
    missing values; counting the separators of the lines whose last value is missing tells
    it from a real "no figure" (a quoted name may add commas, never remove them)."""
    import numpy

    suspects = numpy.flatnonzero(frame.iloc[:, -1].isna().to_numpy())
    if not len(suspects):
        return
    expected = len(frame.columns) - 1
    lines = path.read_bytes().splitlines()
    for row in suspects.tolist():
        line = lines[row + 1] if row + 1 < len(lines) else b""
        if line.count(b",") < expected:
            raise StatisticsFileError(
                f"{path.name}: line {row + 2} has fewer values than the header"
            )


@lru_cache(maxsize=512)
def _country_by_iso3(iso3: str) -> Any:
    return pycountry.countries.get(alpha_3=iso3) if iso3 else None


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


def pandas_int(column: Any, name: str, label: str) -> Any:
    import pandas

    numbers = pandas.to_numeric(column, errors="coerce")
    # A year outside the calendar Sinergia keeps is refused: the UNHCR table is summed over
    # an array as long as the span of its years.
    bad = numbers.isna() | (numbers < EARLIEST_YEAR) | (numbers > LATEST_YEAR)
    if bad.any():
        line = int(bad.to_numpy().nonzero()[0][0]) + 2
        raise StatisticsFileError(
            f"{name}: line {line}, {label}: {column.iloc[line - 2]!r} is not a year"
        )
    return numbers.astype("int64").to_numpy()


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


IMPORTERS: dict[str, Callable[[Path, Progress], ImportSummary]] = {
    "undesa-stock": import_undesa_stock,
    "undesa-origin": import_undesa_origin,
    "unhcr": import_unhcr,
}

BUNDLED = [
    ("undesa-stock", "undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx"),
    ("undesa-origin", "UN_MigrantStockByOriginAndDestination_2019_clean.csv"),
    ("unhcr", "unhcr_population_2015_2025.csv"),
]


def bundled_statistics_load(progress: Progress = no_progress) -> list[ImportSummary]:
    """Import the statistics shipped with Sinergia, skipping files already imported as they
    are (same checksum): `sinergia init` stays fast and idempotent."""
    from django.conf import settings

    folder = settings.SINERGIA_DATA_DIR / "statistics"
    done = []
    keys = {
        "undesa-stock": UNDESA_STOCK.key,
        "undesa-origin": UNDESA_ORIGIN.key,
        "unhcr": UNHCR_POPULATION.key,
    }
    for kind, name in BUNDLED:
        path = folder / name
        current = (
            Dataset.objects.filter(key=keys[kind]).values_list("file_sha256", flat=True).first()
        )
        if current == _sha256(path):
            continue
        done.append(IMPORTERS[kind](path, progress))
    return done
