"""Texts as TF-IDF vectors that can be compared across languages.

A text's features are its stemmed, accent-folded content words (per language), the
vocabulary concepts it carries (`c:` features, the same in every language) and the tokens
that survive translation: numbers, acronyms and capitalised names (`n:` features).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from sinergia.vocabulary.text import STEMMER_LANGUAGES, STOPWORDS, _stemmer, fold

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
        self._word_ids: dict[str, dict[str, int]] = {language: {} for language in STEMMER_LANGUAGES}

    def feature(self, name: str) -> int:
        feature_id = self.ids.get(name)
        if feature_id is None:
            feature_id = self.ids[name] = len(self.names)
            self.names.append(name)
        return feature_id

    def word(self, word: str, language: str) -> int:
        """The feature of a lower-cased word in `language`; -1 for a function word."""
        cache = self._word_ids[language]
        feature_id = cache.get(word)
        if feature_id is None:
            if word in STOPWORDS[language] or word.isdigit():
                feature_id = -1
            else:
                stem = fold(_stemmer(language).stemWord(word))
                feature_id = self.feature(f"w:{language}:{stem}") if stem else -1
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
    word_rows: list[int] = []
    word_columns: list[int] = []
    concept_rows: list[int] = []
    concept_columns: list[int] = []
    for index, (text, language) in enumerate(texts):
        language = language if language in STEMMER_LANGUAGES else "es"
        ids = [vocabulary.word(word, language) for word in _WORD.findall(text.lower())]
        ids = [feature_id for feature_id in ids if feature_id >= 0]
        ids += [vocabulary.feature(f"n:{fold(token)}") for token in _NEUTRAL.findall(text)]
        word_rows.extend([index] * len(ids))
        word_columns.extend(ids)
        if themes is not None:
            concept_ids = {vocabulary.feature(f"c:{key}") for key in themes[index]}
            concept_rows.extend([index] * len(concept_ids))
            concept_columns.extend(concept_ids)
    shape = (len(texts), len(vocabulary.names))
    counts = sparse.csr_matrix((np.ones(len(word_rows)), (word_rows, word_columns)), shape=shape)
    counts.sum_duplicates()
    counts.data = 1.0 + np.log(counts.data)  # sublinear term frequency
    concepts = sparse.csr_matrix(
        (np.full(len(concept_rows), concept_weight), (concept_rows, concept_columns)),
        shape=shape,
    )
    weights = (counts + concepts).tocsr()
    document_frequency = np.bincount(weights.indices, minlength=shape[1])
    idf = np.log((1.0 + shape[0]) / (1.0 + document_frequency)) + 1.0
    vectors = weights.multiply(idf[None, :]).tocsr()
    norms = np.sqrt(np.asarray(vectors.multiply(vectors).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    vectors = (sparse.diags(1.0 / norms) @ vectors).tocsr()
    return FeatureMatrix(vectors, vocabulary.names, document_frequency)


def row_cosines(matrix: sparse.csr_matrix, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Cosine of rows left[k] and right[k] for every k (rows are unit length), in chunks."""
    result = np.empty(len(left), dtype=np.float64)
    chunk = 200_000
    for start in range(0, len(left), chunk):
        stop = start + chunk
        products = matrix[left[start:stop]].multiply(matrix[right[start:stop]])
        result[start:stop] = np.asarray(products.sum(axis=1)).ravel()
    return result
