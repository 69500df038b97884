"""Pages of the registry: mechanisms and countries."""

from __future__ import annotations

import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sinergia.dialogue.selectors import dialogue_participations
from sinergia.downloads import table_response
from sinergia.inputs import query_day
from sinergia.practices.permissions import ANONYMOUS
from sinergia.practices.selectors import practices_visible
from sinergia.registry import selectors
from sinergia.registry.forms import MechanismFilterForm
from sinergia.registry.models import Mechanism, Role
from sinergia.statistics import selectors as statistics_selectors
from sinergia.synergy import selectors as synergy_selectors
from sinergia.uris import country_uri, mechanism_uri


def _day_from(request: HttpRequest) -> tuple[datetime.date, bool]:
    """The `on` date of the query string (members as of that day), or today."""
    day = query_day(request.GET.get("on"))
    return (day, True) if day else (selectors.today(), False)


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


MECHANISM_COLUMNS = [
    "acronym", "uri", "name", "name_es", "name_en", "name_fr", "name_pt", "kind", "scope",
    "status", "established", "members", "observers", "themes", "website",
]  # fmt: skip


def mechanism_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The mechanisms the list shows (with its filters), as CSV, XLSX or JSON."""
    form = MechanismFilterForm(request.GET or None)
    rows = [
        {
            "acronym": m.acronym,
            "uri": mechanism_uri(m.acronym),
            "name": m.name,
            **{f"name_{code}": m.names.get(code, "") for code in ("es", "en", "fr", "pt")},
            "kind": m.kind,
            "scope": m.scope,
            "status": m.status,
            "established": m.established,
            "members": selectors.member_codes(m),
            "observers": selectors.member_codes(m, Role.OBSERVER),
            "themes": [concept.key for concept, _count in selectors.mechanism_themes(m)],
            "website": m.website,
        }
        for m in selectors.mechanism_list(form.filters())
    ]
    return table_response(rows, MECHANISM_COLUMNS, fmt, "mechanisms")


def mechanism_detail(request: HttpRequest, acronym: str) -> HttpResponse:
    mechanism = selectors.mechanism_get(acronym)
    day, day_given = _day_from(request)
    memberships = selectors.memberships_of(mechanism)
    holding = [m for m in memberships if m.holds_on(day)]
    return render(
        request,
        "registry/mechanism_detail.html",
        {
            "mechanism": mechanism,
            "day": day,
            "day_given": day_given,
            # States only seen at its meetings are shown apart: they are not members.
            "current": [m for m in holding if m.role != Role.PARTICIPANT],
            "participants": [m for m in holding if m.role == Role.PARTICIPANT],
            "past": [m for m in memberships if m.until and m.until <= day],
            "future": [m for m in memberships if m.since and m.since > day],
            "themes": selectors.mechanism_themes(mechanism),
            "sources": selectors.mechanism_sources(mechanism),
            "synergies": synergy_selectors.mechanism_synergies(mechanism.acronym),
            "participations": dialogue_participations(actor=request.user, mechanism=mechanism),
        },
    )


COUNTRY_COLUMNS = [
    "iso3", "iso2", "m49", "uri", "name", "subregion", "sovereign", "mechanisms",
]  # fmt: skip


def country_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """Every country and territory with the mechanisms it is a member of today."""
    acronyms = dict(Mechanism.objects.values_list("pk", "acronym"))
    member_of: dict[str, list[str]] = {}
    for mechanism_id, codes in selectors.members_by_mechanism(selectors.today()).items():
        for iso3 in codes:
            member_of.setdefault(iso3, []).append(acronyms[mechanism_id])
    rows = [
        {
            "iso3": country.iso3,
            "iso2": country.iso2,
            "m49": country.m49,
            "uri": country_uri(country.iso3),
            "name": country.name,
            "subregion": group.subregion.name,
            "sovereign": country.sovereign,
            "mechanisms": sorted(member_of.get(country.iso3, [])),
        }
        for group in selectors.countries_by_subregion()
        for country in group.countries
    ]
    return table_response(rows, COUNTRY_COLUMNS, fmt, "countries")


def country_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "registry/country_list.html",
        {"groups": selectors.countries_by_subregion()},
    )


def country_detail(request: HttpRequest, iso3: str) -> HttpResponse:
    country = selectors.country_get(iso3)
    participations = selectors.country_participations(country)
    return render(
        request,
        "registry/country_detail.html",
        {
            "country": country,
            "current": [p for p in participations if p.current],
            "past": [p for p in participations if not p.current],
            "oas_periods": selectors.oas_membership(country),
            "synergies": synergy_selectors.country_synergies(country.iso3),
            "participations": dialogue_participations(actor=request.user, country=country),
            "theme_labels": synergy_selectors.theme_label_map(),
            "stock": statistics_selectors.migrant_stock(country.iso3, 2020),
            "protection": statistics_selectors.refugees(country.iso3, 2024),
            "practices": practices_visible(ANONYMOUS)
            .filter(countries=country)
            .order_by("-published_at")[:10],
        },
    )
