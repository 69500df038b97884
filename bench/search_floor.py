"""The raw-SQL floor of a practice search: the database work the search endpoint cannot
avoid, in as few statements as SQL allows, with nothing of Django's request path around it.

It answers what the endpoint answers: one full-text match of the query (the engine's own
match SQL, `backend().match`), the count, the seven facet counts of the whole result, and
one page of hits with their texts (in the reader's language where translated), countries
and themes. The match runs once; facets, count and the page's ids come from it in one
statement, the page's texts and labels in a second. On results of thousands, SQL's GROUP BY
costs more than the engine's facet counts over arrays in memory, and the endpoint beats this
"floor"; the match alone (`floor_match_run`) stays a lower bound for any engine that matches
in the database.

`bench/search.py` checks, before timing, that the floor's count, facet counts and page equal the
endpoint's for every query: when the engine changes what a query matches, `make bench-smoke`
fails until this file follows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection

from sinergia.practices.models import Practice, PracticePopulation, PracticeTranslation
from sinergia.practices.search.backends import backend
from sinergia.practices.search.tokens import parse_query
from sinergia.registry.models import Country, Mechanism, Subregion
from sinergia.vocabulary.models import Concept
from sinergia.vocabulary.tagging import Tagger

PAGE_SIZE = 20


@dataclass(frozen=True)
class Floor:
    """A query made ready: its SQL and parameters (parsing is not the database's work)."""

    text: str
    match_sql: str
    facets_sql: str
    params: list[Any]


@dataclass
class FloorResult:
    count: int
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


def floor_prepare(text: str, tagger: Tagger) -> Floor:
    """The SQL of the count, facets and page of `text`: one full-text match, materialised."""
    match = backend().match(parse_query(text, tagger))
    t = _tables()
    sql = f"""
        WITH matched AS MATERIALIZED ({match.sql}),
        placed AS MATERIALIZED (
            SELECT x.practice_id, c.iso3, c.subregion_id FROM {t["countries"]} x
            JOIN {t["country"]} c ON c.id = x.country_id
            WHERE x.practice_id IN (SELECT practice_id FROM matched)
        ),
        described AS MATERIALIZED (
            SELECT p.language, p.year FROM {t["practice"]} p
            WHERE p.id IN (SELECT practice_id FROM matched)
        ),
        page AS (
            SELECT practice_id, ROW_NUMBER() OVER (ORDER BY score, practice_id) AS position
            FROM matched ORDER BY score, practice_id LIMIT {PAGE_SIZE}
        )
        SELECT 'count', '', COUNT(*) FROM matched
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
        SELECT 'hit', CAST(practice_id AS TEXT), position FROM page
    """
    return Floor(text, match.sql, sql, list(match.params))


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
    """The full-text match alone, every (id, score) row fetched: the part of any search
    that only the index can do. Returns how many rows."""
    with connection.cursor() as cursor:
        cursor.execute(floor.match_sql, floor.params)
        return len(cursor.fetchall())


def floor_run(floor: Floor, *, language: str = "es") -> FloorResult:
    """Run the floor's two statements: count, facets and page; the page's texts and labels."""
    facets: dict[str, dict[str, int]] = {}
    hits: list[tuple[int, int]] = []
    count = 0
    with connection.cursor() as cursor:
        cursor.execute(floor.facets_sql, floor.params)
        for facet, value, number in cursor.fetchall():
            if facet == "count":
                count = int(number)
            elif facet == "hit":
                hits.append((int(number), int(value)))
            else:
                facets.setdefault(facet, {})[str(value)] = int(number)
        page = [practice_id for _position, practice_id in sorted(hits)]
        rows: list[tuple[Any, ...]] = []
        if page:
            cursor.execute(_page_sql(len(page)), [language, *page, *page, *page])
            rows = cursor.fetchall()
    return FloorResult(count, facets, page, rows)
