"""Reads of the vocabulary."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from sinergia.data_version import VersionedValue
from sinergia.vocabulary.models import Concept, ConceptMatch, Framework, FrameworkItem
from sinergia.vocabulary.tagging import ConceptTerms, Tagger

ConceptRow = tuple[str, dict[str, str], dict[str, list[str]]]


def _concept_rows() -> list[ConceptRow]:
    return list(Concept.objects.order_by("key").values_list("key", "labels", "synonyms"))


def _terms(rows: list[ConceptRow]) -> list[ConceptTerms]:
    result = []
    for key, labels, synonyms in rows:
        terms: dict[str, list[str]] = {}
        for language, label in labels.items():
            terms.setdefault(language, []).append(label)
        for language, words in (synonyms or {}).items():
            terms.setdefault(language, []).extend(words)
        result.append(ConceptTerms(key=key, terms=terms))
    return result


def concept_terms() -> list[ConceptTerms]:
    """Every concept with its label and synonyms per language, for the tagger."""
    return _terms(_concept_rows())


_tagger = VersionedValue(_concept_rows, lambda rows: Tagger(_terms(rows)), domains=("vocabulary",))


def vocabulary_tagger() -> Tagger:
    """The tagger of the current vocabulary, built once per process and rebuilt when the
    data version moves and the concepts' labels or synonyms changed."""
    return _tagger.get()


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
