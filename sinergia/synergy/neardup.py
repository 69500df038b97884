"""Near-duplicate texts, in one language or across languages, without comparing every pair.

Candidates come from a join on rare features: every text indexes the few features of its
own that are rarest in the corpus (its "prefix"). Two texts that differ by light edits keep
almost all their rare words, so they share several prefix features, while unrelated texts
seldom share even one. Only the candidate pairs are then verified by their exact TF-IDF
cosine. Work grows with the number of texts times the (short) posting lists of rare
features, not with the square of the number of texts.

Across languages, words differ but concepts, numbers, acronyms and names do not: a second
join over those language-neutral features finds translations of the same text.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from sinergia.vocabulary.features import FeatureMatrix, row_cosines


@dataclass(frozen=True)
class NearDuplicate:
    a: int  # row indexes into the texts given, a < b
    b: int
    similarity: float
    cross_language: bool


def _prefix_postings(
    matrix: sparse.csr_matrix,
    document_frequency: np.ndarray,
    *,
    prefix: int,
    max_document_frequency: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(feature, row) pairs of every row's `prefix` rarest usable features, sorted by feature;
    and how many prefix features each row has."""
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    features = matrix.indices
    frequency = document_frequency[features]
    usable = (frequency >= 2) & (frequency <= max_document_frequency)
    rows, features, frequency = rows[usable], features[usable], frequency[usable]
    # Within each row, rarest first (ties by feature id, so every row orders the same way).
    order = np.lexsort((features, frequency, rows))
    rows, features = rows[order], features[order]
    starts = np.searchsorted(rows, rows, side="left")
    rank = np.arange(len(rows)) - starts
    keep = rank < prefix
    rows, features = rows[keep], features[keep]
    prefix_sizes = np.bincount(rows, minlength=matrix.shape[0])
    order = np.lexsort((rows, features))
    return features[order], rows[order], prefix_sizes


def _pairs_sharing_features(
    features: np.ndarray, rows: np.ndarray, count: int
) -> tuple[np.ndarray, np.ndarray]:
    """Every pair of rows that share a feature, as unique (row a < row b) keys with the number
    of features they share. Vectorised by posting-list length."""
    if len(features) == 0:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    boundaries = np.flatnonzero(np.diff(features)) + 1
    starts = np.concatenate(([0], boundaries))
    lengths = np.diff(np.concatenate((starts, [len(features)])))
    keys = []
    for length in np.unique(lengths):
        if length < 2:
            continue
        group_starts = starts[lengths == length]
        members = rows[group_starts[:, None] + np.arange(length)[None, :]]  # groups × length
        left, right = np.triu_indices(length, k=1)
        a = members[:, left].ravel().astype(np.int64)
        b = members[:, right].ravel().astype(np.int64)
        low = np.minimum(a, b)
        np.maximum(a, b, out=b)
        low *= count
        low += b
        keys.append(low)
        del a, b
    # Sorting in place and counting runs needs less memory than np.unique with counts.
    all_keys = np.concatenate(keys)
    del keys
    all_keys.sort()
    first = np.empty(len(all_keys), dtype=bool)
    first[0] = True
    np.not_equal(all_keys[1:], all_keys[:-1], out=first[1:])
    starts_of_runs = np.flatnonzero(first)
    del first
    shared = np.diff(np.append(starts_of_runs, len(all_keys)))
    return all_keys[starts_of_runs], shared


def near_duplicates(
    matrix: FeatureMatrix,
    languages: list[str],
    *,
    threshold: float = 0.8,
    prefix: int = 4,
    min_shared: int = 2,
    max_document_frequency: int = 5_000,
    cross_language_threshold: float = 0.75,
) -> list[NearDuplicate]:
    """Pairs of texts whose TF-IDF cosine is at least `threshold` (same language), or whose
    language-neutral features agree at least `cross_language_threshold` (different languages)."""
    count = matrix.size
    vectors = matrix.vectors
    features, rows, prefix_sizes = _prefix_postings(
        vectors,
        matrix.document_frequency,
        prefix=prefix,
        max_document_frequency=max_document_frequency,
    )
    keys, shared = _pairs_sharing_features(features, rows, count)
    a, b = keys // count, keys % count
    # Texts with few usable features need only one in common.
    needed = np.minimum(min_shared, np.minimum(prefix_sizes[a], prefix_sizes[b]))
    keep = shared >= np.maximum(needed, 1)
    a, b = a[keep], b[keep]
    similarity = row_cosines(vectors, a, b)
    found = similarity >= threshold
    language = np.asarray(languages)
    result = [
        NearDuplicate(int(x), int(y), round(float(s), 4), bool(language[x] != language[y]))
        for x, y, s in zip(a[found], b[found], similarity[found], strict=True)
    ]
    result.extend(_cross_language(matrix, language, cross_language_threshold, prefix))
    return sorted(result, key=lambda pair: (-pair.similarity, pair.a, pair.b))


def _cross_language(
    matrix: FeatureMatrix, language: np.ndarray, threshold: float, prefix: int
) -> list[NearDuplicate]:
    """Texts in different languages whose concepts, numbers, acronyms and names coincide,
    sharing at least one number, acronym or name (concepts alone are too common)."""
    names = matrix.features
    neutral = np.flatnonzero([name.startswith(("c:", "n:")) for name in names])
    if len(neutral) == 0:
        return []
    binary = matrix.vectors[:, neutral].tocsr()
    binary.data[:] = 1.0
    named = np.array([names[k].startswith("n:") for k in neutral], dtype=bool)
    named_only = binary[:, np.flatnonzero(named)].tocsr()
    sizes = np.diff(binary.indptr)
    frequency = np.bincount(named_only.indices, minlength=named_only.shape[1])
    features, rows, _sizes = _prefix_postings(
        named_only, frequency, prefix=prefix, max_document_frequency=5_000
    )
    count = binary.shape[0]
    keys, _shared = _pairs_sharing_features(features, rows, count)
    a, b = keys // count, keys % count
    keep = (language[a] != language[b]) & (sizes[a] >= 3) & (sizes[b] >= 3)
    a, b = a[keep], b[keep]
    if len(a) == 0:
        return []
    intersection = np.asarray(binary[a].multiply(binary[b]).sum(axis=1)).ravel()
    jaccard = intersection / (sizes[a] + sizes[b] - intersection)
    found = jaccard >= threshold
    return [
        NearDuplicate(int(x), int(y), round(float(s), 4), True)
        for x, y, s in zip(a[found], b[found], jaccard[found], strict=True)
    ]


def brute_force_pairs(
    matrix: FeatureMatrix,
    *,
    threshold: float = 0.8,
    rows: np.ndarray | None = None,
    chunk: int = 500,
) -> set[tuple[int, int]]:
    """Every pair (a < b) with cosine ≥ threshold, by full sparse products in chunks: the
    reference the fast method is measured against. Quadratic; `rows` limits it to the pairs
    that involve those rows (a sample), for benchmarks."""
    vectors = matrix.vectors
    transposed = vectors.T.tocsc()
    selected = np.arange(matrix.size) if rows is None else np.asarray(rows)
    pairs: set[tuple[int, int]] = set()
    for start in range(0, len(selected), chunk):
        block_rows = selected[start : start + chunk]
        block = (vectors[block_rows] @ transposed).tocoo()
        left = block_rows[block.row]
        mask = (block.data >= threshold) & (left != block.col)
        low = np.minimum(left[mask], block.col[mask])
        high = np.maximum(left[mask], block.col[mask])
        pairs.update(zip(low.tolist(), high.tolist(), strict=True))
    return pairs
