"""The tokens both search backends index and query: one normalisation for both databases."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sinergia.vocabulary.tagging import LANGUAGES, Tagger
from sinergia.vocabulary.text import stems

_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]")
MAX_CONCEPTS_PER_WORD = 2


def concept_token(key: str) -> str:
    """A concept as one searchable word: "trafficking-in-persons" -> "zzctraffickinginpersons"."""
    return "zzc" + _NOT_ALPHANUMERIC.sub("", key)


def _clean(stem: str) -> str:
    return _NOT_ALPHANUMERIC.sub("", stem)


def document_tokens(texts: Iterable[tuple[str, str]], concepts: Iterable[str]) -> str:
    """The indexed text of a practice: stems of each (text, language) and its concept tokens."""
    words: list[str] = []
    for text, language in texts:
        words.extend(token for token in map(_clean, stems(text, language)) if token)
    words.extend(concept_token(key) for key in sorted(set(concepts)))
    return " ".join(words)


@dataclass(frozen=True)
class ParsedQuery:
    """A query as groups of alternatives: every group must match (AND); within a group any
    alternative will do (OR) — the word's stem in each language, or a concept it names."""

    groups: list[list[str]]
    stems: frozenset[str]  # every stem of the query, for highlighting
    concepts: list[str]

    @property
    def empty(self) -> bool:
        return not self.groups


def parse_query(text: str, tagger: Tagger) -> ParsedQuery:
    text = text.strip()[:300]
    concept_of_stem: dict[str, set[str]] = {}
    concepts: list[str] = []
    for language in LANGUAGES:
        for match in tagger.tag(text, language):
            if match.key not in concepts:
                concepts.append(match.key)
            for term in match.terms:
                for stem in stems(term, language):
                    concept_of_stem.setdefault(_clean(stem), set()).add(match.key)
    groups: list[list[str]] = []
    all_stems: set[str] = set()
    for word in re.findall(r"\w+", text):
        alternatives: set[str] = set()
        for language in LANGUAGES:
            alternatives.update(token for token in map(_clean, stems(word, language)) if token)
        if not alternatives:
            continue  # a function word in every language
        all_stems.update(alternatives)
        named = set().union(*(concept_of_stem.get(stem, set()) for stem in alternatives))
        if not named:
            # A lone word of a term ("trafficking") names its concept when it is distinctive:
            # part of the terms of at most two concepts.
            partial = set().union(*(tagger.concepts_with_stem(stem) for stem in alternatives))
            if 0 < len(partial) <= MAX_CONCEPTS_PER_WORD:
                named = partial
        group = sorted(alternatives) + sorted(concept_token(key) for key in named)
        if group not in groups:
            groups.append(group)
    return ParsedQuery(groups, frozenset(all_stems), concepts)
