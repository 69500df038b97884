"""Search of published practices: one interface, two backends (SQLite FTS5, PostgreSQL).

Both index the same normalised tokens, made here in Python: the folded stems of every word
in every language the practice is written in, plus a token per vocabulary concept. A query
is stemmed in the four languages and expanded with the concepts it names, so "human
trafficking" finds "trata de personas". Only published practices enter the index: nothing
unpublished can be found.
"""

from __future__ import annotations

from sinergia.practices.search.engine import (
    SearchQuery,
    SearchResult,
    practice_search,
    practice_word_counts,
)
from sinergia.practices.search.indexing import index_practice, rebuild_index, unindex_practice

__all__ = [
    "SearchQuery",
    "SearchResult",
    "index_practice",
    "practice_search",
    "practice_word_counts",
    "rebuild_index",
    "unindex_practice",
]
