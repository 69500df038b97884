"""Keep the search index in step with what the public may see (the practice rule of
`sinergia.practices.permissions`, for `ANONYMOUS`)."""

from __future__ import annotations

from sinergia.practices.models import Practice, PracticeTranslation
from sinergia.practices.permissions import ANONYMOUS, can_view, visible_filter
from sinergia.practices.search.backends import backend
from sinergia.practices.search.tokens import (
    DocumentTokens,
    country_tagger,
    document_tokens,
    term_tagger,
)
from sinergia.vocabulary.selectors import vocabulary_tagger
from sinergia.vocabulary.tagging import Tagger


def practice_texts(practice: Practice) -> list[tuple[str, str]]:
    """Every text of a practice with its language: the original and each translation."""
    fields = practice_fields(practice)
    return [
        (f"{title}\n{summary}\n{body}", language)
        for (title, language), (summary, _l), (body, _m) in zip(
            fields["title"], fields["summary"], fields["body"], strict=True
        )
    ]


def practice_fields(practice: Practice) -> dict[str, list[tuple[str, str]]]:
    """The title, summary and body of a practice, each as (text, language) pairs: the original
    and every translation."""
    versions: list[Practice | PracticeTranslation] = [practice, *practice.translations.all()]
    return {
        "title": [(v.title, v.language) for v in versions],
        "summary": [(v.summary, v.language) for v in versions],
        "body": [(v.body, v.language) for v in versions],
    }


def practice_concepts(practice: Practice, tagger: Tagger) -> set[str]:
    """Its confirmed themes and the concepts its texts mention (any of their terms, those
    inside a longer term included: a query naming a concept matches by its tag alone)."""
    concepts = {concept.key for concept in practice.themes.all()}
    for text, language in practice_texts(practice):
        concepts.update(tagger.keys_anywhere(text, language))
    return concepts


def practice_tokens(practice: Practice, tagger: Tagger) -> DocumentTokens:
    """What the index holds of a practice: its fields' stems and its language-neutral tags
    (concepts, sets of the term list, the countries it is about or names)."""
    texts = practice_texts(practice)
    terms: set[str] = set()
    countries = {country.iso3 for country in practice.countries.all()}
    for text, language in texts:
        terms.update(term_tagger().keys_anywhere(text, language))
        countries.update(country_tagger().keys_anywhere(text, language))
    return document_tokens(
        practice_fields(practice), practice_concepts(practice, tagger), terms, countries
    )


def index_practice(practice: Practice, *, tagger: Tagger | None = None) -> None:
    """Put a published practice in the index; take any other out. Called by the services,
    in the transaction whose audit record moves the data version (and so the facets)."""
    if not can_view(ANONYMOUS, practice):
        unindex_practice(practice.pk)
        return
    backend().put(practice.pk, practice_tokens(practice, tagger or vocabulary_tagger()))


def unindex_practice(practice_id: int) -> None:
    backend().remove(practice_id)


def rebuild_index() -> int:
    """Rebuild the whole index from the published practices; returns how many. The index is
    derived from data that stay as they were, so the data version stays too (the facet
    tables and other caches are built from the data, not from the index)."""
    search = backend()
    search.ensure()
    search.clear()
    tagger = vocabulary_tagger()
    count = 0
    published = Practice.objects.filter(visible_filter(ANONYMOUS)).prefetch_related(
        "translations", "themes", "countries"
    )
    for practice in published.iterator(chunk_size=500):
        search.put(practice.pk, practice_tokens(practice, tagger))
        count += 1
    return count
