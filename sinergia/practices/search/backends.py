"""The two search backends. Each keeps an index of published practices' tokens in four
fields (title, summary, body, tags), and a small index of the titles and summaries alone, and
answers a parsed query with one statement of lists: for each group of the query, the practices matching
it anywhere, in their title and in their summary (`group_lists`). Ranking is the engine's
(`sinergia.practices.search.ranking`), the same on both databases: the lists are read from
posting lists alone, without scoring thousands of documents in the database, and only the
best candidates' tokens are read back (`documents`) to be scored exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction

from sinergia.practices.search.tokens import Alternative, DocumentTokens, Group

FIELDS = ("title", "summary", "body", "tags")
# Documents read back at once to be scored (SQL's bound on parameters stays far).
DOCUMENTS_PER_STATEMENT = 500
# The documents whose length stands for the average length of all (the first by id).
LENGTH_SAMPLE = 1_000


@dataclass(frozen=True)
class Match:
    """SQL yielding one row of comma-separated lists of practice ids: for each group of the
    query in turn, those matching it anywhere, in their title, in their summary (a common
    group: among the rarer groups' matches, and NULL, NULL)."""

    sql: str
    params: list[Any]


class SqliteBackend:
    """SQLite FTS5: a full-text table whose rowid is the practice id, and one of the titles
    and summaries alone, whose posting lists are short."""

    table = "practices_fts_fields"
    heads = "practices_fts_heads"
    match_settings: tuple[str, ...] = ()

    def ensure(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {self.table} USING fts5("
                "title, summary, body, tags, tokenize='unicode61 remove_diacritics 2')"
            )
            cursor.execute(
                f"CREATE VIRTUAL TABLE IF NOT EXISTS {self.heads} USING fts5("
                "title, summary, tokenize='unicode61 remove_diacritics 2')"
            )

    def put(self, practice_id: int, tokens: DocumentTokens) -> None:
        self.remove(practice_id)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {self.table}(rowid, title, summary, body, tags) "
                "VALUES (%s, %s, %s, %s, %s)",
                [practice_id, tokens.title, tokens.summary, tokens.body, tokens.tags],
            )
            cursor.execute(
                f"INSERT INTO {self.heads}(rowid, title, summary) VALUES (%s, %s, %s)",
                [practice_id, tokens.title, tokens.summary],
            )

    def remove(self, practice_id: int) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table} WHERE rowid = %s", [practice_id])
            cursor.execute(f"DELETE FROM {self.heads} WHERE rowid = %s", [practice_id])

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.table}")
            cursor.execute(f"DELETE FROM {self.heads}")

    def upgrade(self) -> None:
        """The titles and summaries index made from the full index (once, on upgrade)."""
        self.ensure()
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {self.heads}")
            cursor.execute(
                f"INSERT INTO {self.heads}(rowid, title, summary) "
                f"SELECT rowid, title, summary FROM {self.table}"
            )

    @staticmethod
    def _alternative(alternative: Alternative) -> str:
        return '"' + " ".join(alternative) + '"'

    @classmethod
    def group_expression(cls, group: Group, *, heads: bool = False) -> str:
        """The group for the full index (a term by its tag), or for the titles and
        summaries (`heads`, which have no tags: by its phrases)."""
        alternatives = group.alternatives if heads else group.tagged_alternatives
        return "(" + " OR ".join(cls._alternative(alt) for alt in alternatives) + ")"

    def group_lists(self, groups: Sequence[Group], common: Sequence[bool]) -> Match:
        rare = " OR ".join(
            self.group_expression(g) for g, c in zip(groups, common, strict=True) if not c
        )
        lists, params = [], []
        for group, is_common in zip(groups, common, strict=True):
            expression = self.group_expression(group)
            if is_common:
                # Looked up among the rarer groups' matches only, which FTS5 does by seeking
                # in the common group's long list rather than reading it whole.
                lists.append(
                    f"(SELECT group_concat(rowid) FROM {self.table} WHERE {self.table} MATCH %s), NULL, NULL"
                )
                params.append(f"{expression} AND ({rare})")
                continue
            heads = self.group_expression(group, heads=True)
            for table, match in (
                (self.table, expression),
                (self.heads, "{title} : " + heads),
                (self.heads, "{summary} : " + heads),
            ):
                lists.append(f"(SELECT group_concat(rowid) FROM {table} WHERE {table} MATCH %s)")
                params.append(match)
        return Match("SELECT " + ", ".join(lists), params)

    def documents(self, ids: Sequence[int]) -> dict[int, DocumentTokens]:
        found: dict[int, DocumentTokens] = {}
        with connection.cursor() as cursor:
            for first in range(0, len(ids), DOCUMENTS_PER_STATEMENT):
                chunk = list(ids[first : first + DOCUMENTS_PER_STATEMENT])
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(
                    f"SELECT rowid, title, summary, body, tags FROM {self.table} "
                    f"WHERE rowid IN ({marks})",
                    chunk,
                )
                for pid, *fields in cursor.fetchall():
                    found[int(pid)] = DocumentTokens(*fields)
        return found

    def average_length(self) -> float:
        return average_length(self.table, "rowid")

    def group_frequencies(self, groups: Sequence[Group]) -> list[int]:
        """How many documents match each group."""
        counts = ", ".join(
            f"(SELECT count(*) FROM {self.table} WHERE {self.table} MATCH %s)" for _g in groups
        )
        row = first_row(Match(f"SELECT {counts}", [self.group_expression(g) for g in groups]))
        return [int(count) for count in row or ()]


def first_row(match: Match, settings: Sequence[str] = ()) -> tuple[Any, ...] | None:
    """The one row a match statement yields, read with the backend's settings."""
    with transaction.atomic(), connection.cursor() as cursor:
        for setting in settings:
            cursor.execute(setting)
        cursor.execute(match.sql, match.params)
        return cursor.fetchone()


def average_length(table: str, id_column: str) -> float:
    """Tokens in a document, on average over a sample (the first documents by id)."""
    row = first_row(
        Match(
            "SELECT avg(" + " + ".join(_token_count(name) for name in FIELDS) + ") "
            f"FROM (SELECT {', '.join(FIELDS)} FROM {table} "
            f"ORDER BY {id_column} LIMIT {LENGTH_SAMPLE}) sample",
            [],
        )
    )
    return float(row[0] or 0) if row else 0.0


def _token_count(column: str) -> str:
    """SQL counting the tokens of a column of space-separated tokens (both databases)."""
    return (
        f"(CASE WHEN length({column}) > 0 THEN "
        f"length({column}) - length(replace({column}, ' ', '')) + 1 ELSE 0 END)"
    )


class PostgresBackend:
    """PostgreSQL full text: the same fields in a table, in one tsvector of them all and one
    each of the title and the summary, each with a GIN index."""

    table = "practices_search_fields"
    # Matches are read from the GIN indexes: the planner, which does not count the reading of
    # vectors stored out of line, would otherwise read every row's vector for a common word.
    match_settings = ("SET LOCAL enable_seqscan = off",)

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
                "setweight(to_tsvector('simple', body), 'D')) STORED) "
                "WITH (toast_tuple_target = 128)"
            )
            # Texts and vectors stored out of line (TOAST) from 128 bytes on: the rows left in
            # the table are a few dozen bytes, and finding thousands of matches reads a
            # few thousand pages, not the whole corpus.
            cursor.execute(f"ALTER TABLE {self.table} SET (toast_tuple_target = 128)")
            for column, source in (("title_vector", "title"), ("summary_vector", "summary")):
                cursor.execute(
                    f"ALTER TABLE {self.table} ADD COLUMN IF NOT EXISTS {column} tsvector "
                    f"GENERATED ALWAYS AS (to_tsvector('simple', {source})) STORED"
                )
            for column in ("vector", "title_vector", "summary_vector"):
                cursor.execute(
                    f"CREATE INDEX IF NOT EXISTS {self.table}_{column} "
                    f"ON {self.table} USING GIN ({column})"
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

    def upgrade(self) -> None:
        """The table made again under its storage (`ensure`), its rows copied: a table
        written before holds its rows inline, hundreds of bytes each."""
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE IF EXISTS {self.table} RENAME TO {self.table}_old")
            for column in ("vector", "title_vector", "summary_vector"):
                cursor.execute(f"DROP INDEX IF EXISTS {self.table}_{column}")
        self.ensure()
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {self.table} (practice_id, title, summary, body, tags) "
                f"SELECT practice_id, title, summary, body, tags FROM {self.table}_old"
            )
            cursor.execute(f"DROP TABLE {self.table}_old")
            cursor.execute(f"ANALYZE {self.table}")

    @staticmethod
    def _alternative(alternative: Alternative) -> str:
        return "(" + " <-> ".join(alternative) + ")" if len(alternative) > 1 else alternative[0]

    @classmethod
    def group_expression(cls, group: Group, *, heads: bool = False) -> str:
        """The group for the full index (a term by its tag), or for the titles and
        summaries (`heads`, which have no tags: by its phrases)."""
        alternatives = group.alternatives if heads else group.tagged_alternatives
        return "(" + " | ".join(cls._alternative(alt) for alt in alternatives) + ")"

    def group_lists(self, groups: Sequence[Group], common: Sequence[bool]) -> Match:
        rare = " | ".join(
            self.group_expression(g) for g, c in zip(groups, common, strict=True) if not c
        )
        lists, params = [], []
        for group, is_common in zip(groups, common, strict=True):
            expression = self.group_expression(group)
            if is_common:  # among the rarer groups' matches only
                lists.append(
                    f"(SELECT string_agg(practice_id::text, ',') FROM {self.table} "
                    "WHERE vector @@ to_tsquery('simple', %s)), NULL, NULL"
                )
                params.append(f"{expression} & ({rare})")
                continue
            heads = self.group_expression(group, heads=True)
            for column, match in (
                ("vector", expression),
                ("title_vector", heads),
                ("summary_vector", heads),
            ):
                lists.append(
                    f"(SELECT string_agg(practice_id::text, ',') FROM {self.table} "
                    f"WHERE {column} @@ to_tsquery('simple', %s))"
                )
                params.append(match)
        return Match("SELECT " + ", ".join(lists), params)

    def documents(self, ids: Sequence[int]) -> dict[int, DocumentTokens]:
        found: dict[int, DocumentTokens] = {}
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT practice_id, title, summary, body, tags FROM {self.table} "
                "WHERE practice_id = ANY(%s)",
                [list(ids)],
            )
            for pid, *fields in cursor.fetchall():
                found[int(pid)] = DocumentTokens(*fields)
        return found

    def average_length(self) -> float:
        return average_length(self.table, "practice_id")

    def group_frequencies(self, groups: Sequence[Group]) -> list[int]:
        counts = ", ".join(
            f"(SELECT count(*) FROM {self.table} WHERE vector @@ to_tsquery('simple', %s))"
            for _g in groups
        )
        match = Match(f"SELECT {counts}", [self.group_expression(g) for g in groups])
        return [int(count) for count in first_row(match, self.match_settings) or ()]


def backend() -> SqliteBackend | PostgresBackend:
    """The backend of the database in use."""
    if connection.vendor == "postgresql":
        return PostgresBackend()
    if connection.vendor == "sqlite":
        return SqliteBackend()
    raise NotImplementedError(f"No search backend for {connection.vendor}")
