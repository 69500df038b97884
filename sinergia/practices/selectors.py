"""Reads of the practice repository, always through what the reader may see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from django.db.models import Count, QuerySet, Sum
from django.http import Http404

from sinergia.accounts.services import Actor
from sinergia.data_version import versioned
from sinergia.practices import permissions
from sinergia.practices.models import Practice, Status
from sinergia.vocabulary.features import text_features

SIMILARITY_WARNING = 0.35


def practices_visible(actor: Actor) -> QuerySet[Practice]:
    return Practice.objects.filter(permissions.visible_filter(actor))


def practice_get(pk: int, actor: Actor) -> Practice:
    """A practice the actor may see, with what its page shows; 404 otherwise (an unpublished
    practice looks exactly like one that does not exist)."""
    practice = (
        practices_visible(actor)
        .select_related("submitting_country", "submitting_mechanism", "created_by")
        .prefetch_related(
            "countries",
            "mechanisms",
            "themes",
            "translations",
            "populations",
            "attachments",
        )
        .filter(pk=pk)
        .first()
    )
    if practice is None:
        raise Http404("No such practice")
    return practice


def practice_stamp(pk: int) -> str:
    """The practice's revision, which moves at every change of it or of what its page shows
    (a translation, a file: `models.PartOfPractice`). With the versions of what its page
    names (the registry, the vocabulary), it keys the page's kept copies, so that the
    publication of another practice leaves them."""
    revision = Practice.objects.filter(pk=pk).values_list("revision", flat=True).first()
    return str(revision) if revision is not None else "-"


def country_practices_stamp(iso3: str) -> str:
    """How many practices of the country are published, and the sum of their revisions: it
    moves when one is published, withdrawn, edited or translated, whatever order concurrent
    writes commit in, and not when a practice of another country is."""
    found = Practice.objects.filter(status=Status.PUBLISHED, countries__iso3=iso3).aggregate(
        count=Count("pk"), revisions=Sum("revision")
    )
    return f"{found['count']}:{found['revisions'] or 0}"


def practices_of(actor: Actor) -> QuerySet[Practice]:
    """The practices an author works on: those of their country or mechanism, any status."""
    countries, mechanisms = permissions.focal_scopes(actor)
    return (
        Practice.objects.filter(submitting_country_id__in=countries)
        | Practice.objects.filter(submitting_mechanism_id__in=mechanisms)
    ).order_by("-updated_at")


def review_queue() -> QuerySet[Practice]:
    return (
        Practice.objects.filter(
            status__in=[Status.SUBMITTED, Status.IN_REVIEW, Status.CHANGES_REQUESTED]
        )
        .select_related("submitting_country", "submitting_mechanism")
        .order_by("updated_at")
    )


# What waits for a reviewer's decision; practices sent back wait for their authors.
AWAITING_REVIEW = (Status.SUBMITTED, Status.IN_REVIEW)


def review_waiting() -> QuerySet[Practice]:
    """The practices of the review queue that wait for a reviewer, oldest first."""
    return review_queue().filter(status__in=AWAITING_REVIEW)


@dataclass(frozen=True)
class SimilarPractice:
    practice: Practice
    similarity: float

    @property
    def submitted_by(self) -> str:
        owner = self.practice.submitting_country or self.practice.submitting_mechanism
        return str(owner) if owner else ""


def similar_practices(
    practice: Practice, actor: Actor, *, limit: int = 3, pool: int = 2000
) -> list[SimilarPractice]:
    """Practices the actor may see that look like this one (TF-IDF cosine over stemmed words
    and themes, so across languages too): "this looks like practice X, submitted by Y".

    The practices someone of the actor's scope compares with (all but drafts) are read and
    weighed once for everyone of that scope, and kept while none of them changes: an
    unpublished practice's life moves no public data version, so they are also keyed on how
    many there are and the sum of their revisions. A practice among them is compared by its row;
    a draft, which is not, is weighed with them at each look."""
    scope = permissions.visibility_scope(actor)
    compared = _compared(scope).aggregate(Count("id"), Sum("revision"))
    state = (compared["id__count"], compared["revision__sum"])
    corpus = _compared_corpus(state, scope, pool)
    row = corpus.rows.get(practice.pk)
    if row is not None and corpus.practices[row].revision == practice.revision:
        similarity = (corpus.vectors @ corpus.vectors[row].T).toarray().ravel()
        similarity[row] = -1.0  # not like itself
        candidates = corpus.practices
    else:
        candidates = [p for p in corpus.practices if p.pk != practice.pk]
        if not candidates:
            return []
        everything = [practice, *candidates]
        matrix = _features(everything)
        similarity = (matrix.vectors[1:] @ matrix.vectors[0].T).toarray().ravel()
    order = np.argsort(-similarity, kind="stable")[:limit]
    return [
        SimilarPractice(candidates[i], round(float(similarity[i]), 3))
        for i in order
        if similarity[i] >= SIMILARITY_WARNING
    ]


def _compared(scope: permissions.Scope) -> QuerySet[Practice]:
    """The practices someone of `scope` sees a practice compared with (drafts are not)."""
    return Practice.objects.filter(permissions.visible_in_scope(scope)).exclude(status=Status.DRAFT)


@dataclass(frozen=True)
class _Corpus:
    practices: list[Practice]  # the latest changed first
    vectors: Any  # their TF-IDF rows (scipy.sparse), unit length
    rows: dict[int, int]  # practice id -> row


def _features(practices: list[Practice]) -> Any:
    return text_features(
        [(f"{p.title}\n{p.summary}", p.language) for p in practices],
        [[t.key for t in p.themes.all()] for p in practices],
    )


@versioned("practices", "vocabulary", size=16)
def _compared_corpus(state: tuple[Any, ...], scope: permissions.Scope, pool: int) -> _Corpus:
    practices = list(
        _compared(scope)
        .select_related("submitting_country", "submitting_mechanism")
        .prefetch_related("themes")
        .order_by("-updated_at", "-id")[:pool]
    )
    vectors = _features(practices).vectors if practices else None
    return _Corpus(practices, vectors, {p.pk: row for row, p in enumerate(practices)})
