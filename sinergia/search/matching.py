"""Matching of the site search over small sets of records (mechanisms, countries, themes,
sessions, contributions, meetings): pure functions over plain records, no database.

A record carries its names and texts in the four languages. Each is indexed once as folded
words and their stems in the text's language (in all four when the language is unknown). A
query keeps its meaningful words — function words of es, en, fr and pt are dropped, words in
capitals are acronyms matched as written — and a record is found when it holds most of them,
weighed by how rare each word is among the records. The best first: an exact name or
acronym, then the most words matched, then the most matched in a name.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from sinergia.i18n import LANGUAGE_CODES
from sinergia.vocabulary.text import STOPWORDS, fold, stem

MAX_QUERY_CHARS = 300
WEIGHT_NEEDED = 2 / 3  # of the query's words, weighed by rarity, that a record must hold

_WORD = re.compile(r"\w+", re.UNICODE)
_FUNCTION_WORDS = frozenset(fold(word) for words in STOPWORDS.values() for word in words)


@dataclass(frozen=True)
class Text:
    """A name or a text, in `language` (None when unknown: indexed in every language)."""

    text: str
    language: str | None = None


@dataclass(frozen=True)
class Record:
    """One thing the site search can find, in every language at once.

    What is shown, by language: `titles`, a line of context (`meta`) and a longer text
    (`details`) of which the snippet shows the part that matches, written in
    `details_language` when that is not the reader's language. What finds it: `names` (names,
    labels, synonyms; the query being one of them ranks it first), `codes` (acronyms and
    codes, matched as written) and `texts` (descriptions, statements). `order` breaks ties
    (lower first) before the title's alphabetical order; `key` is what its address is built
    from."""

    kind: str
    key: str
    titles: Mapping[str, str]
    meta: Mapping[str, str] = field(default_factory=dict)
    details: Mapping[str, str] = field(default_factory=dict)
    details_language: str = ""
    names: tuple[Text, ...] = ()
    codes: tuple[str, ...] = ()
    texts: tuple[Text, ...] = ()
    order: int = 0


@dataclass(frozen=True)
class IndexedRecord:
    """A record with the words that find it, computed once (records are cached)."""

    record: Record
    name_terms: frozenset[str]
    terms: frozenset[str]  # name_terms and those of the texts
    exact: frozenset[str]  # its names and codes, folded, as whole phrases


@dataclass(frozen=True)
class Query:
    """A query as its meaningful words, each with the forms that match it."""

    text: str
    words: tuple[frozenset[str], ...]
    phrase: str  # every word folded, function words kept: compared with whole names

    @property
    def empty(self) -> bool:
        return not self.words

    @property
    def forms(self) -> frozenset[str]:
        return frozenset().union(*self.words)


@dataclass(frozen=True)
class Match:
    record: Record
    exact: bool
    matched: int  # query words found in the record
    in_names: int  # query words found in its names and codes
    weight: float  # the rarity of the words found, summed


def _phrase(text: str) -> str:
    return " ".join(fold(word) for word in _WORD.findall(text))


def _word_forms(word: str, language: str | None) -> set[str]:
    """The folded word and its stem in `language` (in each language when None)."""
    lower = word.casefold()
    forms = {fold(lower)}
    for code in (language,) if language else LANGUAGE_CODES:
        forms.add(stem(lower, code))
    forms.discard("")
    return forms


def _terms(texts: Iterable[Text]) -> set[str]:
    terms: set[str] = set()
    for text in texts:
        for word in _WORD.findall(text.text):
            terms |= _word_forms(word, text.language)
    return terms


def index_record(record: Record) -> IndexedRecord:
    """The words that find `record`: folded words and stems of its names, codes and texts."""
    names = _terms(record.names) | {fold(code) for code in record.codes}
    texts = _terms(record.texts)
    exact = {_phrase(name.text) for name in record.names} | {_phrase(c) for c in record.codes}
    exact.discard("")
    return IndexedRecord(record, frozenset(names), frozenset(names | texts), frozenset(exact))


def _is_acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper() and fold(word) not in _FUNCTION_WORDS


def parse_query(text: str) -> Query:
    """The meaningful words of `text` (at most MAX_QUERY_CHARS characters are read): an
    acronym (CRM, MIRPS) stands for itself; another word for itself folded and its stem in
    each language; function words, single letters and repeated words are dropped."""
    text = text[:MAX_QUERY_CHARS].strip()
    words: list[frozenset[str]] = []
    for word in _WORD.findall(text):
        folded = fold(word)
        if _is_acronym(word) or folded.isdigit():
            forms = frozenset({folded})
        elif folded in _FUNCTION_WORDS or len(folded) < 2:
            continue
        else:
            forms = frozenset(_word_forms(word, None))
        if forms and forms not in words:
            words.append(forms)
    return Query(text=text, words=tuple(words), phrase=_phrase(text))


def _found(forms: frozenset[str], terms: frozenset[str]) -> bool:
    return not forms.isdisjoint(terms)


def rank(
    records: Sequence[IndexedRecord],
    query: Query,
    language: str,
    elsewhere: frozenset[int] = frozenset(),
) -> list[Match]:
    """The records that match `query`, the best first: an exact name or code, then the most
    words matched, then the most matched in names, then `order`, then the title in
    `language` alphabetically.

    A record matches when the words it holds weigh at least two thirds of the query's words
    found among `records`, each word weighing more the fewer records hold it: in a list of
    mechanisms on migration "migración" weighs little, "Quito" much. A word no record holds
    weighs nothing when it may be a typo, and as much as the rarest when Sinergia knows it
    elsewhere (the positions of such words in `elsewhere`): "work permit" is about permits,
    so the mechanisms that only "work" are not what it asks for."""
    if query.empty:
        return []
    holders = [
        [position for position, indexed in enumerate(records) if _found(forms, indexed.terms)]
        for forms in query.words
    ]
    rarest = math.log(1 + len(records)) if records else 0.0
    weights = [
        math.log(1 + len(records) / len(held)) if held else rarest if index in elsewhere else 0.0
        for index, held in enumerate(holders)
    ]
    needed = WEIGHT_NEEDED * sum(weights)
    weight_of: dict[int, float] = {}
    count_of: dict[int, int] = {}
    for held, weight in zip(holders, weights, strict=True):
        for position in held:
            weight_of[position] = weight_of.get(position, 0.0) + weight
            count_of[position] = count_of.get(position, 0) + 1
    found = []
    for position, indexed in enumerate(records):
        exact = query.phrase in indexed.exact
        if not exact and (position not in count_of or weight_of[position] < needed - 1e-9):
            continue
        in_names = sum(1 for forms in query.words if _found(forms, indexed.name_terms))
        found.append(
            Match(
                indexed.record,
                exact,
                count_of.get(position, 0),
                in_names,
                weight_of.get(position, 0.0),
            )
        )
    found.sort(
        key=lambda m: (
            not m.exact,
            -m.matched,
            -m.in_names,
            -m.weight,
            m.record.order,
            fold(title_in(m.record.titles, language)),
        )
    )
    return found


def pick(values: Mapping[str, str], language: str) -> tuple[str, str]:
    """The value for `language`, else Spanish, English or any other present, and the
    language it is in; ("", "") when there is none."""
    for code in (language, "es", "en", *values):
        if values.get(code):
            return values[code], code
    return "", ""


def title_in(values: Mapping[str, str], language: str) -> str:
    return pick(values, language)[0]


def excerpt(text: str, query: Query, language: str | None = None, words: int = 30) -> str:
    """About `words` words of `text`, starting a little before the first word that matches
    `query`; "…" marks what is left out."""
    tokens = text.split()
    if len(tokens) <= words:
        return " ".join(tokens)
    start = 0
    forms = query.forms
    for index, token in enumerate(tokens):
        if any(_word_forms(word, language) & forms for word in _WORD.findall(token)):
            start = max(0, min(index - 6, len(tokens) - words))
            break
    shown = " ".join(tokens[start : start + words])
    return ("… " if start else "") + shown + (" …" if start + words < len(tokens) else "")


def highlight(text: str, query: Query, language: str | None = None) -> Sequence[tuple[str, bool]]:
    """`text` cut into (piece, matches) pairs: the words that match the query are marked."""
    if query.empty:
        return [(text, False)] if text else []
    forms = query.forms
    pieces: list[tuple[str, bool]] = []
    last = 0
    for found in _WORD.finditer(text):
        if _word_forms(found.group(0), language) & forms:
            if found.start() > last:
                pieces.append((text[last : found.start()], False))
            pieces.append((found.group(0), True))
            last = found.end()
    if last < len(text):
        pieces.append((text[last:], False))
    return pieces
