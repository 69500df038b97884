"""Pages of the vocabulary: the themes and what covers each."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sinergia.registry.selectors import theme_mechanisms, theme_texts
from sinergia.vocabulary import selectors


def theme_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "vocabulary/theme_list.html",
        {
            "concepts": sorted(selectors.concept_list(), key=lambda concept: concept.label),
            "coverage": selectors.theme_mechanism_counts(),
            "frameworks": selectors.framework_list(),
        },
    )


def theme_detail(request: HttpRequest, key: str) -> HttpResponse:
    concept = selectors.concept_get(key)
    matches = sorted(
        concept.matches.all(), key=lambda m: (m.item.framework.position, m.item.position)
    )
    return render(
        request,
        "vocabulary/theme_detail.html",
        {
            "concept": concept,
            "matches": matches,
            "mechanisms": theme_mechanisms(concept),
            "texts": theme_texts(concept),
        },
    )
