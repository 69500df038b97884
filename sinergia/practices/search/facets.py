"""Facet tables of the published practices, held in memory as arrays.

Counting facets over a result of thousands of practices is then a `bincount`, not seven
GROUP BY queries; filters are array masks. Each process keeps its own copy, rebuilt when the
data version moves (`sinergia.data_version`, read once per request).
"""

from __future__ import annotations

import datetime
import threading
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
from django.db.models import F, QuerySet
from django.utils import timezone

from sinergia.data_version import data_version
from sinergia.practices.models import Practice, PracticePopulation
from sinergia.practices.permissions import ANONYMOUS, visible_filter

MULTI = ("country", "subregion", "mechanism", "theme", "population")
# What the tables are made of: the published practices, tagged with the vocabulary's themes
# and the registry's countries and mechanisms.
TABLE_DOMAINS = ("practices", "vocabulary", "registry")
BASE_DOMAINS = ("vocabulary", "registry")


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
    # What an update after a publication needs: the version of the data the tables are tagged
    # with (the vocabulary's and the registry's), when they were read, and each practice's
    # publication time (microseconds, by position).
    base_version: int = 0
    read_at: datetime.datetime | None = None
    published: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    @cached_property
    def position_by_id(self) -> np.ndarray:
        """The position of each practice id (-1 for ids not in the tables), indexed by id:
        ids are the database's, dense, so that looking up thousands is one indexing."""
        lookup = np.full(int(self.ids[-1]) + 1 if len(self.ids) else 0, -1, dtype=np.int64)
        lookup[self.ids] = np.arange(len(self.ids))
        return lookup

    def positions_of(self, practice_ids: np.ndarray) -> np.ndarray:
        """Positions of the given ids (ids not in the tables are dropped)."""
        lookup = self.position_by_id
        inside = practice_ids[(practice_ids >= 0) & (practice_ids < len(lookup))]
        positions = lookup[inside]
        return positions[positions >= 0]


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


def _practice_rows(published: QuerySet[Practice]) -> list[tuple[Any, ...]]:
    return list(published.order_by("id").values_list("id", "language", "year", "published_at"))


def _pairs(published: QuerySet[Practice]) -> dict[str, list[tuple[int, str]]]:
    """(practice id, value) of the facets of several values, for these practices."""
    countries = Practice.countries.through.objects.filter(practice__in=published)
    return {
        "country": list(countries.values_list("practice_id", F("country__iso3"))),
        "subregion": list(countries.values_list("practice_id", F("country__subregion__key"))),
        "mechanism": list(
            Practice.mechanisms.through.objects.filter(practice__in=published).values_list(
                "practice_id", F("mechanism__acronym")
            )
        ),
        "theme": list(
            Practice.themes.through.objects.filter(practice__in=published).values_list(
                "practice_id", F("concept__key")
            )
        ),
        "population": list(
            PracticePopulation.objects.filter(practice__in=published).values_list(
                "practice_id", "population"
            )
        ),
    }


def _single_pairs(rows: list[tuple[Any, ...]]) -> dict[str, list[tuple[int, str]]]:
    return {
        "language": [(row[0], row[1]) for row in rows if row[1] is not None],
        "year": [(row[0], row[2]) for row in rows if row[2] is not None],
    }


def _microseconds(moment: datetime.datetime | None) -> int:
    return int(moment.timestamp() * 1_000_000) if moment else -(2**62)


def _recency(ids: np.ndarray, published: np.ndarray) -> np.ndarray:
    """Rank by publication, 0 = newest (the higher id first among equals)."""
    newest_first = np.lexsort((-ids, -published))
    recency = np.empty(len(ids), dtype=np.int64)
    recency[newest_first] = np.arange(len(ids))
    return recency


def build_tables(version: int, base_version: int = 0) -> FacetTables:
    """The tables of every published practice, read afresh."""
    read_at = timezone.now()
    published_practices = Practice.objects.filter(visible_filter(ANONYMOUS))
    rows = _practice_rows(published_practices)
    ids = np.array([row[0] for row in rows], dtype=np.int64)
    published = np.array([_microseconds(row[3]) for row in rows], dtype=np.int64)
    pairs = {**_pairs(published_practices), **_single_pairs(rows)}
    facets = {name: _multi(pairs[name], ids) for name in (*MULTI, "language", "year")}
    return FacetTables(
        version, ids, _recency(ids, published), facets, base_version, read_at, published
    )


# Practices changed this long before the tables were read are read again too: the clocks of
# the app servers that stamp `updated_at` may differ, and a write commits after its stamp.
UPDATE_MARGIN = datetime.timedelta(minutes=10)
# Beyond this many practices changed (an import), the tables are read afresh.
UPDATE_LIMIT = 500


def _merged(
    facet: Facet,
    old_ids: np.ndarray,
    keep: np.ndarray,
    fresh: list[tuple[int, str]],
    ids: np.ndarray,
) -> Facet:
    """A facet's entries for the practices kept (by their codes, in arrays) and the fresh
    ones of the practices read again, placed at their positions among `ids`."""
    fresh = list({(pid, str(value)) for pid, value in fresh})
    values = sorted(set(facet.values) | {value for _pid, value in fresh})
    index = {value: i for i, value in enumerate(values)}
    recoded = np.array([index[value] for value in facet.values], dtype=np.int64)
    entries = keep[facet.owner]
    practice_ids = np.concatenate(
        [old_ids[facet.owner[entries]], np.array([pid for pid, _v in fresh], dtype=np.int64)]
    )
    codes = np.concatenate(
        [
            recoded[facet.value_index[entries]] if len(recoded) else np.zeros(0, np.int64),
            np.array([index[value] for _pid, value in fresh], dtype=np.int64),
        ]
    )
    # A practice published between the reading of the practices and of their values (by
    # another process) has values but no position yet: it comes with the next version.
    positions = np.minimum(np.searchsorted(ids, practice_ids), max(len(ids) - 1, 0))
    known = ids[positions] == practice_ids if len(ids) else np.zeros(len(codes), dtype=bool)
    return Facet.from_pairs(values, positions[known], codes[known], len(ids))


def updated_tables(tables: FacetTables, version: int) -> FacetTables | None:
    """The tables after some practices changed (a publication, an edit of a published one,
    an archiving), reading only those; None when an update cannot be sure of the result (a
    practice deleted, or more changed than an update is worth) and the tables must be read
    afresh."""
    if tables.read_at is None:
        return None
    read_at = timezone.now()
    changed = list(
        Practice.objects.filter(updated_at__gte=tables.read_at - UPDATE_MARGIN).values_list(
            "id", flat=True
        )
    )
    if len(changed) > UPDATE_LIMIT:
        return None
    changed_ids = np.array(sorted(changed), dtype=np.int64)
    published_practices = Practice.objects.filter(visible_filter(ANONYMOUS), id__in=changed)
    rows = _practice_rows(published_practices)
    keep = ~np.isin(tables.ids, changed_ids)
    new_ids = np.array([row[0] for row in rows], dtype=np.int64)
    ids = np.concatenate([tables.ids[keep], new_ids])
    published = np.concatenate(
        [tables.published[keep], np.array([_microseconds(r[3]) for r in rows], dtype=np.int64)]
    )
    order = np.argsort(ids, kind="stable")
    ids, published = ids[order], published[order]
    if len(ids) != Practice.objects.filter(visible_filter(ANONYMOUS)).count():
        return None  # a practice left without a trace (deleted): read them all again
    fresh = {**_pairs(published_practices), **_single_pairs(rows)}
    facets = {
        name: _merged(facet, tables.ids, keep, fresh[name], ids)
        for name, facet in tables.facets.items()
    }
    return FacetTables(
        version, ids, _recency(ids, published), facets, tables.base_version, read_at, published
    )


_lock = threading.Lock()
_tables: FacetTables | None = None


def facet_tables() -> FacetTables:
    """The facet tables for the data as they are now. After a change to the practices alone
    (a publication), only the practices changed are read; after a change to the vocabulary
    or the registry, which the tables are tagged with, all of them."""
    global _tables
    version = data_version(*TABLE_DOMAINS).token
    tables = _tables
    if tables is None or tables.version != version:
        with _lock:
            tables = _tables
            if tables is None or tables.version != version:  # not rebuilt while waiting
                base = data_version(*BASE_DOMAINS).token
                updated = (
                    updated_tables(tables, version)
                    if tables is not None and tables.base_version == base
                    else None
                )
                tables = updated or build_tables(version, base)
                _tables = tables
    return tables
