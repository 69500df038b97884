"""Importers of the real statistical files, each in its official layout.

Each reads and checks the whole file first, then replaces the dataset's observations in one
transaction: a bad file writes nothing, and importing the same file twice gives the same
database. A progress bar shows on a terminal.

One module per file layout (`undesa_stock`, `undesa_origin`, `unhcr`); `frames` reads CSV
files with pandas, `writing` replaces a dataset's rows, `common` holds what all share.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sinergia.statistics.editions import UNDESA_ORIGIN, UNDESA_STOCK, UNHCR_POPULATION
from sinergia.statistics.importers.common import (
    ImportSummary,
    Progress,
    StatisticsFileError,
    _sha256,
    no_progress,
)
from sinergia.statistics.importers.undesa_origin import import_undesa_origin
from sinergia.statistics.importers.undesa_stock import import_undesa_stock
from sinergia.statistics.importers.unhcr import import_unhcr
from sinergia.statistics.models import Dataset

__all__ = [
    "BUNDLED",
    "IMPORTERS",
    "ImportSummary",
    "Progress",
    "StatisticsFileError",
    "bundled_statistics_load",
    "import_undesa_origin",
    "import_undesa_stock",
    "import_unhcr",
    "no_progress",
]


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
