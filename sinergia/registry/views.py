"""Pages of the registry: the lists of mechanisms, countries and themes, their exports, and
the page of a theme with the mechanisms and texts that carry it."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sinergia.downloads import table_response
from sinergia.i18n import LANGUAGE_CODES
from sinergia.registry import selectors
from sinergia.registry.forms import MechanismFilterForm
from sinergia.registry.models import Role
from sinergia.registry.shapes import COUNTRY, MECHANISM, MechanismOnDay, countries_on_day
from sinergia.uris import concept_uri
from sinergia.vocabulary import selectors as vocabulary_selectors


def mechanism_list(request: HttpRequest) -> HttpResponse:
    form = MechanismFilterForm(request.GET or None)
    mechanisms = selectors.mechanism_list(form.filters())
    rows = [
        {
            "mechanism": mechanism,
            "members": len(selectors.member_codes(mechanism)),
            "observers": len(selectors.member_codes(mechanism, Role.OBSERVER)),
            "themes": [concept for concept, _count in selectors.mechanism_themes(mechanism)[:4]],
        }
        for mechanism in mechanisms
    ]
    return render(
        request,
        "registry/mechanism_list.html",
        {"form": form, "rows": rows, "filtered": bool(request.GET)},
    )


def mechanism_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The mechanisms the list shows (with its filters), as CSV, XLSX or JSON."""
    form = MechanismFilterForm(request.GET or None)
    day = selectors.today()
    mechanisms = selectors.mechanism_list(form.filters())
    return MECHANISM.response([MechanismOnDay(m, day) for m in mechanisms], fmt, "mechanisms")


def country_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every country and territory with the mechanisms it is a member of today."""
    countries = [c for group in selectors.countries_by_subregion() for c in group.countries]
    return COUNTRY.response(countries_on_day(countries), fmt, "countries")


def country_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "registry/country_list.html",
        {"groups": selectors.countries_by_subregion()},
    )


def theme_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "registry/theme_list.html",
        {
            "concepts": sorted(
                vocabulary_selectors.concept_list(), key=lambda concept: concept.label
            ),
            "coverage": selectors.theme_mechanism_counts(),
            "frameworks": vocabulary_selectors.framework_list(),
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
            **{f"label_{code}": concept.labels.get(code, "") for code in LANGUAGE_CODES},
            "mechanisms": coverage.get(concept.pk, 0),
            "crosswalk": [
                f"{m.item.framework.key} {m.item.code} ({m.kind})" for m in concept.matches.all()
            ],
        }
        for concept in vocabulary_selectors.concept_list()
    ]
    return table_response(rows, THEME_COLUMNS, fmt, "themes")


def theme_detail(request: HttpRequest, key: str) -> HttpResponse:
    concept = vocabulary_selectors.concept_get(key)
    matches = sorted(
        concept.matches.all(), key=lambda m: (m.item.framework.position, m.item.position)
    )
    return render(
        request,
        "registry/theme_detail.html",
        {
            "concept": concept,
            "matches": matches,
            "mechanisms": selectors.theme_mechanisms(concept),
            "texts": selectors.theme_texts(concept),
        },
    )
