"""The site search: one query over every kind of thing Sinergia holds, grouped by kind, in
the reader's language, with only what the reader may see."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import translation
from django.utils.html import strip_tags

from sinergia.accounts.services import Actor
from sinergia.practices.search import SearchQuery, practice_search, practice_word_counts
from sinergia.search.matching import (
    MAX_QUERY_CHARS,
    IndexedRecord,
    Query,
    Record,
    excerpt,
    highlight,
    parse_query,
    pick,
    rank,
)
from sinergia.search.records import indexed_records

# The kinds, in the order the page shows them.
KINDS = ("mechanism", "country", "theme", "practice", "session", "contribution", "meeting")
SMALL_KINDS = tuple(kind for kind in KINDS if kind != "practice")

# Where each kind of record is shown: the page's name and the part of it that holds it.
_ADDRESSES = {
    "mechanism": ("mechanism_detail", ""),
    "country": ("country_detail", ""),
    "theme": ("theme_detail", ""),
    "session": ("session_detail", ""),
    "contribution": ("contribution_detail", ""),
    "meeting": ("mechanism_detail", "#meetings-title"),
}


@dataclass(frozen=True)
class Result:
    kind: str
    title: str
    title_language: str  # "" when written in the reader's language
    url: str  # site-relative, in the reader's language
    meta: str  # a line of context: kind of mechanism, date and place, status
    snippet: str
    snippet_parts: Sequence[tuple[str, bool]]  # the snippet, the words that match marked
    snippet_language: str  # "" when written in the reader's language

    @property
    def summary(self) -> str:
        """The context line and the snippet, in one line."""
        return " — ".join(part for part in (self.meta, self.snippet) if part)


@dataclass(frozen=True)
class Group:
    kind: str
    count: int  # every match, of which `results` are the first
    results: list[Result]


@dataclass(frozen=True)
class SiteSearch:
    query: Query
    groups: list[Group]  # the kinds asked for, in KINDS order, empty ones included
    # "Did you mean": the query with its misspelt words corrected from the practices' words.
    suggestion: str = ""
    # The practices shown are those of `suggestion`, since the query as typed found none.
    corrected: bool = False

    @property
    def count(self) -> int:
        return sum(group.count for group in self.groups)


def _url(record: Record, language: str) -> str:
    name, fragment = _ADDRESSES[record.kind]
    with translation.override(language):
        return reverse(name, args=[record.key]) + fragment


def _result(record: Record, query: Query, language: str) -> Result:
    title, title_language = pick(record.titles, language)
    details, written_in = pick(record.details, language)
    written_in = record.details_language or written_in or language
    snippet = excerpt(details, query, written_in) if details else ""
    return Result(
        kind=record.kind,
        title=title,
        title_language="" if title_language in {"", language} else title_language,
        url=_url(record, language),
        meta=pick(record.meta, language)[0],
        snippet=snippet,
        snippet_parts=highlight(snippet, query, written_in),
        snippet_language="" if written_in == language else written_in,
    )


def _practice_group(query: Query, language: str, limit: int) -> tuple[Group, str, bool]:
    """Published practices, from the practice search (which ranks them and corrects a
    misspelt word); its suggestion, and whether the practices are the suggestion's."""
    if query.empty:
        return Group("practice", 0, []), "", False
    found = practice_search(SearchQuery(text=query.text, page_size=limit), language=language)
    results = []
    for hit in found.hits[:limit]:
        snippet = html.unescape(strip_tags(str(hit.snippet)))
        with translation.override(language):
            url = reverse("practice_detail", args=[hit.id])
        results.append(
            Result(
                kind="practice",
                title=hit.plain_title,
                title_language="" if hit.language == language else hit.language,
                url=url,
                meta="",
                snippet=snippet,
                snippet_parts=highlight(snippet, query, hit.language),
                snippet_language="" if hit.language == language else hit.language,
            )
        )
    return Group("practice", found.count, results), found.suggestion, found.corrected


def _holders(
    query: Query, records: dict[str, list[IndexedRecord]], in_practices: set[str]
) -> list[set[str]]:
    """For each word of the query, the kinds of record that hold it ("practice" included)."""
    holders = []
    for forms in query.words:
        kinds = {"practice"} if not forms.isdisjoint(in_practices) else set()
        for kind, held in records.items():
            if any(not forms.isdisjoint(indexed.terms) for indexed in held):
                kinds.add(kind)
        holders.append(kinds)
    return holders


def _known_elsewhere(holders: list[set[str]], kind: str) -> frozenset[int]:
    """The positions of the words that another kind than `kind` holds: real words, not
    typos, even where no record of `kind` has them."""
    return frozenset(index for index, kinds in enumerate(holders) if kinds - {kind})


def practice_search_url(text: str, language: str) -> str:
    """The practice search page for `text`, where every matching practice is listed."""
    with translation.override(language):
        return f"{reverse('practice_list')}?{urlencode({'q': text})}"


def site_search(
    text: str,
    *,
    actor: Actor,
    language: str,
    kinds: Sequence[str] = KINDS,
    limit: int = 10,
    practice_limit: int | None = None,
) -> SiteSearch:
    """What matches `text` (its first MAX_QUERY_CHARS characters), grouped by kind in KINDS
    order: up to `limit` results of each kind (`practice_limit` for practices), and how many
    there are in all. Drafts and withdrawn contributions only for those who may see them;
    published practices only."""
    query = parse_query(text[:MAX_QUERY_CHARS])
    wanted = [kind for kind in KINDS if kind in kinds]
    small = [kind for kind in wanted if kind != "practice"]
    # Every small kind is read, also those not asked for, to tell real words from typos.
    records = indexed_records(list(SMALL_KINDS), actor) if small and not query.empty else {}
    in_practices = (
        {word for word, count in practice_word_counts(query.text).items() if count}
        if small and not query.empty
        else set()
    )
    holders = _holders(query, records, in_practices)
    groups = []
    suggestion, corrected = "", False
    for kind in wanted:
        if kind == "practice":
            group, suggestion, corrected = _practice_group(query, language, practice_limit or limit)
            groups.append(group)
            continue
        elsewhere = _known_elsewhere(holders, kind)
        matches = rank(records.get(kind, []), query, language, elsewhere)
        groups.append(
            Group(kind, len(matches), [_result(m.record, query, language) for m in matches[:limit]])
        )
    return SiteSearch(query, groups, suggestion, corrected)
