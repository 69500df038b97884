"""Search evaluation metrics, checked against figures computed by hand."""

from __future__ import annotations

import math

import pytest

from sinergia.practices.search.evaluation import (
    JudgedQuery,
    QuerySetError,
    cross_language_of,
    evaluate,
    load_queries,
    ndcg_at_k,
    recall_at_k,
    reciprocal_rank,
)


def test_recall_counts_the_relevant_practices_in_the_first_k():
    # a and b of {a, b, c} are in the first five: 2 of 3.
    assert recall_at_k(["a", "x", "b", "y", "z", "c"], {"a", "b", "c"}, 5) == pytest.approx(2 / 3)
    assert recall_at_k(["a", "b", "c"], {"a", "b", "c"}, 5) == 1.0
    assert recall_at_k(["x", "y"], {"a"}, 5) == 0.0
    assert recall_at_k([], {"a"}, 5) == 0.0


def test_recall_is_out_of_what_the_first_k_can_hold():
    # Four relevant practices, k = 2: both places relevant is a perfect score.
    assert recall_at_k(["a", "b", "x"], {"a", "b", "c", "d"}, 2) == 1.0
    # k = 3: two of the three places are relevant.
    assert recall_at_k(["a", "b", "x"], {"a", "b", "c", "d"}, 3) == pytest.approx(2 / 3)


def test_reciprocal_rank_is_one_over_the_first_relevant_rank():
    assert reciprocal_rank(["a", "b"], {"a"}) == 1.0
    assert reciprocal_rank(["x", "y", "a", "b"], {"a", "b"}) == pytest.approx(1 / 3)
    assert reciprocal_rank(["x", "y"], {"a"}) == 0.0


def test_ndcg_with_binary_gains():
    # Relevant at ranks 2 and 4: (1/log2 3 + 1/log2 5) / (1 + 1/log2 3) = 0.65092...
    assert ndcg_at_k(["x", "a", "y", "b"], {"a", "b"}, 10) == pytest.approx(0.6509209, abs=1e-6)
    # Two of three relevant, at ranks 1 and 3: (1 + 1/2) / (1 + 1/log2 3 + 1/2) = 0.70391...
    assert ndcg_at_k(["a", "x", "b"], {"a", "b", "c"}, 10) == pytest.approx(0.7039181, abs=1e-6)
    assert ndcg_at_k(["a", "b"], {"a", "b"}, 10) == 1.0
    assert ndcg_at_k(["x", "y"], {"a"}, 10) == 0.0


def test_ndcg_only_looks_at_the_first_k():
    assert ndcg_at_k(["x", "a"], {"a"}, 1) == 0.0
    assert ndcg_at_k(["x", "a"], {"a"}, 2) == pytest.approx(1 / math.log2(3))


def _query(id: str, language: str, relevant: set[str], cross: bool) -> JudgedQuery:
    return JudgedQuery(id, f"text of {id}", language, frozenset(relevant), cross)


def test_evaluate_averages_overall_per_language_and_across_languages():
    queries = [
        _query("es-1", "es", {"a"}, False),
        _query("es-2", "es", {"p"}, True),
        _query("en-1", "en", {"b", "c"}, True),
    ]
    rankings = {"es-1": ["a"], "es-2": ["x", "p"], "en-1": ["x", "x", "y", "z", "w", "c"]}
    evaluation = evaluate(queries, lambda query: rankings[query.id])
    # Reciprocal ranks 1, 1/2 and 1/5 (the repeated x counts once, so c is fifth).
    assert evaluation.by_language["es"].mrr == pytest.approx(0.75)
    assert evaluation.by_language["en"].mrr == pytest.approx(0.2)
    assert evaluation.overall.mrr == pytest.approx((1 + 0.5 + 0.2) / 3)
    assert evaluation.cross_language.queries == 2
    assert evaluation.cross_language.mrr == pytest.approx((0.5 + 0.2) / 2)
    # recall@5: 1, 1 and 1/2 (c is fifth, b missing; two could fit in five places).
    assert evaluation.overall.recall_at_k == pytest.approx(2.5 / 3)
    assert set(evaluation.by_language) == {"es", "en"}
    assert evaluation.as_dict()["cross_language"]["queries"] == 2


def test_cross_language_means_no_relevant_practice_in_the_query_language():
    languages = {"a": "es", "b": "pt", "c": "en"}
    assert cross_language_of({"b", "c"}, "es", languages)
    assert not cross_language_of({"a", "b"}, "es", languages)


def test_load_queries_reads_the_yaml_and_names_a_bad_entry(tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(
        '- id: es-001\n  query: "trata de personas"\n  language: es\n'
        "  relevant: [demo-a, demo-b]\n  cross_language: false\n"
    )
    [query] = load_queries(good)
    assert query.relevant == {"demo-a", "demo-b"} and query.language == "es"

    bad = tmp_path / "bad.yaml"
    bad.write_text(
        '- id: xx-001\n  query: "q"\n  language: xx\n  relevant: [a]\n  cross_language: true\n'
    )
    with pytest.raises(QuerySetError, match="xx-001"):
        load_queries(bad)
    missing = tmp_path / "missing.yaml"
    missing.write_text('- id: es-002\n  query: "q"\n  language: es\n')
    with pytest.raises(QuerySetError, match="entry 1"):
        load_queries(missing)
