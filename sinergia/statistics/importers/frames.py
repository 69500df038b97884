"""CSV files read with pandas, checked line by line: numbers, years, short lines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sinergia.inputs import EARLIEST_YEAR, LATEST_YEAR
from sinergia.statistics.importers.common import StatisticsFileError


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
