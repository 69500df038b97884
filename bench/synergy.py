"""Synergy benchmark: the full analysis and near-duplicate detection at scale, against brute force.

Generates a synthetic registry (1,000 mechanisms, 250 countries, 100,000 agenda texts of
about 40 words in four languages, 2% of them planted near-duplicates made by light edits),
then measures:

- the near-duplicate detection end to end (TF-IDF features, rare-feature join, exact
  verification of candidates);
- brute force on the same vectors: TF-IDF cosine over the full matrix in chunks of sparse
  products, pairs at cosine >= 0.8. It is timed on a random sample of rows and scaled
  linearly to all rows (every row costs the same: one sparse product with the whole matrix),
  plus the same feature extraction; recall is measured on the pairs that involve the sample;
- the full analysis (overlaps, themes, gaps, burden, opportunities, duplications and the
  near-duplicates);
- peak resident memory of the process.

The last line printed is one JSON object. Run: `.venv/bin/python bench/synergy.py`
(`--texts N` for a smaller run; `BENCH_SMOKE=1` runs it tiny).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sinergia.settings")

import django

django.setup()

from bench.synthetic import synthetic_corpus
from bench.timing import smoke
from sinergia.synergy.analysis import analyze
from sinergia.synergy.neardup import brute_force_pairs, near_duplicates
from sinergia.vocabulary.features import text_features

THEMES = [f"theme-{k}" for k in range(49)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--texts", type=int, default=2_000 if smoke() else 100_000)
    parser.add_argument(
        "--sample", type=int, default=200 if smoke() else 4_000, help="rows timed by brute force"
    )
    arguments = parser.parse_args()

    start = time.perf_counter()
    corpus = synthetic_corpus(texts=arguments.texts, themes=THEMES)
    texts = corpus.snapshot.texts
    print(f"generated {len(texts):,} texts in {time.perf_counter() - start:.1f} s "
          f"({len(corpus.planted):,} planted near-duplicates)")  # fmt: skip

    start = time.perf_counter()
    matrix = text_features([(t.text, t.language) for t in texts], [t.themes for t in texts])
    features_seconds = time.perf_counter() - start
    start = time.perf_counter()
    pairs = near_duplicates(matrix, [t.language for t in texts])
    join_seconds = time.perf_counter() - start
    seconds = features_seconds + join_seconds
    found = {(p.a, p.b) for p in pairs}
    planted_found = len(corpus.planted & found) / max(len(corpus.planted), 1)
    print(f"near-duplicates: features {features_seconds:.2f} s + join and verification "
          f"{join_seconds:.2f} s = {seconds:.2f} s; {len(pairs):,} pairs; "
          f"planted found {planted_found:.4f}")  # fmt: skip

    random = np.random.default_rng(11)
    sample = np.sort(
        random.choice(matrix.size, size=min(arguments.sample, matrix.size), replace=False)
    )
    start = time.perf_counter()
    exact = brute_force_pairs(matrix, threshold=0.8, rows=sample, chunk=100)
    sample_seconds = time.perf_counter() - start
    bruteforce_seconds = features_seconds + sample_seconds * matrix.size / len(sample)
    in_sample = set(sample.tolist())
    fast_in_sample = {pair for pair in found if pair[0] in in_sample or pair[1] in in_sample}
    recall = len(exact & fast_in_sample) / max(len(exact), 1)
    print(f"brute force: {len(sample):,} rows in {sample_seconds:.2f} s, scaled to "
          f"{matrix.size:,} rows plus features: {bruteforce_seconds:.1f} s; "
          f"{len(exact):,} pairs at cosine >= 0.8 in the sample; recall {recall:.4f}; "
          f"speed-up {bruteforce_seconds / seconds:.1f}x")  # fmt: skip

    start = time.perf_counter()
    analysis = analyze(corpus.snapshot)
    analysis_seconds = time.perf_counter() - start
    print(
        f"full analysis: {analysis_seconds:.2f} s; {len(analysis.opportunities)} opportunities, "
        f"{len(analysis.duplications)} duplications, "
        f"{len(analysis.near_duplicates):,} near-duplicates"
    )

    peak_memory_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "items": matrix.size,
                "seconds": round(seconds, 2),
                "bruteforce_seconds": round(bruteforce_seconds, 1),
                "recall": round(recall, 4),
                "analysis_seconds": round(analysis_seconds, 2),
                "peak_memory_mb": round(peak_memory_mb, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
