""" "Did you mean…?": a misspelt word of a query corrected from the words of the published
practices themselves (their titles and summaries, in every language)."""

from __future__ import annotations

import re
import threading
import time
from collections import Counter

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from sinergia.data_version import data_version
from sinergia.practices.models import Practice, PracticeTranslation
from sinergia.practices.permissions import ANONYMOUS, visible_filter
from sinergia.practices.search.tokens import ParsedQuery
from sinergia.vocabulary.text import FUNCTION_WORDS, fold

MIN_LETTERS = 5  # shorter words are too often right and too easy to "correct" wrongly
REFRESH_SECONDS = 60.0  # the word list follows publications, at most once a minute
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

_lock = threading.Lock()
_state: dict[str, object] = {"version": None, "built": 0.0, "words": [], "counts": Counter()}


def _word_counts(version: int) -> tuple[list[str], Counter[str]]:
    """The folded words of published titles and summaries, with how often each appears."""
    now = time.monotonic()
    with _lock:
        fresh = _state["version"] == version or now - float(_state["built"]) < REFRESH_SECONDS  # type: ignore[arg-type]
        if _state["words"] and fresh:
            return _state["words"], _state["counts"]  # type: ignore[return-value]
        counts: Counter[str] = Counter()
        published = Practice.objects.filter(visible_filter(ANONYMOUS))
        texts = list(published.values_list("title", "summary"))
        texts += list(
            PracticeTranslation.objects.filter(practice__in=published).values_list(
                "title", "summary"
            )
        )
        folded: dict[str, str] = {}  # a word's folded form, read once however often it comes
        for title, summary in texts:
            for word in _WORD.findall(f"{title} {summary}".casefold()):
                form = folded.get(word)
                if form is None:
                    form = folded[word] = fold(word)
                if len(form) >= MIN_LETTERS - 1 and form not in FUNCTION_WORDS:
                    counts[form] += 1
        words = sorted(counts)
        _state.update(version=version, built=now, words=words, counts=counts)
        return words, counts


def correction(word: str, version: int | None = None) -> str | None:
    """The closest known word to a misspelt one (one edit for words up to seven letters,
    two beyond), the most frequent among equals; None when the word is known or too far."""
    folded = fold(word.casefold())
    if len(folded) < MIN_LETTERS:
        return None
    words, counts = _word_counts(data_version("practices").token if version is None else version)
    if folded in counts:
        return None
    limit = 1 if len(folded) <= 7 else 2
    found = process.extract(folded, words, scorer=Levenshtein.distance, score_cutoff=limit, limit=8)
    if not found:
        return None
    best = min(found, key=lambda item: (item[1], -counts[item[0]], item[0]))
    return best[0]


def spelling_suggestion(
    text: str, parsed: ParsedQuery, matched_groups: int, version: int | None = None
) -> str:
    """The query with each single-word group that matched nothing replaced by its correction;
    "" when there is nothing to correct."""
    corrected = text
    changed = False
    for index, group in enumerate(parsed.groups):
        if matched_groups >> index & 1 or len(group.words) != 1 or group.phrase:
            continue
        word = group.words[0]
        better = correction(word, version)
        if better:
            corrected = re.sub(
                rf"(?<!\w){re.escape(word)}(?!\w)", better, corrected, count=1, flags=re.IGNORECASE
            )
            changed = True
    return corrected if changed else ""
