"""Pages of the vocabulary: the themes and what covers each."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sinergia.downloads import table_response
from sinergia.registry.selectors import theme_mechanisms, theme_texts
from sinergia.uris import concept_uri
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


THEME_COLUMNS = [
    "key", "uri", "label_es", "label_en", "label_fr", "label_pt", "mechanisms", "crosswalk",
]  # fmt: skip


def theme_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The vocabulary with its crosswalks, as CSV, XLSX or JSON (SKOS at the API)."""
    coverage = selectors.theme_mechanism_counts()
    rows = [
        {
            "key": concept.key,
            "uri": concept_uri(concept.key),
            **{f"label_{code}": concept.labels.get(code, "") for code in ("es", "en", "fr", "pt")},
            "mechanisms": coverage.get(concept.pk, 0),
            "crosswalk": [
                f"{m.item.framework.key} {m.item.code} ({m.kind})" for m in concept.matches.all()
            ],
        }
        for concept in selectors.concept_list()
    ]
    return table_response(rows, THEME_COLUMNS, fmt, "themes")


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
