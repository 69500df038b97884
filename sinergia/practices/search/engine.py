"""Search published practices: full text across languages, filters, facet counts, snippets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from html import escape as html_escape

import numpy as np
from django.db import connection
from django.utils.safestring import SafeString, mark_safe

from sinergia.practices.models import Practice, PracticeTranslation
from sinergia.practices.search import ranking
from sinergia.practices.search.backends import backend, first_row
from sinergia.practices.search.facets import FacetTables, facet_tables
from sinergia.practices.search.ranking import (
    GroupLists,
    average_length,
    candidates,
    common_groups,
    exact_scores,
    first_scores,
)
from sinergia.practices.search.spelling import spelling_suggestion
from sinergia.practices.search.tokens import MAX_GROUPS, Alternative, ParsedQuery, parse_query
from sinergia.vocabulary.selectors import vocabulary_tagger
from sinergia.vocabulary.tagging import Tagger
from sinergia.vocabulary.text import FUNCTION_WORDS, fold, stem

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
    # "Did you mean": the query with its misspelt words corrected from the index's words.
    suggestion: str = ""
    # The results are those of `suggestion`, since the query as typed found nothing.
    corrected: bool = False
    # With no result: how many each active filter would give if it were dropped.
    without_filter: list[tuple[str, str, int]] = field(default_factory=list)
    # How many results match every meaningful word (they come first).
    complete_count: int = 0

    @property
    def pages(self) -> int:
        return max(1, -(-self.count // self.query.page_size))

    @property
    def ids(self) -> list[int]:
        return [hit.id for hit in self.hits]


_frequencies: dict[tuple[int, tuple[Alternative, ...]], int] = {}
_FREQUENCIES_KEPT = 20_000


def group_counts(parsed: ParsedQuery, tables: FacetTables) -> list[int]:
    """For each group of the query, how many published practices match it. Counts are kept
    for the data as they are (their version)."""
    keys = [(tables.version, group.alternatives) for group in parsed.groups]
    missing = [
        group for group, key in zip(parsed.groups, keys, strict=True) if key not in _frequencies
    ]
    if missing:
        if len(_frequencies) > _FREQUENCIES_KEPT:
            _frequencies.clear()
        counts = backend().group_frequencies(missing)
        for group, count in zip(missing, counts, strict=True):
            _frequencies[(tables.version, group.alternatives)] = count
    return [_frequencies.get(key, 0) for key in keys]


def practice_word_counts(text: str, tagger: Tagger | None = None) -> dict[str, int]:
    """How many published practices hold each single word of `text` (folded), as the practice
    search reads it: a word no practice holds may be a typo; one some hold is a real word."""
    parsed = parse_query(text, tagger or vocabulary_tagger())
    if parsed.empty:
        return {}
    found: dict[str, int] = {}
    for group, count in zip(parsed.groups, group_counts(parsed, facet_tables()), strict=True):
        for word in group.words:  # each word of a term counts what the term finds
            key = fold(word.casefold())
            found[key] = max(found.get(key, 0), count)
    return found


def group_lists(parsed: ParsedQuery, common: list[bool], tables: FacetTables) -> GroupLists:
    """The query's posting lists, in one statement."""
    search = backend()
    # One row of comma-separated lists: thousands of matches cross into Python as a few
    # strings instead of thousands of row objects.
    row = first_row(search.group_lists(parsed.groups, common), search.match_settings)
    groups = len(parsed.groups)
    return GroupLists.from_row(row or [None] * 3 * groups, groups, tables.positions_of)


def _matches(
    parsed: ParsedQuery, tables: FacetTables, needed: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Positions of the practices the query finds, their relevance (the rank in the query's
    order, lower first: exact for the first candidates, see `ranking`) and the groups each
    matches. `needed`: how many of the first are shown (0 when the order is by date)."""
    total = len(tables.ids)
    frequencies = group_counts(parsed, tables)
    common = common_groups(frequencies, total)
    # Common groups are looked up among the rarer groups' matches; all of them when all are.
    lists = group_lists(parsed, common if not all(common) else [False] * len(common), tables)
    positions = np.flatnonzero(candidates(lists, common, total))
    masks, scores = first_scores(positions, lists, frequencies, total)
    coverage = _coverage(masks, len(parsed.groups))
    order = np.lexsort((positions, -scores, -coverage))
    window = order[: ranking.WINDOW] if needed else order[:0]
    if len(window):
        ids = tables.ids[positions[window]]
        found = exact_scores(
            backend().documents([int(pid) for pid in ids]),
            parsed.groups,
            frequencies,
            total,
            average_length(tables.version, total, backend().average_length),
        )
        exact = np.array([found.get(int(pid), 0.0) for pid in ids])
        window = window[np.lexsort((positions[window], -exact, -coverage[window]))]
        order = np.concatenate([window, order[len(window) :]])
    relevance = np.empty(len(positions), dtype=np.int64)
    relevance[order] = np.arange(len(positions))
    return positions, relevance, masks


def _coverage(masks: np.ndarray, groups: int = MAX_GROUPS) -> np.ndarray:
    """How many of the first `groups` groups each mask has."""
    counts = np.zeros(len(masks), dtype=np.int64)
    for bit in range(groups):
        counts += (masks >> bit) & 1
    return counts


def _filter_masks(query: SearchQuery, tables: FacetTables, size: int) -> dict[str, np.ndarray]:
    masks = {}
    for name, attribute in FILTERS.items():
        wanted = getattr(query, attribute)
        if wanted:
            masks[name] = tables.facets[name].mask_of({str(value) for value in wanted}, size)
    return masks


def _combined(masks: dict[str, np.ndarray], base: np.ndarray, leave_out: str = "") -> np.ndarray:
    selected = base.copy()
    for name, mask in masks.items():
        if name != leave_out:
            selected &= mask
    return selected


def practice_search(
    query: SearchQuery,
    *,
    language: str = "es",
    facets: bool = True,
    tagger: Tagger | None = None,
    correct: bool = True,
) -> SearchResult:
    """Published practices matching `query`, ranked: those matching every meaningful word
    first, then those matching most of them, each by relevance (fields weighted), an exact or
    near-exact title before all; the count; facet counts in which each facet's own filter is
    left out (so that a person can widen the search); one page of hits with highlighted
    snippets in `language` where a translation exists. A query that finds nothing because of
    a misspelt word is answered for the corrected query.

    The text is matched by the database's full-text index (posting lists in one statement); filters, facet
    counts and ordering run on the in-memory facet tables."""
    tagger = tagger or vocabulary_tagger()
    parsed = parse_query(query.text, tagger)
    tables = facet_tables()
    size = len(tables.ids)
    recency = tables.recency.astype(np.float64)  # newest first
    coverage = np.zeros(size, dtype=np.int64)
    relevance = np.zeros(size, dtype=np.int64)
    matched_groups = 0
    if parsed.empty:
        text_selected = np.ones(size, dtype=bool)
    else:
        shown = max(query.page, 1) * query.page_size if query.sort != "date" else 0
        positions, scores, masks = _matches(parsed, tables, shown)
        text_selected = np.zeros(size, dtype=bool)
        text_selected[positions] = True
        coverage[positions] = _coverage(masks, len(parsed.groups))
        relevance[positions] = scores
        matched_groups = int(np.bitwise_or.reduce(masks)) if len(masks) else 0
    filter_masks = _filter_masks(query, tables, size)
    selected = _combined(filter_masks, text_selected)
    count = int(selected.sum())
    suggestion = ""
    if not parsed.empty and correct:
        suggestion = spelling_suggestion(query.text, parsed, matched_groups, tables.version)
        if suggestion and count == 0:
            corrected = practice_search(
                replace(query, text=suggestion), language=language, facets=facets,
                tagger=tagger, correct=False,
            )  # fmt: skip
            if corrected.count:
                corrected.suggestion, corrected.corrected = suggestion, True
                return corrected
    candidates = np.flatnonzero(selected)
    facet_counts = {}
    if facets:
        for name in FACETS:
            base = _combined(filter_masks, text_selected, leave_out=name)
            if base.any():
                facet_counts[name] = tables.facets[name].counts(base, np.flatnonzero(base))
    if parsed.empty or query.sort == "date":
        order = candidates[np.lexsort((tables.ids[candidates], recency[candidates]))]
    else:
        order = candidates[
            np.lexsort((tables.ids[candidates], relevance[candidates], -coverage[candidates]))
        ]
        order = _titles_first(order, query.text, tables)
    complete = (
        int((coverage[candidates] == len(parsed.groups)).sum()) if not parsed.empty else count
    )
    offset = (max(query.page, 1) - 1) * query.page_size
    hits = _hits(tables, order[offset : offset + query.page_size], parsed, language)
    result = SearchResult(
        query, parsed, count, hits, facet_counts, suggestion=suggestion, complete_count=complete
    )
    if count == 0 and filter_masks:
        result.without_filter = [
            (name, ", ".join(map(str, getattr(query, FILTERS[name]))),
             int(_combined(filter_masks, text_selected, leave_out=name).sum()))
            for name in filter_masks
        ]  # fmt: skip
    return result


TITLE_CANDIDATES = 50


def _title_words(text: str) -> set[str]:
    return {fold(word) for word in re.findall(r"\w+", text.casefold())} - FUNCTION_WORDS


def _titles_first(order: np.ndarray, text: str, tables: FacetTables) -> np.ndarray:
    """An exact or near-exact title among the first candidates goes first: the query's words
    and the title's words (function words left out, accents and case folded) mostly agree."""
    if not title_rule_applies(text) or not len(order):
        return order
    head = [int(position) for position in order[:TITLE_CANDIDATES]]
    ids = [int(i) for i in tables.ids[head]]
    near = set(near_exact_titles(text, ids, practice_titles(ids)))
    promoted = [position for position, pid in zip(head, ids, strict=True) if pid in near]
    if not promoted:
        return order
    rest = order[~np.isin(order, promoted)]
    return np.concatenate([np.array(promoted, dtype=order.dtype), rest])


NEAR_EXACT_TITLE = 0.75


def title_rule_applies(text: str) -> bool:
    """Whether a query has enough words for a title to be near-exactly its own."""
    return len(_title_words(text)) >= 2


def near_exact_titles(text: str, ids: list[int], titles: dict[int, list[str]]) -> list[int]:
    """Those of `ids` (in their order) having a title, original or translated, whose words
    mostly agree with the query's."""
    wanted = _title_words(text)
    near = []
    for pid in ids:
        for title in titles.get(pid, []):
            words = _title_words(title)
            if words and len(wanted & words) / len(wanted | words) >= NEAR_EXACT_TITLE:
                near.append(pid)
                break
    return near


def practice_titles(ids: list[int]) -> dict[int, list[str]]:
    """The titles of some practices, original and translated."""
    if not ids:
        return {}
    marks = ", ".join(["%s"] * len(ids))
    titles: dict[int, list[str]] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, title FROM {Practice._meta.db_table} WHERE id IN ({marks})", ids
        )
        for pid, title in cursor.fetchall():
            titles.setdefault(pid, []).append(title)
        cursor.execute(
            f"SELECT practice_id, title FROM {PracticeTranslation._meta.db_table} "
            f"WHERE practice_id IN ({marks})",
            ids,
        )
        for pid, title in cursor.fetchall():
            titles.setdefault(pid, []).append(title)
    return titles


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
