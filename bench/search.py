"""Search benchmark: 48 natural queries over 100,000 published practices in four languages.

Builds a fresh database with the bundled reference data and synthetic published practices
written in the project's own words (`bench/search_corpus.py`), indexed by the engine's
`rebuild_index`. The database is SQLite in a temporary folder; with `DATABASE_URL` naming a
PostgreSQL database, a throwaway database beside it (`<name>_search_bench`, dropped at the
end): the named one is only connected to.

The queries are what people type: two to nine words, function words included, twelve in
each of Spanish, English, French and Portuguese. Every request below is timed: one untimed
warm-up pass, then `--rounds` passes over the queries in a fresh random order; for each
query the four ways of answering it run one after the other, so they share the machine's
moments. p50 and p95 are over every timed request.

- the endpoint, GET /api/v1/practices?q=..., through Django's whole request path as
  production runs it (DEBUG off), with its facet counts; the public page cache is off, so
  every request searches;
- the raw-SQL floor (`bench/search_floor.py`): the engine's own match statement, then the
  count, the complete count, the facet counts, the engine's order (title rule included) and
  the page as SQL alone; it is checked to answer every query as the endpoint does;
- the full-text match alone (`raw_match_p50_ms`), the engine's match statement with its one
  row of lists fetched: what only the index can do;
- a trivial view through the same request path (/healthz): with the raw SQL, the floor;
- a naive search without a search engine: each word of the query as icontains on the title,
  summary and body (the ORM, one scan of every document), then the same facet counts in
  Python from the relations read once at the start, and the page's texts.

Then `reindex_after_write_ms`: a practice published through the service (`practice_publish`)
until a search through the endpoint reflects it, in its count and its facets.

The last line printed is one JSON object. Run: `.venv/bin/python bench/search.py
[--documents N] [--rounds R]`; `BENCH_SMOKE=1` runs it tiny.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from random import Random
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
VAR_DIR = Path(tempfile.mkdtemp(prefix="sinergia-search-bench-"))
(VAR_DIR / "static").mkdir()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sinergia.settings")
os.environ.update(
    {
        "SINERGIA_VAR_DIR": str(VAR_DIR),
        "DEBUG": "0",
        "SECRET_KEY": "search-bench-" + "x" * 40,
        "ALLOWED_HOSTS": "testserver",
        "SECURE_SSL_REDIRECT": "0",
        "SINERGIA_PUBLIC_CACHE_SECONDS": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
)
if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
    os.environ.pop("DATABASE_URL", None)

import django

django.setup()

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import F, Q
from django.test import Client
from django.utils import timezone

from bench.search_corpus import Writer, queries, source_texts
from bench.search_floor import floor_match_run, floor_prepare, floor_run
from bench.timing import percentile, smoke
from sinergia.accounts.services import SystemActor
from sinergia.practices import services
from sinergia.practices.models import Population, Practice, PracticePopulation, Status
from sinergia.practices.search import rebuild_index
from sinergia.reference.loading import reference_data_load
from sinergia.reference.validation import read_bundle
from sinergia.registry.models import Country, Mechanism
from sinergia.vocabulary.models import Concept
from sinergia.vocabulary.selectors import vocabulary_tagger

SEARCH = "/api/v1/practices"
_WORD = re.compile(r"\w+")


def database_create() -> Callable[[], None]:
    """A fresh, migrated database; returns what removes it."""
    if connection.vendor == "postgresql":
        name = connection.settings_dict["NAME"]
        connection.settings_dict["TEST"]["NAME"] = f"{name}_search_bench"
        connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
        return lambda: connection.creation.destroy_test_db(name, verbosity=0)
    call_command("migrate", verbosity=0)
    return lambda: None


def build(count: int, random: Random) -> None:
    """`count` published practices, indexed as the engine indexes them."""
    start = time.perf_counter()
    bundle = read_bundle(settings.SINERGIA_DATA_DIR)
    reference_data_load(bundle=bundle, actor_label="bench")
    writer = Writer(source_texts(bundle, settings.SINERGIA_DATA_DIR), random)
    countries = list(Country.objects.values_list("id", flat=True))
    mechanisms = list(Mechanism.objects.values_list("id", flat=True))
    concepts = list(Concept.objects.values_list("id", flat=True))
    populations = list(Population.values)
    now = timezone.now()
    with transaction.atomic():
        for first in range(0, count, 5_000):
            practices = []
            for index in range(first, min(first + 5_000, count)):
                text = writer.practice()
                practices.append(
                    Practice(
                        external_id=f"bench-{index}",
                        language=text.language,
                        title=text.title[:300],
                        summary=text.summary,
                        body=text.body,
                        status=Status.PUBLISHED,
                        year=random.randint(2000, 2025),
                        published_at=now - datetime.timedelta(minutes=index),
                    )
                )
            Practice.objects.bulk_create(practices)
            rows: dict[str, list[Any]] = {"countries": [], "mechanisms": [], "themes": []}
            population_rows = []
            for practice in practices:
                pid = practice.pk
                for country in random.sample(countries, random.randint(1, 2)):
                    rows["countries"].append(
                        Practice.countries.through(practice_id=pid, country_id=country)
                    )
                for mechanism in random.sample(mechanisms, random.randint(0, 1)):
                    rows["mechanisms"].append(
                        Practice.mechanisms.through(practice_id=pid, mechanism_id=mechanism)
                    )
                for concept in random.sample(concepts, random.randint(1, 3)):
                    rows["themes"].append(
                        Practice.themes.through(practice_id=pid, concept_id=concept)
                    )
                population = random.choice(populations)
                population_rows.append(PracticePopulation(practice_id=pid, population=population))
            for name, objects in rows.items():
                getattr(Practice, name).through.objects.bulk_create(objects)
            PracticePopulation.objects.bulk_create(population_rows)
        # Last changed when published, as in a repository that grew over the years: a
        # publication during the run then updates the search's tables in place, as it would
        # there, instead of finding the whole corpus changed minutes ago (a bulk import).
        Practice.objects.filter(external_id__startswith="bench-").update(
            updated_at=F("published_at")
        )
        built = time.perf_counter()
        indexed = rebuild_index()
    with connection.cursor() as cursor:
        # What a maintained database has: statistics, and (PostgreSQL's autovacuum) the
        # visibility map, by which reading matches skips what it need not check.
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(
        f"built {count:,} practices in {built - start:.1f} s, indexed {indexed:,} by "
        f"rebuild_index in {time.perf_counter() - built:.1f} s ({connection.vendor})"
    )


class Naive:
    """Search without a search engine: icontains for every word over every document."""

    def __init__(self) -> None:
        through = {
            "country": Practice.countries.through.objects.values_list(
                "practice_id", "country__iso3"
            ),
            "subregion": Practice.countries.through.objects.values_list(
                "practice_id", "country__subregion__key"
            ).distinct(),
            "mechanism": Practice.mechanisms.through.objects.values_list(
                "practice_id", "mechanism__acronym"
            ),
            "theme": Practice.themes.through.objects.values_list("practice_id", "concept__key"),
            "population": PracticePopulation.objects.values_list("practice_id", "population"),
        }
        self.values: dict[str, dict[int, list[str]]] = {}
        for name, pairs in through.items():
            values: dict[int, list[str]] = {}
            for pid, value in pairs:
                values.setdefault(pid, []).append(value)
            self.values[name] = values
        self.values["language"], self.values["year"] = {}, {}
        for pid, language, year in Practice.objects.values_list("id", "language", "year"):
            self.values["language"][pid] = [language]
            if year is not None:
                self.values["year"][pid] = [str(year)]

    def search(self, text: str) -> tuple[int, dict[str, Counter[str]], list[Any]]:
        condition = Q(status=Status.PUBLISHED)
        for word in _WORD.findall(text):
            condition &= (
                Q(title__icontains=word) | Q(summary__icontains=word) | Q(body__icontains=word)
            )
        ids = list(
            Practice.objects.filter(condition)
            .order_by("-published_at", "-id")
            .values_list("id", flat=True)
        )
        facets = {
            name: Counter(value for pid in ids for value in values.get(pid, ()))
            for name, values in self.values.items()
        }
        page = list(
            Practice.objects.filter(id__in=ids[:20]).values_list(
                "id", "external_id", "title", "summary", "language", "year"
            )
        )
        return len(ids), facets, page


def nonempty(facets: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    return {name: values for name, values in facets.items() if values}


def check_floor(client: Client, texts: list[str], prepared: dict[str, Any]) -> list[int]:
    """Every query through the endpoint and the floor, which must agree; the counts."""
    counts = []
    for text in texts:
        response = client.get(SEARCH, {"q": text})
        assert response.status_code == 200, (text, response.status_code)
        found = response.json()
        if found["corrected"]:
            raise SystemExit(
                f"The endpoint answers {text!r} with its spelling correction "
                f"{found['suggestion']!r}, which the raw-SQL floor does not make: choose "
                "benchmark queries that find something as typed."
            )
        floor = floor_run(prepared[text])
        page = [hit["id"] for hit in found["results"]]
        endpoint = (found["count"], found["complete_count"], nonempty(found["facets"]), page)
        if endpoint != (floor.count, floor.complete_count, nonempty(floor.facets), floor.page):
            raise SystemExit(
                f"The raw-SQL floor (bench/search_floor.py) does not answer {text!r} as the "
                f"endpoint does ({floor.count} results, {floor.complete_count} complete, "
                f"against {found['count']}, {found['complete_count']}; or other facet counts "
                "or page): bring it in line with the search engine."
            )
        counts.append(found["count"])
    return counts


def timed(
    methods: dict[str, Callable[[str], object]],
    texts: list[str],
    rounds: int,
    random: Random,
) -> dict[str, list[float]]:
    """Milliseconds of every timed call of each method: a warm-up pass, then `rounds`
    passes in random order; for each query the methods run in turn, starting in rotation."""
    milliseconds: dict[str, list[float]] = {name: [] for name in methods}
    names = list(methods)
    for round_number in range(rounds + 1):
        order = texts if round_number == 0 else random.sample(texts, len(texts))
        for position, text in enumerate(order):
            shift = position % len(names)
            for name in names[shift:] + names[:shift]:
                start = time.perf_counter()
                methods[name](text)
                elapsed = time.perf_counter() - start
                if round_number:
                    milliseconds[name].append(elapsed * 1000)
    return milliseconds


def reindex_after_write(client: Client, times: int) -> list[float]:
    """Milliseconds from `practice_publish` until a search counts the practice in its result
    and its facets, `times` times (each a new practice)."""
    actor = SystemActor("bench")
    country = "CRI"
    measured = []
    for attempt in range(times):
        marker = "zorvalind" + "abcdefghij"[attempt % 10]
        query = f"{marker} trabajadores migrantes"
        before = client.get(SEARCH, {"q": query}).json()
        practice = services.practice_create(
            actor=actor,
            data=services.PracticeData(
                title=f"Programa {marker} de protección de trabajadores migrantes",
                summary="Acompañamiento jurídico y acceso a la seguridad social para "
                "trabajadores migrantes temporales y sus familias.",
                language="es",
                countries=[country],
                populations=["migrant-workers"],
                year=2025,
            ),
        )
        services.practice_submit(actor=actor, practice=practice)
        start = time.perf_counter()
        services.practice_publish(actor=actor, practice=practice)
        published = time.perf_counter()
        expected = (before["count"] + 1, before["facets"].get("country", {}).get(country, 0) + 1)
        while True:
            after = client.get(SEARCH, {"q": query}).json()
            if (after["count"], after["facets"].get("country", {}).get(country, 0)) == expected:
                break
            if time.perf_counter() - start > 120:
                raise SystemExit("A published practice was not found by search within 120 s.")
        elapsed = time.perf_counter() - start
        print(
            f"  publish {1000 * (published - start):.1f} ms, then searched and counted after "
            f"{1000 * (elapsed - (published - start)):.1f} ms"
        )
        measured.append(elapsed * 1000)
    return measured


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=1_000 if smoke() else 100_000)
    parser.add_argument("--rounds", type=int, default=1 if smoke() else 3)
    parser.add_argument("--writes", type=int, default=1 if smoke() else 3)
    arguments = parser.parse_args()
    random = Random(5)
    drop = database_create()
    try:
        build(arguments.documents, random)
        figures = measure(arguments, random)
    finally:
        connection.close()
        drop()
        shutil.rmtree(VAR_DIR, ignore_errors=True)
    print(json.dumps(figures))


def measure(arguments: argparse.Namespace, random: Random) -> dict[str, Any]:
    chosen = queries()
    texts = [text for _language, text in chosen]
    words = [len(text.split()) for text in texts]
    assert len(texts) >= 40 and min(words) >= 2 and max(words) <= 9, words
    client = Client()
    tagger = vocabulary_tagger()
    prepared = {text: floor_prepare(text, tagger) for text in texts}
    counts = check_floor(client, texts, prepared)
    naive = Naive()
    milliseconds = timed(
        {
            "endpoint": lambda text: client.get(SEARCH, {"q": text}),
            "floor": lambda text: floor_run(prepared[text]),
            "match": lambda text: floor_match_run(prepared[text]),
            "trivial": lambda text: client.get("/healthz"),
            "naive": naive.search,
        },
        texts,
        arguments.rounds,
        random,
    )
    by_language: dict[str, list[int]] = {}
    for (language, _text), count in zip(chosen, counts, strict=True):
        by_language.setdefault(language, []).append(count)
    print(
        f"{len(texts)} queries of {min(words)} to {max(words)} words "
        f"(median {statistics.median(words):g}); results per query by language (median, "
        "queries with none): "
        + ", ".join(
            f"{language} {statistics.median(found):,.0f} ({sum(1 for c in found if not c)} none)"
            for language, found in by_language.items()
        )
        + f"; largest {max(counts):,}"
    )
    print(f"publishing one practice, {arguments.writes} time(s):")
    reindex = reindex_after_write(client, arguments.writes)
    endpoint, floor, match, trivial, slow = (
        milliseconds[name] for name in ("endpoint", "floor", "match", "trivial", "naive")
    )
    result = {
        "database": connection.vendor,
        "documents": arguments.documents,
        "queries": len(texts),
        "timed_requests": len(endpoint),
        "p50_ms": round(percentile(endpoint, 0.50), 2),
        "p95_ms": round(percentile(endpoint, 0.95), 2),
        "raw_sql_p50_ms": round(percentile(floor, 0.50), 2),
        "raw_sql_p95_ms": round(percentile(floor, 0.95), 2),
        "raw_match_p50_ms": round(percentile(match, 0.50), 2),
        "trivial_view_p50_ms": round(percentile(trivial, 0.50), 2),
        "naive_p50_ms": round(percentile(slow, 0.50), 2),
        "naive_p95_ms": round(percentile(slow, 0.95), 2),
        "reindex_after_write_ms": round(statistics.median(reindex), 1),
    }
    floor_ms = result["raw_sql_p50_ms"] + result["trivial_view_p50_ms"]
    print(
        f"endpoint p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms over {len(endpoint)} "
        f"requests; raw SQL p50 {result['raw_sql_p50_ms']} ms, p95 {result['raw_sql_p95_ms']} "
        f"ms, the match alone p50 {result['raw_match_p50_ms']} ms; trivial view p50 "
        f"{result['trivial_view_p50_ms']} ms; endpoint p50 = {result['p50_ms'] / floor_ms:.2f}x "
        "raw SQL + trivial view"
    )
    print(
        f"naive p50 {result['naive_p50_ms']} ms ({result['naive_p50_ms'] / result['p50_ms']:.1f}x "
        f"the endpoint), p95 {result['naive_p95_ms']} ms "
        f"({result['naive_p95_ms'] / result['p95_ms']:.1f}x); a publication is found "
        f"{result['reindex_after_write_ms']} ms after it starts"
    )
    return result


if __name__ == "__main__":
    main()
