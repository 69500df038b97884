"""Search published practices: full text across languages, filters, facet counts, snippets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape as html_escape

import numpy as np
from django.db import connection
from django.utils.safestring import SafeString, mark_safe

from sinergia.practices.models import Practice, PracticeTranslation
from sinergia.practices.search.backends import backend
from sinergia.practices.search.facets import FacetTables, facet_tables
from sinergia.practices.search.tokens import ParsedQuery, parse_query
from sinergia.vocabulary.selectors import vocabulary_tagger
from sinergia.vocabulary.tagging import Tagger
from sinergia.vocabulary.text import stem

PAGE_SIZE = 20
FACETS = ("country", "subregion", "mechanism", "theme", "population", "language", "year")
# Which SearchQuery field filters each facet.
FILTERS = {
    "country": "countries",
    "subregion": "subregions",
    "mechanism": "mechanisms",
    "theme": "themes",
    "population": "populations",
    "language": "languages",
    "year": "years",
}


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    countries: tuple[str, ...] = ()  # ISO3
    subregions: tuple[str, ...] = ()
    mechanisms: tuple[str, ...] = ()  # acronyms
    themes: tuple[str, ...] = ()  # concept keys
    populations: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    sort: str = "relevance"  # or "date"
    page: int = 1
    page_size: int = PAGE_SIZE


@dataclass
class Hit:
    id: int
    external_id: str
    plain_title: str  # the title shown, without highlighting
    title: SafeString
    snippet: SafeString
    language: str  # the language shown
    original_language: str
    countries: list[str]  # ISO3
    themes: list[str]
    year: int | None
    translated: str = ""  # "", "human" or "machine"


@dataclass
class SearchResult:
    query: SearchQuery
    parsed: ParsedQuery
    count: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.query.page_size))

    @property
    def ids(self) -> list[int]:
        return [hit.id for hit in self.hits]


def _matches(parsed: ParsedQuery, tables: FacetTables) -> tuple[np.ndarray, np.ndarray]:
    """Positions of the practices that match the text, and their relevance (lower first)."""
    match = backend().match_lists(parsed)
    with connection.cursor() as cursor:
        # One row of two comma-separated lists: thousands of matches cross into Python as
        # two strings instead of thousands of row objects.
        cursor.execute(match.sql, match.params)
        id_text, score_text = cursor.fetchone() or (None, None)
    if not id_text or not score_text or not len(tables.ids):
        return np.zeros(0, np.int64), np.zeros(0, np.float64)
    ids = np.array(id_text.split(","), dtype=np.int64)
    scores = np.array(score_text.split(","), dtype=np.float64)
    positions = np.minimum(np.searchsorted(tables.ids, ids), len(tables.ids) - 1)
    known = tables.ids[positions] == ids  # the index and the tables agree but for a race
    return positions[known], scores[known]


def practice_search(
    query: SearchQuery,
    *,
    language: str = "es",
    facets: bool = True,
    tagger: Tagger | None = None,
) -> SearchResult:
    """Published practices matching `query`: the count, facet counts of the whole result,
    and one page of hits with highlighted snippets in `language` where a translation exists.

    The text is matched by the database's full-text index in one query; filters, facet
    counts and ordering run on the in-memory facet tables."""
    parsed = parse_query(query.text, tagger or vocabulary_tagger())
    tables = facet_tables()
    size = len(tables.ids)
    score = tables.recency.astype(np.float64)  # newest first
    if parsed.empty:
        selected = np.ones(size, dtype=bool)
    else:
        positions, relevance = _matches(parsed, tables)
        selected = np.zeros(size, dtype=bool)
        selected[positions] = True
        if query.sort != "date":
            score = np.zeros(size, dtype=np.float64)
            score[positions] = relevance
    for name, attribute in FILTERS.items():
        wanted = getattr(query, attribute)
        if wanted:
            selected &= tables.facets[name].mask_of({str(value) for value in wanted}, size)
    count = int(selected.sum())
    candidates = np.flatnonzero(selected)
    facet_counts = (
        {name: tables.facets[name].counts(selected, candidates) for name in FACETS}
        if facets and count
        else {}
    )
    order = candidates[np.lexsort((tables.ids[candidates], score[candidates]))]
    offset = (max(query.page, 1) - 1) * query.page_size
    hits = _hits(tables, order[offset : offset + query.page_size], parsed, language)
    return SearchResult(query, parsed, count, hits, facet_counts)


def _hits(
    tables: FacetTables, positions: np.ndarray, parsed: ParsedQuery, language: str
) -> list[Hit]:
    """A page of hits in two queries: the practices' texts and their translations."""
    ids = [int(tables.ids[position]) for position in positions]
    if not ids:
        return []
    marks = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        # Plain SQL: this runs on every search, and the ORM would double its cost.
        cursor.execute(
            "SELECT id, external_id, title, summary, language, year "
            f"FROM {Practice._meta.db_table} WHERE id IN ({marks})",
            ids,
        )
        rows = {row[0]: row for row in cursor.fetchall()}
        cursor.execute(
            f"SELECT practice_id, title, summary, kind FROM {PracticeTranslation._meta.db_table} "
            f"WHERE language = %s AND practice_id IN ({marks})",
            [language, *ids],
        )
        translations = {row[0]: row[1:] for row in cursor.fetchall()}
    hits = []
    for position, pid in zip(positions, ids, strict=True):
        if pid not in rows:
            continue
        _id, external_id, title, summary, original, year = rows[pid]
        translation = translations.get(pid) if original != language else None
        shown, kind = (language, translation[2]) if translation else (original, "")
        if translation:
            title, summary = translation[0], translation[1]
        hits.append(
            Hit(
                id=pid,
                external_id=external_id,
                plain_title=title,
                title=highlight(title, shown, parsed),
                snippet=highlight(_excerpt(summary, shown, parsed), shown, parsed),
                language=shown,
                original_language=original,
                countries=tables.facets["country"].of(int(position)),
                themes=tables.facets["theme"].of(int(position)),
                year=year,
                translated=kind,
            )
        )
    return hits


_TOKEN = re.compile(r"(\w+)", re.UNICODE)


def highlight(text: str, language: str, parsed: ParsedQuery) -> SafeString:
    """`text` escaped, with the words that match the query in <mark>."""
    if parsed.empty:
        return mark_safe(html_escape(text))  # noqa: S308 - escaped just now
    parts: list[str] = []
    last = 0
    for match in _TOKEN.finditer(text):
        word = match.group(0)
        if stem(word.casefold(), language) in parsed.stems:
            parts.append(html_escape(text[last : match.start()]))
            parts.append(f"<mark>{html_escape(word)}</mark>")
            last = match.end()
    parts.append(html_escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece escaped


def _excerpt(text: str, language: str, parsed: ParsedQuery, words: int = 40) -> str:
    """About `words` words of `text`, starting a little before the first match."""
    tokens = text.split()
    if len(tokens) <= words:
        return text
    start = 0
    for index, token in enumerate(tokens):
        if any(stem(word, language) in parsed.stems for word in _TOKEN.findall(token.casefold())):
            start = max(0, index - 8)
            break
    excerpt = " ".join(tokens[start : start + words])
    return ("… " if start else "") + excerpt + " …"
