"""Reads of the vocabulary."""

from __future__ import annotations

import threading

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from sinergia.data_version import data_version
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


_tagger_lock = threading.Lock()
_tagger_cache: dict[int, Tagger] = {}


def vocabulary_tagger() -> Tagger:
    """The tagger of the current vocabulary, built once per process and data version (a
    change to a concept moves the data version like any other write)."""
    token = data_version().token
    tagger = _tagger_cache.get(token)
    if tagger is None:
        with _tagger_lock:
            tagger = _tagger_cache.get(token)
            if tagger is None:
                tagger = Tagger(concept_terms())
                _tagger_cache.clear()
                _tagger_cache[token] = tagger
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


def theme_mechanism_counts() -> dict[int, int]:
    """For each concept id, how many mechanisms carry it in their agenda or commitments."""
    from sinergia.registry.models import AgendaItem, Commitment

    pairs: set[tuple[int, int]] = set()
    for model in (AgendaItem, Commitment):
        pairs.update(
            model.themes.through.objects.values_list(
                "concept_id", f"{model._meta.model_name}__mechanism_id"
            )
        )
    counts: dict[int, int] = {}
    for concept_id, _mechanism_id in pairs:
        counts[concept_id] = counts.get(concept_id, 0) + 1
    return counts
