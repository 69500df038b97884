"""Keep the search index in step with what the public may see (the practice rule of
`sinergia.practices.permissions`, for `ANONYMOUS`)."""

from __future__ import annotations

from sinergia.practices.models import Practice
from sinergia.practices.permissions import ANONYMOUS, can_view, visible_filter
from sinergia.practices.search.backends import backend
from sinergia.practices.search.facets import bump_generation
from sinergia.practices.search.tokens import document_tokens
from sinergia.vocabulary.selectors import vocabulary_tagger
from sinergia.vocabulary.tagging import Tagger


def practice_texts(practice: Practice) -> list[tuple[str, str]]:
    """Every text of a practice with its language: the original and each translation."""
    texts = [(f"{practice.title}\n{practice.summary}\n{practice.body}", practice.language)]
    texts.extend(
        (f"{t.title}\n{t.summary}\n{t.body}", t.language) for t in practice.translations.all()
    )
    return texts


def practice_concepts(practice: Practice, tagger: Tagger) -> set[str]:
    """Its confirmed themes and the concepts its texts mention."""
    concepts = {concept.key for concept in practice.themes.all()}
    for text, language in practice_texts(practice):
        concepts.update(tagger.concept_keys(text, language))
    return concepts


def index_practice(practice: Practice, *, tagger: Tagger | None = None) -> None:
    """Put a published practice in the index; take any other out."""
    if not can_view(ANONYMOUS, practice):
        unindex_practice(practice.pk)
        return
    tagger = tagger or vocabulary_tagger()
    tokens = document_tokens(practice_texts(practice), practice_concepts(practice, tagger))
    backend().put(practice.pk, tokens)
    bump_generation()


def unindex_practice(practice_id: int) -> None:
    backend().remove(practice_id)
    bump_generation()


def rebuild_index() -> int:
    """Rebuild the whole index from the published practices; returns how many."""
    search = backend()
    search.ensure()
    search.clear()
    tagger = vocabulary_tagger()
    count = 0
    published = Practice.objects.filter(visible_filter(ANONYMOUS)).prefetch_related(
        "translations", "themes"
    )
    for practice in published.iterator(chunk_size=500):
        tokens = document_tokens(practice_texts(practice), practice_concepts(practice, tagger))
        search.put(practice.pk, tokens)
        count += 1
    bump_generation()
    return count
