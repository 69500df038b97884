"""Reads of the vocabulary."""

from __future__ import annotations

import time

from django.db.models import Max, Prefetch, QuerySet
from django.http import Http404

from sinergia.vocabulary.models import Concept, ConceptMatch, Framework, FrameworkItem
from sinergia.vocabulary.tagging import ConceptTerms, Tagger


def concept_terms() -> list[ConceptTerms]:
    """Every concept with its label and synonyms per language, for the tagger."""
    result = []
    for key, labels, synonyms in Concept.objects.values_list("key", "labels", "synonyms"):
        terms: dict[str, list[str]] = {}
        for language, label in labels.items():
            terms.setdefault(language, []).append(label)
        for language, words in (synonyms or {}).items():
            terms.setdefault(language, []).extend(words)
        result.append(ConceptTerms(key=key, terms=terms))
    return result


_tagger_cache: dict[str, Tagger] = {}
_tagger_checked: list[float] = [0.0]
TAGGER_CHECK_SECONDS = 5.0


def vocabulary_tagger() -> Tagger:
    """The tagger of the current vocabulary, built once per process and per vocabulary change
    (checked at most every few seconds: searches ask for it on every request)."""
    now = time.monotonic()
    if _tagger_cache and now - _tagger_checked[0] < TAGGER_CHECK_SECONDS:
        return next(iter(_tagger_cache.values()))
    version = str(Concept.history.aggregate(last=Max("history_id"))["last"])
    tagger = _tagger_cache.get(version)
    if tagger is None:
        tagger = Tagger(concept_terms())
        _tagger_cache.clear()
        _tagger_cache[version] = tagger
    _tagger_checked[0] = now
    return tagger


def concept_list() -> QuerySet[Concept]:
    return Concept.objects.prefetch_related(
        Prefetch("matches", queryset=ConceptMatch.objects.select_related("item__framework"))
    )


def concept_get(key: str) -> Concept:
    concept = concept_list().filter(key=key).first()
    if concept is None:
        raise Http404(f"No theme {key}")
    return concept


def framework_list() -> QuerySet[Framework]:
    return Framework.objects.select_related("source").prefetch_related(
        Prefetch("items", queryset=FrameworkItem.objects.prefetch_related("concepts"))
    )
