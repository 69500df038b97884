"""Search published practices: full text across languages, filters, facet counts, snippets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from sinergia.practices.models import Practice, PracticePopulation, Status
from sinergia.practices.search.backends import backend
from sinergia.practices.search.tokens import ParsedQuery, parse_query
from sinergia.registry.models import Country, Mechanism, Subregion
from sinergia.vocabulary.models import Concept
from sinergia.vocabulary.selectors import vocabulary_tagger
from sinergia.vocabulary.tagging import Tagger
from sinergia.vocabulary.text import stems

PAGE_SIZE = 20
FACETS = ("country", "subregion", "mechanism", "theme", "population", "language", "year")


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
    practice: Practice
    snippet: SafeString
    title: SafeString
    language: str  # the language shown
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


def _tables() -> dict[str, str]:
    return {
        "practice": Practice._meta.db_table,
        "countries": Practice.countries.through._meta.db_table,
        "mechanisms": Practice.mechanisms.through._meta.db_table,
        "themes": Practice.themes.through._meta.db_table,
        "population": PracticePopulation._meta.db_table,
        "country": Country._meta.db_table,
        "subregion": Subregion._meta.db_table,
        "mechanism": Mechanism._meta.db_table,
        "concept": Concept._meta.db_table,
    }


def _in(values: tuple[object, ...]) -> str:
    return ", ".join(["%s"] * len(values))


def _matched(query: SearchQuery, parsed: ParsedQuery) -> tuple[str, list[Any]]:
    """SQL yielding (practice_id, score, published_at) of every published practice that
    matches the text and the filters."""
    t = _tables()
    params: list[Any] = []
    if parsed.empty:
        sql = (
            f"SELECT p.id AS practice_id, 0 AS score, p.published_at FROM {t['practice']} p "
            "WHERE p.status = %s"
        )
        params.append(Status.PUBLISHED)
    else:
        match = backend().match(parsed)
        # The index holds published practices only; the status check is a second guard.
        sql = (
            f"SELECT m.practice_id, m.score, p.published_at FROM ({match.sql}) m "
            f"JOIN {t['practice']} p ON p.id = m.practice_id WHERE p.status = %s"
        )
        params.extend([*match.params, Status.PUBLISHED])
    if query.countries:
        sql += (
            f" AND p.id IN (SELECT x.practice_id FROM {t['countries']} x JOIN {t['country']} c "
            f"ON c.id = x.country_id WHERE c.iso3 IN ({_in(query.countries)}))"
        )
        params.extend(query.countries)
    if query.subregions:
        sql += (
            f" AND p.id IN (SELECT x.practice_id FROM {t['countries']} x JOIN {t['country']} c "
            f"ON c.id = x.country_id JOIN {t['subregion']} s ON s.id = c.subregion_id "
            f"WHERE s.key IN ({_in(query.subregions)}))"
        )
        params.extend(query.subregions)
    if query.mechanisms:
        sql += (
            f" AND p.id IN (SELECT x.practice_id FROM {t['mechanisms']} x JOIN {t['mechanism']} k "
            f"ON k.id = x.mechanism_id WHERE k.acronym IN ({_in(query.mechanisms)}))"
        )
        params.extend(query.mechanisms)
    if query.themes:
        sql += (
            f" AND p.id IN (SELECT x.practice_id FROM {t['themes']} x JOIN {t['concept']} k "
            f"ON k.id = x.concept_id WHERE k.key IN ({_in(query.themes)}))"
        )
        params.extend(query.themes)
    if query.populations:
        sql += (
            f" AND p.id IN (SELECT x.practice_id FROM {t['population']} x "
            f"WHERE x.population IN ({_in(query.populations)}))"
        )
        params.extend(query.populations)
    if query.languages:
        sql += f" AND p.language IN ({_in(query.languages)})"
        params.extend(query.languages)
    if query.years:
        sql += f" AND p.year IN ({_in(query.years)})"
        params.extend(query.years)
    return sql, params


def _facet_sql(name: str, matched: str) -> str:
    t = _tables()
    ids = f"SELECT practice_id FROM ({matched}) hits"
    return {
        "country": f"SELECT c.iso3, COUNT(*) FROM {t['countries']} x JOIN {t['country']} c "
        f"ON c.id = x.country_id WHERE x.practice_id IN ({ids}) GROUP BY c.iso3",
        "subregion": f"SELECT s.key, COUNT(DISTINCT x.practice_id) FROM {t['countries']} x "
        f"JOIN {t['country']} c ON c.id = x.country_id JOIN {t['subregion']} s "
        f"ON s.id = c.subregion_id WHERE x.practice_id IN ({ids}) GROUP BY s.key",
        "mechanism": f"SELECT k.acronym, COUNT(*) FROM {t['mechanisms']} x JOIN {t['mechanism']} k "
        f"ON k.id = x.mechanism_id WHERE x.practice_id IN ({ids}) GROUP BY k.acronym",
        "theme": f"SELECT k.key, COUNT(*) FROM {t['themes']} x JOIN {t['concept']} k "
        f"ON k.id = x.concept_id WHERE x.practice_id IN ({ids}) GROUP BY k.key",
        "population": f"SELECT x.population, COUNT(*) FROM {t['population']} x "
        f"WHERE x.practice_id IN ({ids}) GROUP BY x.population",
        "language": f"SELECT p.language, COUNT(*) FROM {t['practice']} p "
        f"WHERE p.id IN ({ids}) GROUP BY p.language",
        "year": f"SELECT p.year, COUNT(*) FROM {t['practice']} p "
        f"WHERE p.id IN ({ids}) AND p.year IS NOT NULL GROUP BY p.year",
    }[name]


def practice_search(
    query: SearchQuery,
    *,
    language: str = "es",
    facets: bool = True,
    tagger: Tagger | None = None,
) -> SearchResult:
    """Published practices matching `query`, a page of them with snippets in `language`
    where a translation exists, and the facet counts of the whole result."""
    parsed = parse_query(query.text, tagger or vocabulary_tagger())
    matched, params = _matched(query, parsed)
    order = (
        "score, practice_id"
        if query.sort == "relevance" and not parsed.empty
        else ("published_at DESC, practice_id DESC")
    )
    offset = (max(query.page, 1) - 1) * query.page_size
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({matched}) hits", params)
        count = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT practice_id FROM ({matched}) hits ORDER BY {order} LIMIT %s OFFSET %s",
            [*params, query.page_size, offset],
        )
        page_ids = [row[0] for row in cursor.fetchall()]
        facet_counts: dict[str, list[tuple[str, int]]] = {}
        if facets and count:
            for name in FACETS:
                cursor.execute(_facet_sql(name, matched), params)
                rows = [(str(value), int(total)) for value, total in cursor.fetchall()]
                facet_counts[name] = sorted(rows, key=lambda row: (-row[1], row[0]))
    practices = Practice.objects.filter(pk__in=page_ids).prefetch_related(
        "countries", "themes", "translations", "mechanisms", "populations"
    )
    by_id = {practice.pk: practice for practice in practices}
    hits = [_hit(by_id[pk], parsed, language) for pk in page_ids if pk in by_id]
    return SearchResult(query, parsed, count, hits, facet_counts)


_TOKEN = re.compile(r"(\w+)", re.UNICODE)


def highlight(text: str, language: str, parsed: ParsedQuery) -> SafeString:
    """`text` escaped, with the words that match the query in <mark>."""
    if parsed.empty:
        return mark_safe(escape(text))  # noqa: S308 - escaped just now
    parts = []
    for piece in _TOKEN.split(text):
        if (
            piece
            and _TOKEN.fullmatch(piece)
            and any(s in parsed.stems for s in stems(piece, language))
        ):
            parts.append(f"<mark>{escape(piece)}</mark>")
        else:
            parts.append(escape(piece))
    return mark_safe("".join(parts))  # noqa: S308 - every piece escaped


def _excerpt(text: str, language: str, parsed: ParsedQuery, words: int = 40) -> str:
    """About `words` words of `text`, starting a little before the first match."""
    tokens = text.split()
    if len(tokens) <= words:
        return text
    start = 0
    for index, token in enumerate(tokens):
        if any(s in parsed.stems for s in stems(token, language)):
            start = max(0, index - 8)
            break
    excerpt = " ".join(tokens[start : start + words])
    return ("… " if start else "") + excerpt + " …"


def _hit(practice: Practice, parsed: ParsedQuery, language: str) -> Hit:
    translation = next((t for t in practice.translations.all() if t.language == language), None)
    if translation and practice.language != language:
        title, summary, shown, kind = (
            translation.title,
            translation.summary,
            language,
            translation.kind,
        )
    else:
        title, summary, shown, kind = practice.title, practice.summary, practice.language, ""
    return Hit(
        practice=practice,
        title=highlight(title, shown, parsed),
        snippet=highlight(_excerpt(summary, shown, parsed), shown, parsed),
        language=shown,
        translated=kind,
    )
