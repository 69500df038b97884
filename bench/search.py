"""Search benchmark: 100,000 published practices in four languages on SQLite.

Builds a fresh SQLite database in a temporary folder with the bundled reference data and
100,000 synthetic practices. Their words come from the project's own texts in each
language (vocabulary, agenda lines, practices), completed with pseudo-words to a few
thousand words a language, drawn with Zipf-like frequencies. Then for 50 queries of one to
three words it measures:

- the search endpoint (/api/v1/practices?q=...) through the whole Django request path,
  with its facet counts;
- the same search and facet counts as raw SQL alone (FTS5 match, count, one page, seven
  GROUP BY facet queries);
- a trivial JSON view through the same request path (/healthz): with the raw SQL, the floor;
- a naive search: icontains on title and summary for every word, with a count and a page.

The last line printed is one JSON object. Run: `.venv/bin/python bench/search.py`.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sinergia.settings")
os.environ["SINERGIA_VAR_DIR"] = tempfile.mkdtemp(prefix="sinergia-search-bench-")
os.environ.pop("DATABASE_URL", None)

import django

django.setup()

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Q
from django.test import Client
from django.utils import timezone

from sinergia.practices.models import Population, Practice, PracticePopulation, Status
from sinergia.practices.search.backends import SqliteBackend
from sinergia.practices.search.facets import bump_generation
from sinergia.practices.search.tokens import document_tokens, parse_query
from sinergia.reference.loading import reference_data_load
from sinergia.reference.validation import read_bundle
from sinergia.registry.models import Country, Mechanism
from sinergia.vocabulary.models import Concept
from sinergia.vocabulary.selectors import vocabulary_tagger
from sinergia.vocabulary.text import STOPWORDS

LANGUAGES = ["es", "en", "fr", "pt"]
WORDS_PER_LANGUAGE = 3000
SYLLABLES = [
    "ba",
    "be",
    "bi",
    "bo",
    "ca",
    "ce",
    "co",
    "da",
    "de",
    "di",
    "do",
    "fa",
    "fe",
    "la",
    "le",
    "li",
    "lo",
    "ma",
    "me",
    "mi",
    "mo",
    "na",
    "ne",
    "ni",
    "no",
    "pa",
    "pe",
    "pi",
    "po",
    "ra",
    "re",
    "ri",
    "ro",
    "sa",
    "se",
    "si",
    "so",
    "ta",
    "te",
    "ti",
    "to",
    "va",
    "ve",
    "vi",
]
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


def vocabularies(random: np.random.Generator) -> dict[str, list[str]]:
    """Real words of each language from the bundled texts, completed with pseudo-words."""
    bundle = read_bundle(settings.SINERGIA_DATA_DIR)
    texts: dict[str, list[str]] = {language: [] for language in LANGUAGES}
    for theme in bundle.themes:
        for language in LANGUAGES:
            texts[language].append(getattr(theme.labels, language))
            texts[language].extend(getattr(theme.synonyms, language))
    for framework in bundle.frameworks:
        for item in framework.items:
            for language in LANGUAGES:
                texts[language].append(getattr(item.labels, language))
    for mechanism in bundle.mechanisms:
        for text in [*mechanism.agenda, *mechanism.commitments]:
            texts[text.language].append(text.text)
        for language in ("es", "en"):
            texts[language].append(getattr(mechanism.description, language))
    demo = json.loads(
        (settings.SINERGIA_DATA_DIR / "practices" / "demo_practices.json").read_text()
    )
    for practice in demo:
        texts[practice["language"]].append(
            f"{practice['title']} {practice['summary']} {practice.get('body', '')}"
        )
    result = {}
    for language in LANGUAGES:
        words = {
            word.lower()
            for text in texts[language]
            for word in _WORD.findall(text)
            if word.lower() not in STOPWORDS[language]
        }
        real = sorted(words)
        random.shuffle(real)
        while len(real) < WORDS_PER_LANGUAGE:
            real.append("".join(random.choice(SYLLABLES, size=random.integers(2, 5))) + language[0])
        result[language] = real[:WORDS_PER_LANGUAGE]
    return result


def build(count: int, random: np.random.Generator) -> tuple[dict[str, list[str]], np.ndarray]:
    call_command("migrate", verbosity=0)
    reference_data_load(bundle=read_bundle(settings.SINERGIA_DATA_DIR), actor_label="bench")
    words = vocabularies(random)
    ranks = np.arange(1, WORDS_PER_LANGUAGE + 1)
    zipf = 1.0 / ranks**1.05
    zipf /= zipf.sum()
    countries = list(Country.objects.values_list("id", flat=True))
    mechanisms = list(Mechanism.objects.values_list("id", flat=True))
    concepts = list(Concept.objects.values_list("id", "key"))
    populations = list(Population.values)
    now = timezone.now()
    backend = SqliteBackend()
    start = time.perf_counter()
    with transaction.atomic():
        practices = []
        plan = []
        for index in range(count):
            language = LANGUAGES[index % 4]
            vocabulary = words[language]
            title = " ".join(
                vocabulary[k] for k in random.choice(WORDS_PER_LANGUAGE, 8, p=zipf)
            ).capitalize()
            summary = (
                " ".join(
                    vocabulary[k] for k in random.choice(WORDS_PER_LANGUAGE, 40, p=zipf)
                ).capitalize()
                + "."
            )
            practices.append(
                Practice(
                    external_id=f"bench-{index}",
                    language=language,
                    title=title,
                    summary=summary,
                    status=Status.PUBLISHED,
                    year=int(random.integers(2000, 2026)),
                    published_at=now - datetime.timedelta(minutes=index),
                )
            )
            plan.append(
                (
                    random.choice(
                        countries, size=int(random.integers(1, 3)), replace=False
                    ).tolist(),
                    random.choice(
                        mechanisms, size=int(random.integers(0, 2)), replace=False
                    ).tolist(),
                    [
                        concepts[k]
                        for k in random.choice(
                            len(concepts), size=int(random.integers(1, 4)), replace=False
                        )
                    ],
                    populations[int(random.integers(len(populations)))],
                )
            )
        Practice.objects.bulk_create(practices, batch_size=5000)
        ids = list(Practice.objects.order_by("id").values_list("id", flat=True))
        country_rows, mechanism_rows, theme_rows, population_rows = [], [], [], []
        with connection.cursor() as cursor:
            entries = []
            for pid, practice, (cs, ms, ts, population) in zip(ids, practices, plan, strict=True):
                country_rows += [
                    Practice.countries.through(practice_id=pid, country_id=c) for c in cs
                ]
                mechanism_rows += [
                    Practice.mechanisms.through(practice_id=pid, mechanism_id=m) for m in ms
                ]
                theme_rows += [
                    Practice.themes.through(practice_id=pid, concept_id=t[0]) for t in ts
                ]
                population_rows.append(PracticePopulation(practice_id=pid, population=population))
                tokens = document_tokens(
                    [(f"{practice.title}\n{practice.summary}", practice.language)],
                    [t[1] for t in ts],
                )
                entries.append((pid, tokens))
            cursor.executemany(
                f"INSERT INTO {backend.table}(rowid, tokens) VALUES (%s, %s)", entries
            )
        Practice.countries.through.objects.bulk_create(country_rows, batch_size=10000)
        Practice.mechanisms.through.objects.bulk_create(mechanism_rows, batch_size=10000)
        Practice.themes.through.objects.bulk_create(theme_rows, batch_size=10000)
        PracticePopulation.objects.bulk_create(population_rows, batch_size=10000)
        bump_generation()
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {backend.table}({backend.table}) VALUES ('optimize')")
        cursor.execute("ANALYZE")
    print(f"built {count:,} practices in {time.perf_counter() - start:.1f} s")
    return words, zipf


def queries(
    words: dict[str, list[str]], zipf: np.ndarray, random: np.random.Generator
) -> list[str]:
    chosen = []
    for index in range(50):
        language = LANGUAGES[index % 4]
        size = 1 + index % 3
        # Words of the middle of the distribution: neither the commonest nor one-offs.
        picks = random.choice(np.arange(20, 1500), size=size, replace=False)
        chosen.append(" ".join(words[language][k] for k in picks))
    return chosen


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(function, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best * 1000


def raw_sql(query: str, tagger) -> None:  # type: ignore[no-untyped-def]
    parsed = parse_query(query, tagger)
    expression = SqliteBackend.expression(parsed)
    matched = "SELECT rowid AS id FROM practices_fts WHERE practices_fts MATCH %s"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({matched})", [expression])
        cursor.fetchall()
        cursor.execute(
            "SELECT rowid FROM practices_fts WHERE practices_fts MATCH %s ORDER BY rank LIMIT 20",
            [expression],
        )
        cursor.fetchall()
        for table, column in (
            ("practices_practice_countries", "country_id"),
            ("practices_practice_mechanisms", "mechanism_id"),
            ("practices_practice_themes", "concept_id"),
            ("practices_practicepopulation", "population"),
        ):
            cursor.execute(
                f"SELECT {column}, COUNT(*) FROM {table} WHERE practice_id IN ({matched}) GROUP BY {column}",
                [expression],
            )
            cursor.fetchall()
        cursor.execute(
            "SELECT c.subregion_id, COUNT(DISTINCT x.practice_id) FROM practices_practice_countries x "
            f"JOIN registry_country c ON c.id = x.country_id WHERE x.practice_id IN ({matched}) GROUP BY 1",
            [expression],
        )
        cursor.fetchall()
        for column in ("language", "year"):
            cursor.execute(
                f"SELECT {column}, COUNT(*) FROM practices_practice WHERE id IN ({matched}) GROUP BY 1",
                [expression],
            )
            cursor.fetchall()


def naive(query: str) -> None:
    condition = Q(status=Status.PUBLISHED)
    for word in query.split():
        condition &= Q(title__icontains=word) | Q(summary__icontains=word)
    found = Practice.objects.filter(condition)
    found.count()
    list(found.order_by("-published_at")[:20].values_list("id", "title"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=100_000)
    arguments = parser.parse_args()
    random = np.random.default_rng(5)
    words, zipf = build(arguments.documents, random)
    chosen = queries(words, zipf, random)
    client = Client()
    tagger = vocabulary_tagger()

    for query in chosen:  # warm every path once
        assert client.get("/api/v1/practices", {"q": query}).status_code == 200
    endpoint = [
        timed(lambda q=query: client.get("/api/v1/practices", {"q": q})) for query in chosen
    ]
    raw = [timed(lambda q=query: raw_sql(q, tagger)) for query in chosen]
    trivial = [timed(lambda: client.get("/healthz")) for _ in chosen]
    slow = [timed(lambda q=query: naive(q), repeat=1) for query in chosen]
    counts = [client.get("/api/v1/practices", {"q": q}).json()["count"] for q in chosen]
    print(
        f"queries: 50 of 1 to 3 words; results per query: median {statistics.median(counts):,.0f}, max {max(counts):,}"
    )

    result = {
        "documents": arguments.documents,
        "p50_ms": round(statistics.median(endpoint), 2),
        "p95_ms": round(percentile(endpoint, 0.95), 2),
        "raw_sql_p50_ms": round(statistics.median(raw), 2),
        "trivial_view_p50_ms": round(statistics.median(trivial), 2),
        "naive_p50_ms": round(statistics.median(slow), 2),
        "naive_p95_ms": round(percentile(slow, 0.95), 2),
    }
    floor = result["raw_sql_p50_ms"] + result["trivial_view_p50_ms"]
    print(
        f"endpoint p50 {result['p50_ms']} ms = {result['p50_ms'] / floor:.2f}x the floor "
        f"({floor:.2f} ms); {result['naive_p50_ms'] / result['p50_ms']:.0f}x faster than naive at "
        f"p50, {result['naive_p95_ms'] / result['p95_ms']:.0f}x at p95"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
