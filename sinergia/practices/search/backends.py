"""The two search backends. Each keeps an index of published practices' tokens and turns a
parsed query into a SQL fragment; the engine builds the rest of the query the same way."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import connection

from sinergia.practices.search.tokens import ParsedQuery


@dataclass(frozen=True)
class Match:
    """SQL that yields `(practice_id, score)` rows for a query; lower score ranks first."""

    sql: str
    params: list[Any]


class SqliteBackend:
    """SQLite FTS5: a full-text table whose rowid is the practice id."""

    table = "practices_fts"

    def ensure(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {self.table} USING fts5("
                "tokens, tokenize='unicode61 remove_diacritics 2')"
            )

    def put(self, practice_id: int, tokens: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table} WHERE rowid = %s", [practice_id])
            cursor.execute(
                f"INSERT INTO {self.table}(rowid, tokens) VALUES (%s, %s)", [practice_id, tokens]
            )

    def remove(self, practice_id: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table} WHERE rowid = %s", [practice_id])

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table}")

    @staticmethod
    def expression(query: ParsedQuery) -> str:
        return " AND ".join(
            "(" + " OR ".join(f'"{token}"' for token in group) + ")" for group in query.groups
        )

    def match_lists(self, query: ParsedQuery) -> Match:
        """One row: the ids and the scores of the matches, as comma-separated lists."""
        return Match(
            f"SELECT group_concat(rowid), group_concat(rank) FROM {self.table} "
            f"WHERE {self.table} MATCH %s",
            [self.expression(query)],
        )

    def match(self, query: ParsedQuery) -> Match:
        return Match(
            f"SELECT rowid AS practice_id, bm25({self.table}) AS score FROM {self.table} "
            f"WHERE {self.table} MATCH %s",
            [self.expression(query)],
        )


class PostgresBackend:
    """PostgreSQL full text: the same tokens in a table, a GIN index on their tsvector."""

    table = "practices_search"

    def ensure(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {self.table} ("
                "practice_id bigint PRIMARY KEY, tokens text NOT NULL, "
                "vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', tokens)) STORED)"
            )
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {self.table}_vector ON {self.table} USING GIN (vector)"
            )

    def put(self, practice_id: int, tokens: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {self.table} (practice_id, tokens) VALUES (%s, %s) "
                "ON CONFLICT (practice_id) DO UPDATE SET tokens = EXCLUDED.tokens",
                [practice_id, tokens],
            )

    def remove(self, practice_id: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table} WHERE practice_id = %s", [practice_id])

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table}")

    @staticmethod
    def expression(query: ParsedQuery) -> str:
        return " & ".join("(" + " | ".join(group) + ")" for group in query.groups)

    def match_lists(self, query: ParsedQuery) -> Match:
        """One row: the ids and the scores of the matches, as comma-separated lists."""
        match = self.match(query)
        return Match(
            "SELECT string_agg(practice_id::text, ',' ORDER BY practice_id), "
            f"string_agg(score::text, ',' ORDER BY practice_id) FROM ({match.sql}) m",
            match.params,
        )

    def match(self, query: ParsedQuery) -> Match:
        return Match(
            f"SELECT practice_id, -ts_rank(vector, to_tsquery('simple', %s)) AS score "
            f"FROM {self.table} WHERE vector @@ to_tsquery('simple', %s)",
            [self.expression(query), self.expression(query)],
        )


def backend() -> SqliteBackend | PostgresBackend:
    """The backend of the database in use."""
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SqliteBackend()
    raise NotImplementedError(f"No search backend for {connection.vendor}")
