"""Reads of the practice repository, always through what the reader may see."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from django.db.models import Prefetch, QuerySet
from django.http import Http404

from sinergia.accounts.services import Actor
from sinergia.practices import permissions
from sinergia.practices.models import Practice, Status, StatusChange
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
            Prefetch("status_changes", queryset=StatusChange.objects.order_by("at", "id")),
        )
        .filter(pk=pk)
        .first()
    )
    if practice is None:
        raise Http404("No such practice")
    return practice


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
    and themes, so across languages too): "this looks like practice X, submitted by Y"."""
    candidates = list(
        practices_visible(actor)
        .exclude(pk=practice.pk)
        .exclude(status=Status.DRAFT)
        .select_related("submitting_country", "submitting_mechanism")
        .prefetch_related("themes")
        .order_by("-updated_at")[:pool]
    )
    if not candidates:
        return []
    everything = [practice, *candidates]
    matrix = text_features(
        [(f"{p.title}\n{p.summary}", p.language) for p in everything],
        [[t.key for t in p.themes.all()] for p in everything],
    )
    similarity = (matrix.vectors[1:] @ matrix.vectors[0].T).toarray().ravel()
    order = np.argsort(-similarity)[:limit]
    return [
        SimilarPractice(candidates[i], round(float(similarity[i]), 3))
        for i in order
        if similarity[i] >= SIMILARITY_WARNING
    ]
