"""Search quality: the judged queries of tests/practices/eval/search_queries.yaml against the
site's search and against a plain BM25 baseline, on the bundled demonstration practices.

Builds a fresh SQLite database in a temporary folder with the reference data and the demo
practices (published, so indexed). For each engine it prints recall@5, MRR and nDCG@10
over all queries, per query language and over the cross-language queries (none of the
relevant practices in the query's language), as a table; the last line printed is one JSON
object. Definitions of the figures: sinergia/practices/search/evaluation.py.

The baseline is the one to beat: BM25 (k1 1.2, b 0.75) over the title, summary and body of
each practice, words case-folded, function words of the language removed, Snowball-stemmed
in the practice's own language and stripped of accents; the query is treated the same way
in its own language. No translation, no vocabulary: a query finds only practices written in
its language or sharing its words (names, acronyms, cognates).

Run: `.venv/bin/python bench/eval_search.py [--misses]` (--misses lists, for the site's
search, the queries where no relevant practice comes in the first ten).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import argparse
import json
import math
import os
import re
import tempfile
from collections import Counter
from collections.abc import Sequence

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sinergia.settings")
os.environ["SINERGIA_VAR_DIR"] = tempfile.mkdtemp(prefix="sinergia-eval-search-")
os.environ.pop("DATABASE_URL", None)

import django

django.setup()

import snowballstemmer
from django.conf import settings
from django.core.management import call_command

from sinergia.core.demo import demo_practices_load
from sinergia.i18n import LANGUAGE_CODES
from sinergia.practices.models import Practice, Status
from sinergia.practices.search import SearchQuery, practice_search
from sinergia.practices.search.evaluation import (
    NDCG_K,
    RECALL_K,
    Evaluation,
    Figures,
    JudgedQuery,
    evaluate,
    load_queries,
)
from sinergia.reference.loading import reference_data_load
from sinergia.reference.validation import read_bundle
from sinergia.vocabulary.text import STEMMER_LANGUAGES, fold

QUERIES = Path(__file__).resolve().parent.parent / "tests/practices/eval/search_queries.yaml"

# Function words (articles, prepositions, pronouns, conjunctions, common auxiliaries),
# after the Snowball stop lists; content words that double as verb forms ("estado") are kept.
STOP_WORDS = {
    "es": """a al algo algunas algunos ante antes como cómo con contra cual cuál cuando de del
        desde donde dónde durante e el él ella ellas ellos en entre era eran es esa esas ese eso
        esos esta está están estas este esto estos fue fueron ha han hasta hay la las le les lo
        los más me mi mí mis mucho muchos muy nada ni no nos nosotros o os otra otras otro otros
        para pero poco por porque que qué quien quienes se sea ser si sí sido sin sobre son su
        sus también tanto te tiene tienen todo todos tu tú tus un una uno unos unas y ya yo""",
    "en": """a about above after again against all am an and any are as at be been before being
        below between both but by can could did do does doing down during each few for from
        further get had has have having he her here hers him his how i if in into is it its
        itself just me more most my no nor not of off on once only or other our ours out over
        own same she should so some such than that the their theirs them then there these they
        this those through to too under until up very was we were what when where which while
        who whom why will with would you your yours""",
    "fr": """à au aux avec ce ces c comment d dans de des du elle elles en est et été être eux
        il ils je j l la le les leur leurs lui m ma mais me même mes moi mon n ne nos notre nous
        on ont ou où par pas pour qu quand que quel quelle quelles quels qui s sa sans se ses
        son sont sur t ta te tes toi ton tu un une vos votre vous y""",
    "pt": """a à ao aos as às com como da das de dela delas dele deles do dos e é ela elas ele
        eles em entre era eram essa essas esse esses esta está estão estas este estes eu foi
        foram há isso isto já lhe lhes mais mas me mesmo meu minha muito na nas nem no nos não
        num numa o os ou para pela pelas pelo pelos por qual quando que quem se sem ser seu seus
        só sua suas são também te tem têm um uma umas uns você vocês""",
}
_STOP_FOLDED = {lang: {fold(word) for word in words.split()} for lang, words in STOP_WORDS.items()}
_STEMMERS = {lang: snowballstemmer.stemmer(name) for lang, name in STEMMER_LANGUAGES.items()}
_WORD = re.compile(r"\w+", re.UNICODE)


def analyse(text: str, language: str) -> list[str]:
    """The baseline's terms: case-folded words less function words, stemmed, accents off."""
    terms = []
    for word in _WORD.findall(text.casefold()):
        if fold(word) in _STOP_FOLDED[language]:
            continue
        term = fold(_STEMMERS[language].stemWord(word))
        if term:
            terms.append(term)
    return terms


class Bm25:
    """Okapi BM25 over analysed documents, with Lucene's idf (never negative)."""

    def __init__(
        self, documents: Sequence[tuple[str, list[str]]], k1: float = 1.2, b: float = 0.75
    ):
        self.k1, self.b = k1, b
        self.ids = [external_id for external_id, _terms in documents]
        self.frequencies = [Counter(terms) for _id, terms in documents]
        self.lengths = [len(terms) for _id, terms in documents]
        self.average_length = sum(self.lengths) / max(len(documents), 1)
        document_frequency = Counter(term for counts in self.frequencies for term in counts)
        count = len(documents)
        self.idf = {
            term: math.log(1 + (count - df + 0.5) / (df + 0.5))
            for term, df in document_frequency.items()
        }

    def search(self, terms: list[str], limit: int) -> list[str]:
        scores = []
        for index, counts in enumerate(self.frequencies):
            norm = self.k1 * (1 - self.b + self.b * self.lengths[index] / self.average_length)
            score = sum(
                self.idf[term] * counts[term] * (self.k1 + 1) / (counts[term] + norm)
                for term in set(terms)
                if term in counts
            )
            if score > 0:
                scores.append((-score, self.ids[index]))
        return [external_id for _score, external_id in sorted(scores)[:limit]]


def site_search(query: JudgedQuery) -> list[str]:
    result = practice_search(
        SearchQuery(text=query.query, page_size=NDCG_K), language=query.language, facets=False
    )
    return [hit.external_id for hit in result.hits]


def baseline() -> Bm25:
    published = Practice.objects.filter(status=Status.PUBLISHED).order_by("pk")
    return Bm25(
        [
            (p.external_id, analyse(f"{p.title}\n{p.summary}\n{p.body}", p.language))
            for p in published
        ]
    )


def _row(engine: str, group: str, figures: Figures, no_result: int | str) -> str:
    return (
        f"{engine:<16} {group:<18} {figures.queries:>7} {figures.recall_at_k:>9.3f} "
        f"{figures.mrr:>7.3f} {figures.ndcg_at_k:>8.3f} {no_result:>10}"
    )


def table(evaluations: dict[str, Evaluation]) -> None:
    print(
        f"{'engine':<16} {'queries':<18} {'count':>7} {f'recall@{RECALL_K}':>9} {'MRR':>7} "
        f"{f'nDCG@{NDCG_K}':>8} {'no result':>10}"
    )
    for engine, evaluation in evaluations.items():
        empty = [result.query for result in evaluation.results if not result.ranked]
        print(_row(engine, "all", evaluation.overall, len(empty)))
        for language, figures in evaluation.by_language.items():
            count = sum(query.language == language for query in empty)
            print(_row("", f"in {language}", figures, count))
        count = sum(query.cross_language for query in empty)
        print(_row("", "across languages", evaluation.cross_language, count))


def misses(evaluation: Evaluation) -> None:
    print(f"\nsite search: queries with no relevant practice in the first {NDCG_K}")
    for result in evaluation.results:
        if not result.reciprocal_rank:
            query = result.query
            found = f"{len(result.ranked)} found" if result.ranked else "nothing found"
            marker = " (across languages)" if query.cross_language else ""
            print(f"  {query.id} {query.query!r}: {found}{marker}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--misses", action="store_true", help="list the site search's misses")
    arguments = parser.parse_args()
    call_command("migrate", verbosity=0)
    reference_data_load(bundle=read_bundle(settings.SINERGIA_DATA_DIR), actor_label="bench")
    report = demo_practices_load()
    queries = load_queries(QUERIES)
    bm25 = baseline()
    evaluations = {
        "site search": evaluate(queries, site_search),
        "BM25 baseline": evaluate(
            queries, lambda query: bm25.search(analyse(query.query, query.language), NDCG_K)
        ),
    }
    languages = Counter(query.language for query in queries)
    print(
        f"{len(queries)} judged queries ({', '.join(f'{languages[lang]} {lang}' for lang in LANGUAGE_CODES)}; "
        f"{sum(q.cross_language for q in queries)} across languages) over "
        f"{report.published} published practices"
    )
    table(evaluations)
    if arguments.misses:
        misses(evaluations["site search"])
    print(
        json.dumps(
            {
                "queries": len(queries),
                "practices": report.published,
                **{
                    engine.replace(" ", "_"): evaluation.as_dict()
                    for engine, evaluation in evaluations.items()
                },
            }
        )
    )


if __name__ == "__main__":
    main()
