"""The two search backends. Each keeps an index of published practices' tokens in four
fields (title, summary, body, tags) and answers a parsed query in one statement: the practices
it finds (those matching any of its rarer groups; all of its groups when every group is
common), with their relevance (BM25 in SQLite FTS5, `ts_rank` in PostgreSQL, fields weighted
title > summary > tags > body, every group's words counted) and a bit mask of the groups each
matches, so that the engine ranks those matching all groups first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection

from sinergia.practices.search.tokens import Alternative, DocumentTokens, Group, ParsedQuery

# Field weights: a word in the title counts most, then the summary, then the tags (concepts,
# terms, countries), then the body.
WEIGHTS = {"title": 10.0, "summary": 4.0, "body": 1.0, "tags": 2.0}


@dataclass(frozen=True)
class Match:
    """SQL yielding one row of three comma-separated lists of integers: the ids of the
    matching practices, their scores in millionths (lower ranks first) and their group
    masks."""

    sql: str
    params: list[Any]


class SqliteBackend:
    """SQLite FTS5: a full-text table whose rowid is the practice id."""

    table = "practices_fts_fields"

    def ensure(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {self.table} USING fts5("
                "title, summary, body, tags, tokenize='unicode61 remove_diacritics 2')"
            )

    def put(self, practice_id: int, tokens: DocumentTokens) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table} WHERE rowid = %s", [practice_id])
            cursor.execute(
                f"INSERT INTO {self.table}(rowid, title, summary, body, tags) "
                "VALUES (%s, %s, %s, %s, %s)",
                [practice_id, tokens.title, tokens.summary, tokens.body, tokens.tags],
            )

    def remove(self, practice_id: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table} WHERE rowid = %s", [practice_id])

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table}")

    @staticmethod
    def _alternative(alternative: Alternative) -> str:
        return '"' + " ".join(alternative) + '"'

    @classmethod
    def group_expression(cls, group: Group) -> str:
        return "(" + " OR ".join(cls._alternative(alt) for alt in group.alternatives) + ")"

    @classmethod
    def candidates(cls, query: ParsedQuery, common: Sequence[bool]) -> str:
        """The documents a query can return: those matching any of its rarer groups, or,
        when every group is common, those matching all of them."""
        rare = [cls.group_expression(g) for g, c in zip(query.groups, common, strict=True) if not c]
        if rare:
            return " OR ".join(rare)
        return " AND ".join(cls.group_expression(g) for g in query.groups)

    @classmethod
    def scored(cls, query: ParsedQuery, common: Sequence[bool]) -> str:
        """The candidates, with every group's words counted in their relevance."""
        candidates = cls.candidates(query, common)
        if not any(common) or all(common):
            return candidates
        every = " OR ".join(cls.group_expression(g) for g in query.groups)
        return f"({candidates}) AND ({every})"

    def match_lists(self, query: ParsedQuery, common: Sequence[bool]) -> Match:
        weights = ", ".join(str(WEIGHTS[name]) for name in ("title", "summary", "body", "tags"))
        candidates = self.candidates(query, common)
        bits, params = [], []
        for i, (group, is_common) in enumerate(zip(query.groups, common, strict=True)):
            if all(common):
                bits.append(str(1 << i))  # every candidate matches every group
                continue
            bits.append(
                f"(id IN (SELECT rowid FROM {self.table} WHERE {self.table} MATCH %s)) * {1 << i}"
            )
            expression = self.group_expression(group)
            # A common group is looked up among the candidates only, which FTS5 does by
            # seeking in its long list rather than reading it whole.
            params.append(f"{expression} AND ({candidates})" if is_common else expression)
        # The masks are computed outside the full-text scan (bm25 is only allowed there), and
        # LIMIT -1 keeps SQLite from merging the two queries.
        return Match(
            "SELECT group_concat(id), group_concat(CAST(round(score * 1000000) AS INTEGER)), "
            f"group_concat({' + '.join(bits)}) "
            f"FROM (SELECT rowid AS id, bm25({self.table}, {weights}) AS score "
            f"FROM {self.table} WHERE {self.table} MATCH %s LIMIT -1)",
            [*params, self.scored(query, common)],
        )

    def group_frequencies(self, groups: Sequence[Group]) -> list[int]:
        """How many documents match each group."""
        counts = ", ".join(
            f"(SELECT count(*) FROM {self.table} WHERE {self.table} MATCH %s)" for _g in groups
        )
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {counts}", [self.group_expression(g) for g in groups])
            return [int(count) for count in cursor.fetchone()]


class PostgresBackend:
    """PostgreSQL full text: the same fields in a table, weighted A (title), B (summary),
    C (tags) and D (body) in one tsvector with a GIN index."""

    table = "practices_search_fields"

    def ensure(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {self.table} ("
                "practice_id bigint PRIMARY KEY, title text NOT NULL, summary text NOT NULL, "
                "body text NOT NULL, tags text NOT NULL, "
                "vector tsvector GENERATED ALWAYS AS ("
                "setweight(to_tsvector('simple', title), 'A') || "
                "setweight(to_tsvector('simple', summary), 'B') || "
                "setweight(to_tsvector('simple', tags), 'C') || "
                "setweight(to_tsvector('simple', body), 'D')) STORED)"
            )
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {self.table}_vector ON {self.table} USING GIN (vector)"
            )

    def put(self, practice_id: int, tokens: DocumentTokens) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {self.table} (practice_id, title, summary, body, tags) "
                "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (practice_id) DO UPDATE SET "
                "title = EXCLUDED.title, summary = EXCLUDED.summary, body = EXCLUDED.body, "
                "tags = EXCLUDED.tags",
                [practice_id, tokens.title, tokens.summary, tokens.body, tokens.tags],
            )

    def remove(self, practice_id: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table} WHERE practice_id = %s", [practice_id])

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table}")

    @staticmethod
    def _alternative(alternative: Alternative) -> str:
        return "(" + " <-> ".join(alternative) + ")" if len(alternative) > 1 else alternative[0]

    @classmethod
    def group_expression(cls, group: Group) -> str:
        return "(" + " | ".join(cls._alternative(alt) for alt in group.alternatives) + ")"

    @classmethod
    def candidates(cls, query: ParsedQuery, common: Sequence[bool]) -> str:
        rare = [cls.group_expression(g) for g, c in zip(query.groups, common, strict=True) if not c]
        if rare:
            return " | ".join(rare)
        return " & ".join(cls.group_expression(g) for g in query.groups)

    @classmethod
    def every(cls, query: ParsedQuery) -> str:
        return " | ".join(cls.group_expression(group) for group in query.groups)

    def match_lists(self, query: ParsedQuery, common: Sequence[bool]) -> Match:
        # ts_rank's weights are given as {D, C, B, A}: body, tags, summary, title.
        ranks = ", ".join(
            str(WEIGHTS[name] / WEIGHTS["title"]) for name in ("body", "tags", "summary", "title")
        )
        weights = "{" + ranks + "}"
        bits = " + ".join(
            f"(vector @@ to_tsquery('simple', %s))::int * {1 << i}"
            for i in range(len(query.groups))
        )
        return Match(
            "SELECT string_agg(id::text, ','), string_agg(round(score * 1000000)::bigint::text, ','), "
            "string_agg(mask::text, ',') FROM ("
            f"SELECT practice_id AS id, -ts_rank('{weights}', vector, "
            f"to_tsquery('simple', %s), 1) AS score, {bits} AS mask "
            f"FROM {self.table} WHERE vector @@ to_tsquery('simple', %s)) m",
            [
                self.every(query),
                *(self.group_expression(g) for g in query.groups),
                self.candidates(query, common),
            ],
        )

    def group_frequencies(self, groups: Sequence[Group]) -> list[int]:
        counts = ", ".join(
            f"(SELECT count(*) FROM {self.table} WHERE vector @@ to_tsquery('simple', %s))"
            for _g in groups
        )
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {counts}", [self.group_expression(g) for g in groups])
            return [int(count) for count in cursor.fetchone()]


def backend() -> SqliteBackend | PostgresBackend:
    """The backend of the database in use."""
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SqliteBackend()
    raise NotImplementedError(f"No search backend for {connection.vendor}")
