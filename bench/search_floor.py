"""The raw-SQL floor of a practice search: the database work the search endpoint cannot
avoid, in as few statements as SQL allows, with nothing of Django's request path around it.

It answers what the endpoint answers for a query without filters, the benchmark's: the
engine's own match statement (`backend().match_lists`, one row of three lists: ids, scores
and the mask of the query's groups each matches), unpacked into rows in SQL; the count, and
how many match every group; the seven facet counts; the order the engine gives (groups
matched, most first, then score, then id), with an exact or near-exact title among the
first `TITLE_CANDIDATES` promoted by the engine's own rule (`near_exact_titles`); and one
page of hits with their texts (in the reader's language where translated), countries and
themes. The engine's facets are disjunctive (each counted with its own filter left out);
with no filter, as here, that is the plain count of each value over the whole result.

The match runs once; count, facets, the ordered head and its titles come from it in one
statement, the page's texts and labels in a second. On results of thousands, SQL's GROUP BY
costs more than the engine's facet counts over arrays in memory, and the endpoint can beat
this "floor"; the match alone (`floor_match_run`) stays a lower bound for any engine that
matches in the database.

`bench/search.py` checks, before timing, that the floor's count, complete count, facet
counts and page equal the endpoint's for every query: when the engine changes what a query
matches or how it ranks, `make bench-smoke` fails until this file follows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection

from sinergia.practices.models import Practice, PracticePopulation, PracticeTranslation
from sinergia.practices.search.backends import backend
from sinergia.practices.search.engine import (
    PAGE_SIZE,
    TITLE_CANDIDATES,
    common_groups,
    near_exact_titles,
    title_rule_applies,
)
from sinergia.practices.search.facets import facet_tables
from sinergia.practices.search.tokens import parse_query
from sinergia.registry.models import Country, Mechanism, Subregion
from sinergia.vocabulary.models import Concept
from sinergia.vocabulary.tagging import Tagger


@dataclass(frozen=True)
class Floor:
    """A query made ready: its SQL and parameters (parsing is not the database's work)."""

    text: str
    match_sql: str
    facets_sql: str
    params: list[Any]
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


def _unpacked(groups: int) -> str:
    """The match's three lists (`lists(ids, scores, masks)`) as rows (practice_id, score,
    coverage), coverage being how many of the query's groups the practice matches."""
    if connection.vendor == "postgresql":
        rows = (
            "SELECT u.id AS practice_id, u.score, u.mask FROM lists, unnest("
            "string_to_array(lists.ids, ',')::bigint[], "
            "string_to_array(lists.scores, ',')::float8[], "
            "string_to_array(lists.masks, ',')::bigint[]) AS u(id, score, mask)"
        )
    else:
        # The three lists' elements side by side, gathered by position with GROUP BY (a
        # sort): a join by position would rescan one list for every element of another.
        each = " UNION ALL ".join(
            f"SELECT {number} AS list, key, value FROM lists, json_each('[' || lists.{name} || ']')"
            for number, name in enumerate(("ids", "scores", "masks"))
        )
        rows = (
            "SELECT CAST(max(CASE WHEN list = 0 THEN value END) AS INTEGER) AS practice_id, "
            "max(CASE WHEN list = 1 THEN value END) AS score, "
            "CAST(max(CASE WHEN list = 2 THEN value END) AS INTEGER) AS mask "
            f"FROM ({each}) e GROUP BY key"
        )
    coverage = " + ".join(f"((mask >> {bit}) & 1)" for bit in range(groups))
    return f"SELECT practice_id, score, {coverage} AS coverage FROM ({rows}) r"


def floor_prepare(text: str, tagger: Tagger) -> Floor:
    """The SQL of the count, facets, ordered head and its titles for `text`: one full-text
    match, materialised."""
    parsed = parse_query(text, tagger)
    assert not parsed.empty, text
    match = backend().match_lists(parsed, common_groups(parsed, facet_tables()))
    titles = title_rule_applies(text)
    t = _tables()
    # The head reaches past the title candidates by a page, so that the first page is known
    # whatever the rule promotes.
    head_size = TITLE_CANDIDATES + PAGE_SIZE
    title_rows = (
        f"""
        UNION ALL
        SELECT 'title', p.title, p.id FROM {t["practice"]} p
            WHERE p.id IN (SELECT practice_id FROM head WHERE position <= {TITLE_CANDIDATES})
        UNION ALL
        SELECT 'title', r.title, r.practice_id FROM {t["translation"]} r
            WHERE r.practice_id IN (
                SELECT practice_id FROM head WHERE position <= {TITLE_CANDIDATES})"""
        if titles
        else ""
    )
    sql = f"""
        WITH lists(ids, scores, masks) AS MATERIALIZED ({match.sql}),
        matched AS MATERIALIZED ({_unpacked(len(parsed.groups))}),
        placed AS MATERIALIZED (
            SELECT x.practice_id, c.iso3, c.subregion_id FROM {t["countries"]} x
            JOIN {t["country"]} c ON c.id = x.country_id
            WHERE x.practice_id IN (SELECT practice_id FROM matched)
        ),
        described AS MATERIALIZED (
            SELECT p.language, p.year FROM {t["practice"]} p
            WHERE p.id IN (SELECT practice_id FROM matched)
        ),
        head AS MATERIALIZED (
            SELECT practice_id,
                ROW_NUMBER() OVER (ORDER BY coverage DESC, score, practice_id) AS position
            FROM matched ORDER BY coverage DESC, score, practice_id LIMIT {head_size}
        )
        SELECT 'count', '', COUNT(*) FROM matched
        UNION ALL
        SELECT 'complete', '', COUNT(*) FROM matched WHERE coverage = {len(parsed.groups)}
        UNION ALL
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
        UNION ALL
        SELECT 'hit', CAST(practice_id AS TEXT), position FROM head{title_rows}
    """
    return Floor(text, match.sql, sql, list(match.params), titles)


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
    any search that only the index can do. Returns how many practices matched."""
    with connection.cursor() as cursor:
        cursor.execute(floor.match_sql, floor.params)
        row = cursor.fetchone()
    return len(row[0].split(",")) if row and row[0] else 0


def floor_run(floor: Floor, *, language: str = "es") -> FloorResult:
    """Run the floor's two statements: count, facets, ordered head and titles; the page's
    texts and labels."""
    facets: dict[str, dict[str, int]] = {}
    head: list[tuple[int, int]] = []
    titles: dict[int, list[str]] = {}
    count = complete = 0
    with connection.cursor() as cursor:
        cursor.execute(floor.facets_sql, floor.params)
        for facet, value, number in cursor.fetchall():
            if facet == "count":
                count = int(number)
            elif facet == "complete":
                complete = int(number)
            elif facet == "hit":
                head.append((int(number), int(value)))
            elif facet == "title":
                titles.setdefault(int(number), []).append(value)
            else:
                facets.setdefault(facet, {})[str(value)] = int(number)
        order = [practice_id for _position, practice_id in sorted(head)]
        if floor.titles:
            promoted = near_exact_titles(floor.text, order[:TITLE_CANDIDATES], titles)
            order = promoted + [pid for pid in order if pid not in promoted]
        page = order[:PAGE_SIZE]
        rows: list[tuple[Any, ...]] = []
        if page:
            cursor.execute(_page_sql(len(page)), [language, *page, *page, *page])
            rows = cursor.fetchall()
    return FloorResult(count, complete, facets, page, rows)
