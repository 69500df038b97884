"""Facet tables of the published practices, held in memory as arrays.

Counting facets over a result of thousands of practices is then a `bincount`, not seven
GROUP BY queries; filters are array masks. Each process keeps its own copy, rebuilt when the
data version moves (`sinergia.data_version`, read once per request).
"""

from __future__ import annotations

import datetime
import threading
from dataclasses import dataclass

import numpy as np
from django.db.models import F

from sinergia.data_version import data_version
from sinergia.practices.models import Practice, PracticePopulation
from sinergia.practices.permissions import ANONYMOUS, visible_filter

MULTI = ("country", "subregion", "mechanism", "theme", "population")
# What the tables are made of: the published practices, tagged with the vocabulary's themes
# and the registry's countries and mechanisms.
TABLE_DOMAINS = ("practices", "vocabulary", "registry")


@dataclass
class Facet:
    """For one facet, the values of each practice, by practice position (CSR layout:
    practice p has values value_index[start[p]:start[p + 1]])."""

    values: list[str]
    start: np.ndarray  # len(practices) + 1 offsets
    value_index: np.ndarray  # index into `values`, grouped by practice position
    owner: np.ndarray  # the practice position of each entry of `value_index`

    @classmethod
    def from_pairs(
        cls, values: list[str], positions: np.ndarray, value_index: np.ndarray, size: int
    ) -> Facet:
        order = np.argsort(positions, kind="stable")
        positions, value_index = positions[order], value_index[order]
        start = np.searchsorted(positions, np.arange(size + 1))
        return cls(
            values, start.astype(np.int64), value_index.astype(np.int64), positions.astype(np.int64)
        )

    def mask_of(self, wanted: set[str], size: int) -> np.ndarray:
        """Practices having any of the wanted values."""
        codes = [i for i, value in enumerate(self.values) if value in wanted]
        hit = np.isin(self.value_index, codes)
        # Hits per practice, from a running total: empty ranges (practices without a value
        # for this facet, at the end too) count zero.
        running = np.concatenate(([0], np.cumsum(hit, dtype=np.int64)))
        return (running[self.start[1:]] - running[self.start[:-1]]) > 0

    def counts(
        self, selected: np.ndarray, positions: np.ndarray | None = None
    ) -> list[tuple[str, int]]:
        """How many selected practices have each value, most frequent first. With few
        practices selected, only their values are read (`positions`)."""
        if positions is not None and len(positions) * 8 < len(selected):
            starts, ends = self.start[positions], self.start[positions + 1]
            lengths = ends - starts
            offsets = np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
            picked = self.value_index[np.arange(int(lengths.sum())) + offsets]
        else:
            picked = self.value_index[selected[self.owner]]
        totals = np.bincount(picked, minlength=len(self.values))
        order = np.flatnonzero(totals)
        return sorted(
            ((self.values[i], int(totals[i])) for i in order), key=lambda pair: (-pair[1], pair[0])
        )

    def of(self, position: int) -> list[str]:
        return [
            self.values[i]
            for i in self.value_index[self.start[position] : self.start[position + 1]]
        ]


@dataclass
class FacetTables:
    version: int  # the data version's token they were built at
    ids: np.ndarray  # practice ids, sorted
    recency: np.ndarray  # rank by publication date, 0 = newest
    facets: dict[str, Facet]

    def positions_of(self, practice_ids: np.ndarray) -> np.ndarray:
        """Positions of the given ids (ids not in the table are dropped)."""
        positions = np.searchsorted(self.ids, practice_ids)
        positions = np.clip(positions, 0, max(len(self.ids) - 1, 0))
        found = len(self.ids) > 0
        keep = self.ids[positions] == practice_ids if found else np.zeros(len(practice_ids), bool)
        return positions[keep]


def _single(values_by_position: list[object]) -> Facet:
    values = sorted({str(value) for value in values_by_position if value is not None})
    index = {value: i for i, value in enumerate(values)}
    pairs = [(p, index[str(v)]) for p, v in enumerate(values_by_position) if v is not None]
    return Facet.from_pairs(
        values,
        np.array([p for p, _v in pairs], dtype=np.int64),
        np.array([v for _p, v in pairs], dtype=np.int64),
        len(values_by_position),
    )


def _multi(rows: list[tuple[int, str]], ids: np.ndarray) -> Facet:
    """A facet of several values per practice from (practice id, value) rows, in arrays:
    a hundred thousand practices' rows are sorted and placed without a Python loop."""
    rows = list(set(rows))  # a value given twice counts once
    empty = np.zeros(0, dtype=np.int64)
    if not rows:
        return Facet.from_pairs([], empty, empty, len(ids))
    practice_ids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
    values = sorted({str(row[1]) for row in rows})
    index = {value: i for i, value in enumerate(values)}
    codes = np.fromiter((index[str(row[1])] for row in rows), dtype=np.int64, count=len(rows))
    positions = np.minimum(np.searchsorted(ids, practice_ids), max(len(ids) - 1, 0))
    known = ids[positions] == practice_ids if len(ids) else np.zeros(len(rows), dtype=bool)
    return Facet.from_pairs(values, positions[known], codes[known], len(ids))


def build_tables(version: int) -> FacetTables:
    rows = list(
        Practice.objects.filter(visible_filter(ANONYMOUS))
        .order_by("id")
        .values_list("id", "language", "year", "published_at")
    )
    ids = np.array([row[0] for row in rows], dtype=np.int64)
    oldest = datetime.datetime.min.replace(tzinfo=datetime.UTC)
    newest_first = sorted(
        range(len(rows)), key=lambda k: (rows[k][3] or oldest, rows[k][0]), reverse=True
    )
    recency = np.empty(len(rows), dtype=np.int64)
    recency[np.array(newest_first, dtype=np.int64)] = np.arange(len(rows))
    published = Practice.objects.filter(visible_filter(ANONYMOUS))
    through = {
        "country": Practice.countries.through.objects.filter(practice__in=published).values_list(
            "practice_id", F("country__iso3")
        ),
        "subregion": Practice.countries.through.objects.filter(practice__in=published).values_list(
            "practice_id", F("country__subregion__key")
        ),
        "mechanism": Practice.mechanisms.through.objects.filter(practice__in=published).values_list(
            "practice_id", F("mechanism__acronym")
        ),
        "theme": Practice.themes.through.objects.filter(practice__in=published).values_list(
            "practice_id", F("concept__key")
        ),
        "population": PracticePopulation.objects.filter(practice__in=published).values_list(
            "practice_id", "population"
        ),
    }
    facets = {name: _multi(list(query), ids) for name, query in through.items()}
    facets["language"] = _single([row[1] for row in rows])
    facets["year"] = _single([row[2] for row in rows])
    return FacetTables(version, ids, recency, facets)


_lock = threading.Lock()
_tables: FacetTables | None = None


def facet_tables() -> FacetTables:
    """The facet tables for the data as they are now."""
    global _tables
    version = data_version(*TABLE_DOMAINS).token
    tables = _tables
    if tables is None or tables.version != version:
        with _lock:
            tables = _tables
            if tables is None or tables.version != version:  # not rebuilt while waiting
                tables = build_tables(version)
                _tables = tables
    return tables
