"""Measure a search against a set of judged queries: recall@k, reciprocal rank, nDCG@k.

Pure: a search is any callable from a query to the external_id of the practices it returns,
best first, so the same figures can be computed for the site's engine and for a baseline.
Relevance is binary (a practice is relevant to a query or not). The judged set lives in
tests/practices/eval/search_queries.yaml; bench/eval_search.py runs it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from sinergia.i18n import LANGUAGE_CODES

RECALL_K = 5
NDCG_K = 10


@dataclass(frozen=True)
class JudgedQuery:
    id: str
    query: str
    language: str
    relevant: frozenset[str]
    cross_language: bool  # none of the relevant practices is in the query's language


@dataclass(frozen=True)
class Figures:
    """Mean figures over a group of queries (zero when the group is empty)."""

    queries: int
    recall_at_k: float
    mrr: float
    ndcg_at_k: float

    def as_dict(self) -> dict[str, float | int]:
        return {
            "queries": self.queries,
            f"recall@{RECALL_K}": round(self.recall_at_k, 4),
            "mrr": round(self.mrr, 4),
            f"ndcg@{NDCG_K}": round(self.ndcg_at_k, 4),
        }


@dataclass(frozen=True)
class QueryResult:
    query: JudgedQuery
    ranked: tuple[str, ...]
    recall_at_k: float
    reciprocal_rank: float
    ndcg_at_k: float


@dataclass(frozen=True)
class Evaluation:
    overall: Figures
    by_language: dict[str, Figures]
    cross_language: Figures
    results: list[QueryResult] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "overall": self.overall.as_dict(),
            "by_language": {lang: figures.as_dict() for lang, figures in self.by_language.items()},
            "cross_language": self.cross_language.as_dict(),
        }


def recall_at_k(ranked: Sequence[str], relevant: Iterable[str], k: int) -> float:
    """Share of the relevant practices among the first `k` results, out of as many as the
    first `k` can hold: min(len(relevant), k). A query with more relevant practices than
    `k` scores 1.0 when the first `k` are all relevant. 0.0 when nothing is relevant."""
    wanted = set(relevant)
    if not wanted or k <= 0:
        return 0.0
    found = len(wanted.intersection(ranked[:k]))
    return found / min(len(wanted), k)


def reciprocal_rank(ranked: Sequence[str], relevant: Iterable[str]) -> float:
    """1 / the rank (from 1) of the first relevant result; 0.0 when none is relevant."""
    wanted = set(relevant)
    for position, item in enumerate(ranked, start=1):
        if item in wanted:
            return 1.0 / position
    return 0.0


def ndcg_at_k(ranked: Sequence[str], relevant: Iterable[str], k: int) -> float:
    """Normalised discounted cumulative gain of the first `k` results, binary gains:
    sum of 1/log2(rank + 1) over the relevant results, divided by the same sum for the
    best possible ranking (every relevant practice first)."""
    wanted = set(relevant)
    if not wanted or k <= 0:
        return 0.0
    gain = sum(
        1.0 / math.log2(position + 1)
        for position, item in enumerate(ranked[:k], start=1)
        if item in wanted
    )
    ideal = sum(1.0 / math.log2(position + 1) for position in range(1, min(len(wanted), k) + 1))
    return gain / ideal


def _unique(ranked: Iterable[str]) -> tuple[str, ...]:
    """The ranking with repeats dropped: a practice found twice counts once, where it first
    appears."""
    return tuple(dict.fromkeys(ranked))


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _figures(results: list[QueryResult]) -> Figures:
    return Figures(
        queries=len(results),
        recall_at_k=_mean([result.recall_at_k for result in results]),
        mrr=_mean([result.reciprocal_rank for result in results]),
        ndcg_at_k=_mean([result.ndcg_at_k for result in results]),
    )


def evaluate(
    queries: Iterable[JudgedQuery],
    search: Callable[[JudgedQuery], Sequence[str]],
    *,
    recall_k: int = RECALL_K,
    ndcg_k: int = NDCG_K,
) -> Evaluation:
    """Run `search` on every query and average recall@`recall_k`, reciprocal rank and
    nDCG@`ndcg_k`: over all queries, per query language, and over the cross-language ones.

    `search` gets the whole judged query (its text and language) and returns external_ids,
    best first; only the first max(recall_k, ndcg_k) are needed but more are harmless."""
    results = []
    for query in queries:
        ranked = _unique(search(query))
        results.append(
            QueryResult(
                query=query,
                ranked=ranked,
                recall_at_k=recall_at_k(ranked, query.relevant, recall_k),
                reciprocal_rank=reciprocal_rank(ranked, query.relevant),
                ndcg_at_k=ndcg_at_k(ranked, query.relevant, ndcg_k),
            )
        )
    languages = [lang for lang in LANGUAGE_CODES if any(r.query.language == lang for r in results)]
    return Evaluation(
        overall=_figures(results),
        by_language={
            lang: _figures([r for r in results if r.query.language == lang]) for lang in languages
        },
        cross_language=_figures([r for r in results if r.query.cross_language]),
        results=results,
    )


class QuerySetError(ValueError):
    """The judged query file is malformed; the message names the entry."""


def load_queries(path: Path) -> list[JudgedQuery]:
    """The judged queries of a YAML list (format in the file's header)."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(entries, list):
        raise QuerySetError(f"{path}: expected a list of queries")
    queries = []
    for number, entry in enumerate(entries, start=1):
        try:
            query = JudgedQuery(
                id=str(entry["id"]),
                query=str(entry["query"]),
                language=str(entry["language"]),
                relevant=frozenset(str(item) for item in entry["relevant"]),
                cross_language=bool(entry["cross_language"]),
            )
        except (KeyError, TypeError) as error:
            raise QuerySetError(f"{path}: entry {number}: missing or bad {error}") from None
        if query.language not in LANGUAGE_CODES:
            raise QuerySetError(f"{path}: {query.id}: unknown language {query.language!r}")
        if not query.relevant:
            raise QuerySetError(f"{path}: {query.id}: no relevant practice")
        queries.append(query)
    return queries


def cross_language_of(relevant: Iterable[str], language: str, languages: dict[str, str]) -> bool:
    """Whether none of the `relevant` practices is written in `language`, given each
    practice's language by external_id: the definition `cross_language` follows."""
    return all(languages[item] != language for item in relevant)
