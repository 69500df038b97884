""" "Did you mean…?": a misspelt word of a query corrected from the words of the published
practices themselves (their titles and summaries, in every language)."""

from __future__ import annotations

import datetime
import re
import threading
import time
from collections import Counter
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from sinergia.data_version import data_version
from sinergia.practices.models import Practice, PracticeTranslation
from sinergia.practices.permissions import ANONYMOUS, visible_filter
from sinergia.practices.search.tokens import ParsedQuery
from sinergia.vocabulary.text import FUNCTION_WORDS, fold

MIN_LETTERS = 5  # shorter words are too often right and too easy to "correct" wrongly
REFRESH_SECONDS = 60.0  # the word list follows publications, at most once a minute
# Between two whole readings, at most an hour apart, a refresh reads only the practices
# changed since the last one (a hundred thousand titles take seconds to read): the words of a
# practice withdrawn meanwhile stay until the next whole reading, which can only make a
# suggestion find nothing, and a suggestion is only given when it finds something.
REREAD_SECONDS = 3600.0
# Practices changed this long before the last refresh are looked at again: app servers'
# clocks differ, and a write commits after its `updated_at`.
MARGIN = datetime.timedelta(minutes=10)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

_lock = threading.Lock()
_state: dict[str, Any] = {
    "version": None, "built": 0.0, "read": 0.0, "read_at": None, "seen": {},
    "words": [], "counts": Counter(),
}  # fmt: skip


def _count(texts: list[tuple[str, str]], counts: Counter[str]) -> None:
    folded: dict[str, str] = {}  # a word's folded form, read once however often it comes
    for title, summary in texts:
        for word in _WORD.findall(f"{title} {summary}".casefold()):
            form = folded.get(word)
            if form is None:
                form = folded[word] = fold(word)
            if len(form) >= MIN_LETTERS - 1 and form not in FUNCTION_WORDS:
                counts[form] += 1


def _texts(published: QuerySet[Practice]) -> list[tuple[str, str]]:
    texts = list(published.values_list("title", "summary"))
    texts += list(
        PracticeTranslation.objects.filter(practice__in=published).values_list("title", "summary")
    )
    return texts


def _word_counts(version: int) -> tuple[list[str], Counter[str]]:
    """The folded words of published titles and summaries, with how often each appears."""
    now = time.monotonic()
    with _lock:
        fresh = _state["version"] == version or now - float(_state["built"]) < REFRESH_SECONDS
        if _state["words"] and fresh:
            return _state["words"], _state["counts"]
        read_at = timezone.now()
        published = Practice.objects.filter(visible_filter(ANONYMOUS))
        if _state["words"] and now - float(_state["read"]) < REREAD_SECONDS:
            counts = Counter(_state["counts"])
            since = _state["read_at"] - MARGIN
            changed = dict(published.filter(updated_at__gte=since).values_list("id", "updated_at"))
            seen = {pid: at for pid, at in _state["seen"].items() if at >= since}
            new = [pid for pid, at in changed.items() if seen.get(pid) != at]
            _count(_texts(published.filter(id__in=new)), counts)
            seen.update(changed)
        else:
            counts = Counter()
            _count(_texts(published), counts)
            seen = dict(
                published.filter(updated_at__gte=read_at - MARGIN).values_list("id", "updated_at")
            )
            _state["read"] = now
        words = sorted(counts)
        _state.update(
            version=version, built=now, read_at=read_at, seen=seen, words=words, counts=counts
        )
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
