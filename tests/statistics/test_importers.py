"""The importers: real files load idempotently; broken files are refused and change nothing."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from sinergia.statistics.importers import bundled_statistics_load
from sinergia.statistics.models import Observation

pytestmark = pytest.mark.django_db
DATA = Path(settings.SINERGIA_DATA_DIR) / "statistics"


def _count() -> int:
    return Observation.objects.count()


def test_reimporting_the_same_files_changes_nothing():
    before = _count()
    assert bundled_statistics_load() == []  # same checksums: skipped
    call_command("stats", "import", "unhcr", str(DATA / "unhcr_population_2015_2025.csv"))
    assert _count() == before


def _refused(kind: str, path: Path, message: str, capsys=None) -> None:
    before = _count()
    with pytest.raises(CommandError, match=message):
        call_command("stats", "import", kind, str(path))
    assert _count() == before


def test_a_workbook_in_another_layout_is_refused(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Table 1"
    sheet.append(["a", "b"])
    path = tmp_path / "stock.xlsx"
    workbook.save(path)
    _refused("undesa-stock", path, "Table 1 has 1 rows")


def test_a_workbook_whose_header_moved_is_refused(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Table 1"
    for _ in range(10):
        sheet.append([None])
    sheet.append([None, "Country", "Notes", "Code", "Type", *range(1990, 2011)])
    sheet.append([1, "WORLD", None, 900, "", *[1] * 21])
    path = tmp_path / "stock.xlsx"
    workbook.save(path)
    _refused("undesa-stock", path, "row 11 should read")


def test_not_a_workbook(tmp_path):
    path = tmp_path / "stock.xlsx"
    path.write_text("hello")
    _refused("undesa-stock", path, "not an Excel workbook")


def test_unhcr_file_with_a_wrong_header_or_value(tmp_path):
    path = tmp_path / "unhcr.csv"
    path.write_text("year,country,refugees\n2020,COL,5\n")
    _refused("unhcr", path, "header should start with")
    original = (DATA / "unhcr_population_2015_2025.csv").read_text().splitlines()
    cells = next(csv.reader([original[100]]))
    cells[7] = "many"  # refugees
    broken = [*original[:100], ",".join(f'"{cell}"' for cell in cells), *original[101:200]]
    path.write_text("\n".join(broken) + "\n")
    _refused("unhcr", path, "line 101, refugees")


def test_origin_matrix_with_a_short_line(tmp_path):
    path = tmp_path / "origin.csv"
    lines = (DATA / "UN_MigrantStockByOriginAndDestination_2019_clean.csv").read_text().splitlines()
    path.write_text("\n".join([*lines[:5], "1990,Chile,1,2"]) + "\n")
    _refused("undesa-origin", path, "line 6 has fewer values than the header")


def test_a_file_that_does_not_exist(tmp_path):
    _refused("unhcr", tmp_path / "missing.csv", "cannot read")


def test_the_real_workbook_imports_again_the_same(tmp_path):
    copy = tmp_path / "stock.xlsx"
    shutil.copy(DATA / "undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx", copy)
    before = _count()
    call_command("stats", "import", "undesa-stock", str(copy))
    assert _count() == before


def test_the_import_reports_every_value_it_stored(tmp_path, capsys):
    copy = tmp_path / "origin.csv"
    shutil.copy(DATA / "UN_MigrantStockByOriginAndDestination_2019_clean.csv", copy)
    call_command("stats", "import", "undesa-origin", str(copy))
    assert "undesa-origin-2019: 76,431 observations" in capsys.readouterr().out
