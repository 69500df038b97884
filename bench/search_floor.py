"""The raw-SQL floor of a practice search: the database work the search endpoint cannot
avoid, with nothing of Django's request path around it.

It answers what the endpoint answers for a query without filters, the benchmark's: the
engine's own match statement (`backend().group_lists`: for each group of the query, the
practices matching it anywhere, in their title, in their summary, as lists of ids), the
candidates and their first order, the window of first candidates read back and scored
exactly (the engine's pure ranking functions, `sinergia.practices.search.ranking`); the
count, and how many match every group; the seven facet counts as SQL's GROUP BY over the
candidates; an exact or near-exact title among the first `TITLE_CANDIDATES` promoted by the
engine's own rule (`near_exact_titles`); and one page of hits with their texts (in the
reader's language where translated), countries and themes. The engine's facets are
disjunctive (each counted with its own filter left out); with no filter, as here, that is
the plain count of each value over the whole result.

On results of thousands, SQL's GROUP BY costs more than the engine's facet counts over
arrays in memory, and the endpoint can beat this "floor"; the match alone
(`floor_match_run`) stays a lower bound for any engine that matches in the database.

`bench/search.py` checks, before timing, that the floor's count, complete count, facet
counts and page equal the endpoint's for every query: when the engine changes what a query
matches or how it ranks, `make bench-smoke` fails until this file follows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db import connection

from sinergia.practices.models import Practice, PracticePopulation, PracticeTranslation
from sinergia.practices.search.backends import Match, backend, first_row
from sinergia.practices.search.engine import (
    PAGE_SIZE,
    TITLE_CANDIDATES,
    group_counts,
    near_exact_titles,
    practice_titles,
    title_rule_applies,
)
from sinergia.practices.search.facets import facet_tables
from sinergia.practices.search.ranking import (
    WINDOW,
    GroupLists,
    average_length,
    candidates,
    common_groups,
    exact_scores,
    first_scores,
)
from sinergia.practices.search.tokens import ParsedQuery, parse_query
from sinergia.registry.models import Country, Mechanism, Subregion
from sinergia.vocabulary.models import Concept
from sinergia.vocabulary.tagging import Tagger


@dataclass(frozen=True)
class Floor:
    """A query made ready: its parse and its match statement (parsing is not the database's
    work)."""

    text: str
    parsed: ParsedQuery
    frequencies: list[int]
    common: list[bool]
    match: Match
    titles: bool  # whether the title rule applies to this query


@dataclass
class FloorResult:
    count: int
    complete_count: int
    facets: dict[str, dict[str, int]]
    page: list[int]  # practice ids, best first
    rows: list[tuple[Any, ...]]


def _tables() -> dict[str, str]:
    return {
        "practice": Practice._meta.db_table,
        "countries": Practice.countries.through._meta.db_table,
        "mechanisms": Practice.mechanisms.through._meta.db_table,
        "themes": Practice.themes.through._meta.db_table,
        "population": PracticePopulation._meta.db_table,
        "translation": PracticeTranslation._meta.db_table,
        "country": Country._meta.db_table,
        "subregion": Subregion._meta.db_table,
        "mechanism": Mechanism._meta.db_table,
        "concept": Concept._meta.db_table,
    }


def _facets_sql() -> str:
    """The seven facet counts over a list of practice ids (the one parameter)."""
    t = _tables()
    if connection.vendor == "postgresql":
        matched = "SELECT unnest(%s::bigint[]) AS practice_id"
    else:
        matched = "SELECT CAST(value AS INTEGER) AS practice_id FROM json_each(%s)"
    return f"""
        WITH matched AS MATERIALIZED ({matched}),
        placed AS MATERIALIZED (
            SELECT x.practice_id, c.iso3, c.subregion_id FROM {t["countries"]} x
            JOIN {t["country"]} c ON c.id = x.country_id
            WHERE x.practice_id IN (SELECT practice_id FROM matched)
        ),
        described AS MATERIALIZED (
            SELECT p.language, p.year FROM {t["practice"]} p
            WHERE p.id IN (SELECT practice_id FROM matched)
        )
        SELECT 'country', iso3, COUNT(*) FROM placed GROUP BY iso3
        UNION ALL
        SELECT 'subregion', s.key, g.n FROM (
            SELECT subregion_id AS id, COUNT(DISTINCT practice_id) AS n FROM placed
            GROUP BY subregion_id
        ) g JOIN {t["subregion"]} s ON s.id = g.id
        UNION ALL
        SELECT 'mechanism', k.acronym, g.n FROM (
            SELECT mechanism_id AS id, COUNT(*) AS n FROM {t["mechanisms"]}
            WHERE practice_id IN (SELECT practice_id FROM matched) GROUP BY mechanism_id
        ) g JOIN {t["mechanism"]} k ON k.id = g.id
        UNION ALL
        SELECT 'theme', k.key, g.n FROM (
            SELECT concept_id AS id, COUNT(*) AS n FROM {t["themes"]}
            WHERE practice_id IN (SELECT practice_id FROM matched) GROUP BY concept_id
        ) g JOIN {t["concept"]} k ON k.id = g.id
        UNION ALL
        SELECT 'population', population, COUNT(*) FROM {t["population"]}
            WHERE practice_id IN (SELECT practice_id FROM matched) GROUP BY population
        UNION ALL
        SELECT 'language', language, COUNT(*) FROM described GROUP BY language
        UNION ALL
        SELECT 'year', CAST(year AS TEXT), COUNT(*) FROM described
            WHERE year IS NOT NULL GROUP BY year
    """


def floor_prepare(text: str, tagger: Tagger) -> Floor:
    """The parse and the match statement of `text`, as the engine makes them."""
    parsed = parse_query(text, tagger)
    assert not parsed.empty, text
    tables = facet_tables()
    frequencies = group_counts(parsed, tables)
    common = common_groups(frequencies, len(tables.ids))
    looked_up = common if not all(common) else [False] * len(common)
    match = backend().group_lists(parsed.groups, looked_up)
    return Floor(text, parsed, frequencies, common, match, title_rule_applies(text))


def _page_sql(size: int) -> str:
    t = _tables()
    marks = ", ".join(["%s"] * size)
    return f"""
        SELECT p.id, p.external_id, p.title, p.summary, p.language, p.year,
               r.title, r.summary, r.kind, NULL, NULL
        FROM {t["practice"]} p
        LEFT JOIN {t["translation"]} r ON r.practice_id = p.id AND r.language = %s
        WHERE p.id IN ({marks})
        UNION ALL
        SELECT x.practice_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, c.iso3, NULL
        FROM {t["countries"]} x JOIN {t["country"]} c ON c.id = x.country_id
        WHERE x.practice_id IN ({marks})
        UNION ALL
        SELECT x.practice_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, k.key
        FROM {t["themes"]} x JOIN {t["concept"]} k ON k.id = x.concept_id
        WHERE x.practice_id IN ({marks})
    """


def floor_match_run(floor: Floor) -> int:
    """The full-text match alone, the engine's statement with its row fetched: the part of
    any search that only the index can do. Returns the length of its lists."""
    row = first_row(floor.match, backend().match_settings)
    return sum(len(text) for text in row if text) if row else 0


def floor_run(floor: Floor, *, language: str = "es") -> FloorResult:
    """The match, the candidates' order with the window scored exactly, the facet counts in
    SQL, the title rule and the page."""
    tables = facet_tables()
    total = len(tables.ids)
    groups = len(floor.parsed.groups)
    row = first_row(floor.match, backend().match_settings)
    lists = GroupLists.from_row(row or [None] * 3 * groups, groups, tables.positions_of)
    positions = np.flatnonzero(candidates(lists, floor.common, total))
    masks, scores = first_scores(positions, lists, floor.frequencies, total)
    coverage = np.zeros(len(positions), dtype=np.int64)
    for bit in range(groups):
        coverage += (masks >> bit) & 1
    order = np.lexsort((positions, -scores, -coverage))
    window = order[:WINDOW]
    ids = tables.ids[positions[window]]
    exact = exact_scores(
        backend().documents([int(pid) for pid in ids]),
        floor.parsed.groups,
        floor.frequencies,
        total,
        average_length(tables.version, total, backend().average_length),
    )
    ranked = sorted(
        zip(ids.tolist(), coverage[window].tolist(), strict=True),
        key=lambda pair: (-pair[1], -exact.get(pair[0], 0.0), pair[0]),
    )
    head = [pid for pid, _coverage in ranked]
    head += tables.ids[positions[order[len(window) :]]][: max(0, PAGE_SIZE - len(head))].tolist()
    facets: dict[str, dict[str, int]] = {}
    matched = tables.ids[positions].tolist()
    with connection.cursor() as cursor:
        cursor.execute(
            _facets_sql(),
            [matched if connection.vendor == "postgresql" else json.dumps(matched)],
        )
        for facet, value, number in cursor.fetchall():
            facets.setdefault(facet, {})[str(value)] = int(number)
        if floor.titles:
            first = head[:TITLE_CANDIDATES]
            promoted = near_exact_titles(floor.text, first, practice_titles(first))
            head = promoted + [pid for pid in head if pid not in promoted]
        page = head[:PAGE_SIZE]
        rows: list[tuple[Any, ...]] = []
        if page:
            cursor.execute(_page_sql(len(page)), [language, *page, *page, *page])
            rows = cursor.fetchall()
    complete = int((coverage == groups).sum())
    return FloorResult(len(matched), complete, facets, page, rows)
