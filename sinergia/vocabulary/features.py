"""Texts as TF-IDF vectors that can be compared across languages.

A text's features are its stemmed, accent-folded content words (per language), the
vocabulary concepts it carries (`c:` features, the same in every language) and the tokens
that survive translation: numbers, acronyms and capitalised names (`n:` features).
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from sinergia.vocabulary.text import STEMMER_LANGUAGES, fold, stem

_WORD = re.compile(r"\w+", re.UNICODE)
# Numbers of three digits or more, and acronyms of two capitals or more (MIRPS, CRM, 2018).
_NEUTRAL = re.compile(r"\b(?:\d{3,}|[A-Z][A-Z0-9]{1,})\b")

CONCEPT_WEIGHT = 2.0  # a shared theme counts as much as two rare shared words


@dataclass(frozen=True)
class FeatureMatrix:
    """Row-normalised TF-IDF vectors of a list of texts, and what each column means."""

    vectors: sparse.csr_matrix
    features: list[str]
    document_frequency: np.ndarray

    @property
    def size(self) -> int:
        return int(self.vectors.shape[0])


class _Vocabulary:
    """Maps words to feature ids, stemming each distinct word of a language once."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.names: list[str] = []
        self.word_ids: dict[str, dict[str, int]] = {language: {} for language in STEMMER_LANGUAGES}

    def feature(self, name: str) -> int:
        feature_id = self.ids.get(name)
        if feature_id is None:
            feature_id = self.ids[name] = len(self.names)
            self.names.append(name)
        return feature_id

    def word(self, word: str, language: str) -> int:
        """The feature of a lower-cased word in `language`; -1 for a function word."""
        cache = self.word_ids[language]
        feature_id = cache.get(word)
        if feature_id is None:
            folded = stem(word, language)
            feature_id = self.feature(f"w:{language}:{folded}") if folded else -1
            cache[word] = feature_id
        return feature_id


def text_features(
    texts: Sequence[tuple[str, str]],
    themes: Sequence[Iterable[str]] | None = None,
    *,
    concept_weight: float = CONCEPT_WEIGHT,
) -> FeatureMatrix:
    """TF-IDF vectors (sublinear tf, smoothed idf, unit length) of `(text, language)` pairs,
    with the concepts of `themes[i]` added to text i. Unknown languages are read as Spanish."""
    vocabulary = _Vocabulary()
    # Compact integer arrays: a corpus of 100,000 texts has millions of entries.
    word_counts = array("l")  # words per text; rows are rebuilt with np.repeat
    word_columns = array("l")
    concept_counts = array("l")
    concept_columns = array("l")
    for index, (text, language) in enumerate(texts):
        language = language if language in STEMMER_LANGUAGES else "es"
        words = _WORD.findall(text.lower())
        found = list(map(vocabulary.word_ids[language].get, words))  # the usual case, at C speed
        ids: list[int] = (
            [
                known if known is not None else vocabulary.word(word, language)
                for known, word in zip(found, words, strict=True)
            ]
            if None in found
            else found  # type: ignore[assignment]
        )
        ids += [vocabulary.feature(f"n:{fold(token)}") for token in _NEUTRAL.findall(text)]
        word_counts.append(len(ids))
        word_columns.extend(ids)  # function words are -1, dropped below
        if themes is not None:
            concept_ids = {vocabulary.feature(f"c:{key}") for key in themes[index]}
            concept_counts.append(len(concept_ids))
            concept_columns.extend(concept_ids)
    shape = (len(texts), len(vocabulary.names))
    text_index = np.arange(len(texts))
    rows = np.repeat(text_index, np.frombuffer(word_counts, np.int64))
    columns = np.frombuffer(word_columns, np.int64)
    content = columns >= 0
    counts = sparse.csr_matrix(
        (np.ones(int(content.sum())), (rows[content], columns[content])), shape=shape
    )
    del rows, columns, content
    counts.sum_duplicates()
    counts.data = 1.0 + np.log(counts.data)  # sublinear term frequency
    concepts = sparse.csr_matrix(
        (
            np.full(len(concept_columns), concept_weight),
            (
                np.repeat(
                    text_index[: len(concept_counts)], np.frombuffer(concept_counts, np.int64)
                ),
                np.frombuffer(concept_columns, np.int64),
            ),
        ),
        shape=shape,
    )
    vectors = (counts + concepts).tocsr()
    del counts, concepts, word_columns, concept_columns
    document_frequency = np.bincount(vectors.indices, minlength=shape[1])
    idf = np.log((1.0 + shape[0]) / (1.0 + document_frequency)) + 1.0
    # Weight and normalise in place: no copy of a matrix with millions of entries.
    vectors.data *= idf[vectors.indices]
    lengths = np.diff(vectors.indptr)
    squares = np.zeros(shape[0])
    nonempty = lengths > 0
    squares[nonempty] = np.add.reduceat(vectors.data**2, vectors.indptr[:-1][nonempty])
    norms = np.sqrt(squares)
    norms[norms == 0] = 1.0
    vectors.data /= np.repeat(norms, lengths)
    return FeatureMatrix(vectors, vocabulary.names, document_frequency)


def row_cosines(matrix: sparse.csr_matrix, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Cosine of rows left[k] and right[k] for every k (rows are unit length), in chunks."""
    result = np.empty(len(left), dtype=np.float64)
    chunk = 50_000
    for start in range(0, len(left), chunk):
        stop = start + chunk
        products = matrix[left[start:stop]].multiply(matrix[right[start:stop]])
        result[start:stop] = np.asarray(products.sum(axis=1)).ravel()
    return result
