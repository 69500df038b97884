"""The tagger: speed, and agreement with the themes curators gave each agenda line."""

from __future__ import annotations

import random
import time

from django.conf import settings

from sinergia.reference.validation import read_bundle
from sinergia.vocabulary.selectors import vocabulary_tagger


def run(*, texts_timed: int = 20_000) -> dict[str, float]:
    bundle = read_bundle(settings.SINERGIA_DATA_DIR)
    start = time.perf_counter()
    tagger = vocabulary_tagger()
    build_seconds = time.perf_counter() - start

    texts = [
        (text.text, text.language, set(text.themes))
        for mechanism in bundle.mechanisms
        for text in [*mechanism.agenda, *mechanism.commitments]
    ]
    found = agreed = curated = 0
    for text, language, themes in texts:
        tagged = set(tagger.concept_keys(text, language))
        found += len(tagged)
        agreed += len(tagged & themes)
        curated += len(themes)

    corpus = [texts[random.randrange(len(texts))] for _ in range(texts_timed)]
    words = sum(len(text.split()) for text, _language, _themes in corpus)
    start = time.perf_counter()
    for text, language, _themes in corpus:
        tagger.tag(text, language)
    seconds = time.perf_counter() - start

    print("tagger")
    print(f"  build from the vocabulary {build_seconds * 1000:8.1f} ms")
    print(
        f"  {len(corpus):,} texts ({words:,} words) in {seconds:.2f} s: "
        f"{len(corpus) / seconds:,.0f} texts/s, {words / seconds:,.0f} words/s"
    )
    print(
        f"  against curated themes of {len(texts)} agenda lines and commitments: "
        f"precision {agreed / max(found, 1):.2f}, recall {agreed / max(curated, 1):.2f}"
    )
    return {
        "build_ms": round(build_seconds * 1000, 1),
        "texts_per_second": round(len(corpus) / seconds),
        "words_per_second": round(words / seconds),
        "precision": round(agreed / max(found, 1), 2),
        "recall": round(agreed / max(curated, 1), 2),
    }
