"""Find the vocabulary's concepts in text, in any of the four languages.

Pure: the tagger is built from plain `ConceptTerms` (see `selectors.concept_terms`) and
knows nothing of the database. Matching is on stemmed, accent- and case-folded words, so
"Regularización migratoria", "regularizaciones migratorias" and "REGULARIZACION" agree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from sinergia.i18n import LANGUAGE_CODES
from sinergia.vocabulary.text import stems


@dataclass(frozen=True)
class ConceptTerms:
    """A concept and the terms (label and synonyms) that express it in each language."""

    key: str
    terms: dict[str, list[str]]


@dataclass(frozen=True)
class ConceptMatch:
    """A concept found in a text: how often, and by which terms."""

    key: str
    count: int
    terms: tuple[str, ...] = field(default=())


class Tagger:
    """Finds concepts in text. Build once per vocabulary; `tag` is cheap."""

    def __init__(self, concepts: Iterable[ConceptTerms]):
        # language -> first stem -> [(phrase stems, concept key, original term)]
        self._index: dict[str, dict[str, list[tuple[tuple[str, ...], str, str]]]] = {
            language: {} for language in LANGUAGE_CODES
        }
        for concept in concepts:
            for language, terms in concept.terms.items():
                if language not in self._index:
                    continue
                for term in terms:
                    phrase = tuple(stems(term, language))
                    if phrase:
                        self._index[language].setdefault(phrase[0], []).append(
                            (phrase, concept.key, term)
                        )
        # Every phrase of each concept, in all languages.
        self._phrases: dict[str, set[tuple[str, ...]]] = {}
        for by_first in self._index.values():
            for candidates in by_first.values():
                for phrase, key, _term in candidates:
                    self._phrases.setdefault(key, set()).add(phrase)
        # Every stem of every term, to the concepts whose terms contain it (all languages).
        self._by_stem: dict[str, set[str]] = {}
        for by_first in self._index.values():
            for candidates in by_first.values():
                for phrase, key, _term in candidates:
                    for stem in phrase:
                        self._by_stem.setdefault(stem, set()).add(key)
        for by_first in self._index.values():
            for candidates in by_first.values():
                candidates.sort(key=lambda candidate: -len(candidate[0]))  # longest first

    def tag(self, text: str, language: str | None = None) -> list[ConceptMatch]:
        """The concepts `text` speaks of, most mentioned first.

        With `language` unknown (None), the text is read in each of the four languages.
        """
        languages = [language] if language in self._index else list(LANGUAGE_CODES)
        counts: Counter[str] = Counter()
        terms: dict[str, set[str]] = {}
        for lang in languages:
            for key, term in self._find(stems(text, lang), lang):
                counts[key] += 1
                terms.setdefault(key, set()).add(term)
        return [
            ConceptMatch(key=key, count=count, terms=tuple(sorted(terms[key])))
            for key, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        ]

    def concepts_with_stem(self, stem: str) -> set[str]:
        """The concepts that have a term containing this (folded) stem, in any language."""
        return self._by_stem.get(stem, set())

    def phrases_of(self, key: str) -> set[tuple[str, ...]]:
        """The stemmed terms of one concept, in every language."""
        return self._phrases.get(key, set())

    def spans(self, words: list[str], language: str) -> list[tuple[int, int, str]]:
        """(start, end, key) of every term found in a list of stems of `language`, the
        longest at each position."""
        index = self._index.get(language, {})
        found = []
        for position, word in enumerate(words):
            for phrase, key, _term in index.get(word, ()):
                if tuple(words[position : position + len(phrase)]) == phrase:
                    found.append((position, position + len(phrase), key))
        return found

    def concept_keys(self, text: str, language: str | None = None) -> list[str]:
        return [match.key for match in self.tag(text, language)]

    def keys_anywhere(self, text: str, language: str) -> set[str]:
        """Every concept a term of which `text` says, overlapping terms included ("permiso de
        trabajo" inside "permiso de trabajo temporal"): what a search index tags a text
        with, so that a tag finds every text saying any of its terms."""
        return {key for _start, _end, key in self.spans(stems(text, language), language)}

    def _find(self, words: list[str], language: str) -> Iterable[tuple[str, str]]:
        index = self._index[language]
        position = 0
        while position < len(words):
            advanced = 1
            seen_here: set[str] = set()
            for phrase, key, term in index.get(words[position], ()):
                if (
                    tuple(words[position : position + len(phrase)]) == phrase
                    and key not in seen_here
                ):
                    seen_here.add(key)
                    yield key, term
                    advanced = max(advanced, len(phrase))
            position += advanced
