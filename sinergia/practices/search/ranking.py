"""How a practice search ranks what it finds: the same on both databases.

The database answers each group of the query with three posting lists (the practices
matching it anywhere, in their title, in their summary: `backends.group_lists`). From them,
in arrays: the candidates (those matching any of the rarer groups; all groups when every one
is common, as in Lucene's common-terms query), the groups each matches, and a first score
from where each group is found (title, summary, elsewhere), weighted by the group's rarity.
Then the best candidates of that first order, a window a little larger than what a page and
the title rule read, are scored exactly: BM25 over their tokens, read back from the index,
fields weighted (BM25F), each alternative of a group (a word's stems in four languages, a
concept's tag, a term's phrases) a term of the group's rarity. This is rescoring, as
search engines do it: the database never scores thousands of documents, and the order of
the first pages is that of the exact score.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from sinergia.practices.search.tokens import DocumentTokens, Group

# A word in the title counts most, then the summary, then the tags (concepts, terms,
# countries), then the body.
WEIGHTS = {"title": 10.0, "summary": 4.0, "body": 1.0, "tags": 2.0}
# BM25's saturation of repeated words and its normalisation by length (SQLite's and Lucene's).
K1 = 1.2
B = 0.75
# A group that more than this share of the published practices match ("migrants" in a
# repository about migration) brings no candidates of its own when the query has rarer
# groups: it counts only in their relevance and order.
COMMON_SHARE = 0.3
# How many of the first candidates are scored exactly, whatever the page: a page and the
# title rule's candidates fit in it; the pages beyond it follow the first order. One window
# for every page, so that paging shows each practice once.
WINDOW = 100


@dataclass(frozen=True)
class GroupLists:
    """For each group of a query, where the practices matching it stand in the facet tables
    (`FacetTables.ids`): those matching it anywhere, in their title, in their summary. A common
    group, in a query with rarer ones, is looked up among their matches only, and not in
    titles and summaries (its rarity makes it count little there)."""

    anywhere: list[np.ndarray]
    title: list[np.ndarray]
    summary: list[np.ndarray]

    @classmethod
    def from_row(
        cls,
        row: Sequence[str | None],
        groups: int,
        positions_of: Callable[[np.ndarray], np.ndarray],
    ) -> GroupLists:
        arrays = [positions_of(_ids(text)) for text in row]
        return cls(
            arrays[0 : 3 * groups : 3], arrays[1 : 3 * groups : 3], arrays[2 : 3 * groups : 3]
        )


def _ids(text: str | None) -> np.ndarray:
    if not text:
        return np.zeros(0, dtype=np.int64)
    # Integers only: numpy reads them straight from the text.
    return np.fromstring(text, dtype=np.int64, sep=",")


def idf(frequency: int, total: int) -> float:
    """The rarity of a group that `frequency` of `total` documents match (always positive)."""
    return math.log(1 + (total - max(frequency, 0) + 0.5) / (max(frequency, 0) + 0.5))


def common_groups(frequencies: Sequence[int], total: int) -> list[bool]:
    """Which groups are common (matched by more than `COMMON_SHARE` of the practices)."""
    return [frequency > COMMON_SHARE * total for frequency in frequencies]


def _present(positions: np.ndarray, total: int) -> np.ndarray:
    present = np.zeros(total, dtype=bool)
    present[positions] = True
    return present


def candidates(lists: GroupLists, common: Sequence[bool], total: int) -> np.ndarray:
    """Which of the `total` practices a query finds: those matching any of its rarer groups;
    when all are common, those matching all of them, or any of them if none has them all."""
    found = np.zeros(total, dtype=bool)
    rare = [ids for ids, is_common in zip(lists.anywhere, common, strict=True) if not is_common]
    if rare:
        for positions in rare:
            found[positions] = True
        return found
    counts = np.zeros(total, dtype=np.int64)
    for positions in lists.anywhere:
        counts[positions] += 1  # a list holds each practice once
    everywhere = counts == len(lists.anywhere)
    return everywhere if everywhere.any() else counts > 0


def first_scores(
    positions: np.ndarray, lists: GroupLists, frequencies: Sequence[int], total: int
) -> tuple[np.ndarray, np.ndarray]:
    """The groups each of the practices at `positions` matches (a bit mask) and a first score
    from where it matches them: each group weighted by its rarity, found in the title, the
    summary or elsewhere."""
    masks = np.zeros(len(positions), dtype=np.int64)
    scores = np.zeros(len(positions), dtype=np.float64)
    for bit, (anywhere, title, summary, frequency) in enumerate(
        zip(lists.anywhere, lists.title, lists.summary, frequencies, strict=True)
    ):
        found = _present(anywhere, total)[positions]
        masks |= found.astype(np.int64) << bit
        weight = WEIGHTS["body"] * found
        if len(title):
            weight = weight + WEIGHTS["title"] * _present(title, total)[positions]
        if len(summary):
            weight = weight + WEIGHTS["summary"] * _present(summary, total)[positions]
        scores += idf(frequency, total) * weight * (K1 + 1) / (weight + K1)
    return masks, scores


def exact_scores(
    documents: dict[int, DocumentTokens],
    groups: Sequence[Group],
    frequencies: Sequence[int],
    total: int,
    average_length: float,
) -> dict[int, float]:
    """BM25F of each document: for each alternative of each group, its count over the fields,
    weighted, saturated and normalised by the document's length, times the group's rarity
    (a document saying a term in two languages, or with its concept's tag, counts more)."""
    # Tokens and phrases are counted in the text itself, each token between two spaces of its
    # own: a phrase is then a substring, and counting is the string's own (no split).
    terms = [
        (idf(frequency, total), " " + "  ".join(alternative) + " ")
        for group, frequency in zip(groups, frequencies, strict=True)
        for alternative in group.alternatives
    ]
    scores = {}
    for pid, document in documents.items():
        fields = [
            (weight, " " + text.replace(" ", "  ") + " ")
            for name, weight in WEIGHTS.items()
            if (text := getattr(document, name))
        ]
        length = sum(text.count("  ") + 1 for _weight, text in fields)  # tokens, by spaces
        norm = K1 * (1 - B + B * length / average_length) if average_length else K1
        score = 0.0
        for rarity, needle in terms:
            found = sum(weight * text.count(needle) for weight, text in fields)
            if found:
                score += rarity * found * (K1 + 1) / (found + norm)
        scores[pid] = score
    return scores


# The average length, the data version and the number of documents it was read at, and when.
_length: tuple[float, int, int, float] | None = None
LENGTH_KEPT_SECONDS = 600.0


def average_length(version: int, total: int, read: Callable[[], float]) -> float:
    """The average length of a document (tokens; a sample: the first documents). Read again
    when the data change, unless they changed little (a tenth of the documents, at most) in
    the last ten minutes: one more practice barely moves it, and reading it again after
    every publication would cost the first search that follows."""
    global _length
    now = time.monotonic()
    if _length is not None:
        value, read_version, read_total, read_at = _length
        if read_version == version or (
            now - read_at < LENGTH_KEPT_SECONDS and abs(total - read_total) * 10 <= read_total
        ):
            return value
    _length = (read(), version, total, now)
    return _length[0]
