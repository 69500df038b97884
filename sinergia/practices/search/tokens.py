"""The tokens both search backends index and query: one normalisation for both databases.

A practice is indexed in four fields: its title, summary and body as stems of its own language
(and of each translation's), and a field of language-neutral tags: the concepts of the
vocabulary, the sets of the multilingual term list and the countries it speaks of. A query is
read in each of the four languages: its function words are dropped, each multi-word term it
contains (a concept, a term set, a country) becomes one group whose alternatives are its tag
(which every document saying any of its terms in any language carries, a term inside a
longer one included) and the words as a phrase in each language, and each other word a group
of its stems in the four languages. The full index is matched by the tag alone, which reads
no word positions; the phrases are looked for in titles and summaries (which have no tags)
and counted in the exact score. Documents matching every group rank first, then those
matching most of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import pycountry
import yaml
from django.conf import settings

from sinergia.i18n import LANGUAGE_CODES, territory_names
from sinergia.vocabulary.tagging import ConceptTerms, Tagger
from sinergia.vocabulary.terms import term_sets
from sinergia.vocabulary.text import FUNCTION_WORDS, fold, stem, stems

_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]")
_QUOTED = re.compile(r'"([^"]+)"')
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_CONCEPTS_PER_WORD = 2
# Bounds on the work a query may ask for: the first words only.
MAX_QUERY_CHARACTERS = 300
MAX_GROUPS = 16

# A token or a phrase (tokens that must follow one another).
Alternative = tuple[str, ...]


def concept_token(key: str) -> str:
    """A concept as one searchable word: "trafficking-in-persons" -> "zzctraffickinginpersons"."""
    return "zzc" + _NOT_ALPHANUMERIC.sub("", key)


def term_token(key: str) -> str:
    """A set of the term list as one searchable word."""
    return "zzt" + _NOT_ALPHANUMERIC.sub("", key)


def country_token(iso3: str) -> str:
    return "zzk" + iso3.lower()


def _clean(stem: str) -> str:
    return _NOT_ALPHANUMERIC.sub("", stem)


@cache
def term_tagger() -> Tagger:
    """The multilingual term list as a tagger (its sets as concepts); generic sets left out."""
    return Tagger(
        ConceptTerms(
            key=item.id, terms={lang: list(item.in_language(lang)) for lang in LANGUAGE_CODES}
        )
        for item in term_sets()
        if not item.generic
    )


@cache
def term_concepts() -> dict[str, str]:
    """The concept of the vocabulary each set of the term list belongs to, where it has one."""
    return {item.id: item.concept for item in term_sets() if item.concept}


@cache
def country_tagger() -> Tagger:
    """Countries by their CLDR names and their nationals' names, in the four languages."""
    from sinergia.registry.models import Country

    path = settings.SINERGIA_DATA_DIR / "vocabulary" / "demonyms.yaml"
    demonyms = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    codes = dict(Country.objects.values_list("iso3", "iso2"))
    for iso3 in demonyms:
        if iso3 not in codes and (found := pycountry.countries.get(alpha_3=iso3)):
            codes[iso3] = found.alpha_2
    entries = []
    for iso3, iso2 in sorted(codes.items()):
        terms: dict[str, list[str]] = {}
        for language, name in territory_names(iso2).items():
            terms[language] = [name, *demonyms.get(iso3, {}).get(language, [])]
        entries.append(ConceptTerms(key=iso3, terms=terms))
    return Tagger(entries)


@dataclass(frozen=True)
class DocumentTokens:
    title: str
    summary: str
    body: str
    tags: str


def _stem_text(texts: Iterable[tuple[str, str]]) -> str:
    words: list[str] = []
    for text, language in texts:
        words.extend(token for token in map(_clean, stems(text, language)) if token)
    return " ".join(words)


def document_tokens(
    fields: dict[str, list[tuple[str, str]]],
    concepts: Iterable[str],
    terms: Iterable[str] = (),
    countries: Iterable[str] = (),
) -> DocumentTokens:
    """The indexed fields of a practice: `fields` maps title, summary and body to their
    (text, language) pairs (the original and each translation)."""
    tags = [concept_token(key) for key in sorted(set(concepts))]
    tags += [term_token(key) for key in sorted(set(terms))]
    tags += [country_token(iso3) for iso3 in sorted(set(countries))]
    return DocumentTokens(
        title=_stem_text(fields.get("title", [])),
        summary=_stem_text(fields.get("summary", [])),
        body=_stem_text(fields.get("body", [])),
        tags=" ".join(tags),
    )


@dataclass(frozen=True)
class Group:
    """One meaningful part of the query: any of its alternatives matches it."""

    words: tuple[str, ...]  # the words of the query it stands for
    alternatives: tuple[Alternative, ...]
    phrase: bool = False  # written between quotes
    # A term's group: its tag stands for its phrases wherever documents have tags.
    tagged: bool = False

    @property
    def tagged_alternatives(self) -> tuple[Alternative, ...]:
        """The alternatives looked for where documents carry tags (the full index): a tagged
        group's tags and words, without its phrases."""
        if not self.tagged:
            return self.alternatives
        return tuple(alternative for alternative in self.alternatives if len(alternative) == 1)


@dataclass(frozen=True)
class ParsedQuery:
    """A query as groups: documents matching all of them first, then most of them."""

    groups: list[Group]
    stems: frozenset[str]  # every stem of the query and of its equivalents, for highlighting
    concepts: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.groups


def _word_stems(word: str) -> set[str]:
    return {token for token in (_clean(stem(word, lang)) for lang in LANGUAGE_CODES) if token}


def _spans(words: list[str], tagger: Tagger) -> list[tuple[int, int, str]]:
    """(first word, last word + 1, key) of every entry of `tagger` found in `words`, in any
    language; words that are function words in a language are skipped in it."""
    found: set[tuple[int, int, str]] = set()
    for language in LANGUAGE_CODES:
        positions = [i for i, word in enumerate(words) if stem(word, language)]
        sequence = [stem(words[i], language) for i in positions]
        for start, end, key in tagger.spans(sequence, language):
            found.add((positions[start], positions[end - 1] + 1, key))
    return sorted(found)


def _equivalent_phrases(tagger: Tagger, key: str) -> set[Alternative]:
    return {tuple(_clean(s) for s in phrase) for phrase in tagger.phrases_of(key)}


def _phrase_alternatives(words: list[str]) -> set[Alternative]:
    """The words as a phrase in each language, function words of that language dropped."""
    phrases = set()
    for language in LANGUAGE_CODES:
        phrase = tuple(t for t in (_clean(stem(word, language)) for word in words) if t)
        if phrase:
            phrases.add(phrase)
    return phrases


def parse_query(text: str, tagger: Tagger) -> ParsedQuery:
    """Groups of a query typed by a person, in any of the four languages."""
    text = text.strip()[:MAX_QUERY_CHARACTERS]
    groups: list[Group] = []
    highlight: set[str] = set()
    for quoted in _QUOTED.findall(text):
        words = _WORD.findall(quoted.casefold())
        phrases = _phrase_alternatives(words)
        if phrases:
            groups.append(Group(tuple(words), tuple(sorted(phrases)), phrase=True))
            highlight.update(token for phrase in phrases for token in phrase)
    rest = _QUOTED.sub(" ", text).casefold()
    all_words = _WORD.findall(rest)
    meaningful = [word for word in all_words if fold(word) not in FUNCTION_WORDS]
    words = meaningful or all_words  # a query of function words only keeps them
    concepts: list[str] = []
    covered: set[int] = set()
    taggers = {"c": tagger, "t": term_tagger(), "k": country_tagger()}
    spans: list[tuple[int, int, str, str]] = []
    for kind, source in taggers.items():
        spans.extend((start, end, kind, key) for start, end, key in _spans(words, source))
    # Longest first: "permiso especial de permanencia" before "permanencia".
    spans.sort(key=lambda span: (-(span[1] - span[0]), span[0]))
    span_groups: dict[tuple[int, int], set[Alternative]] = {}
    equivalents: set[Alternative] = set()
    for start, end, kind, key in spans:
        if (
            any(position in covered for position in range(start, end))
            and (
                start,
                end,
            )
            not in span_groups
        ):
            continue
        alternatives = span_groups.setdefault((start, end), set())
        covered.update(range(start, end))
        # A document saying the term in any language carries its tag: the tag stands for
        # every equivalent phrase, which are kept only to highlight them. The words as
        # typed are kept as phrases, for titles and summaries and the exact score.
        if kind == "c":
            alternatives.add((concept_token(key),))
            concepts.append(key)
            equivalents |= _equivalent_phrases(tagger, key)
        elif kind == "t":
            alternatives.add((term_token(key),))
            equivalents |= _equivalent_phrases(taggers["t"], key)
            concept = term_concepts().get(key)
            if concept:
                alternatives.add((concept_token(concept),))
        else:
            alternatives.add((country_token(key),))
        alternatives |= _phrase_alternatives(words[start:end])
    for position, word in enumerate(words):
        for (start, end), alternatives in span_groups.items():
            if start == position:
                groups.append(
                    Group(tuple(words[start:end]), tuple(sorted(alternatives)), tagged=True)
                )
                highlight.update(token for alt in alternatives for token in alt)
        if position in covered:
            continue
        alternatives = {(token,) for token in _word_stems(word)}
        if not alternatives:
            continue
        named = set().union(*(tagger.concepts_with_stem(alt[0]) for alt in alternatives))
        if 0 < len(named) <= MAX_CONCEPTS_PER_WORD:
            alternatives |= {(concept_token(key),) for key in named}
        groups.append(Group((word,), tuple(sorted(alternatives))))
        highlight.update(alt[0] for alt in alternatives)
    unique: list[Group] = []
    for group in groups:
        if group.alternatives not in [seen.alternatives for seen in unique]:
            unique.append(group)
    highlight.update(token for phrase in equivalents for token in phrase)
    highlight = {token for token in highlight if not token.startswith(("zzc", "zzt", "zzk"))}
    return ParsedQuery(unique[:MAX_GROUPS], frozenset(highlight), concepts)
