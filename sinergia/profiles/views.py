"""The page of one mechanism and the page of one country: each composes the registry with
the synergy analysis, the dialogue, the statistics and the practices.

The parts every reader sees alike, made of everything but the practices, are kept rendered
(`{% cache %}`, keyed on that data's version) and their values are computed only when a part
is rendered again: each is given to the template as a function it calls once (`_later`)."""

from __future__ import annotations

import datetime
import functools

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sinergia.data_version import ALL_BUT_PRACTICES, data_version
from sinergia.dialogue.selectors import dialogue_participations
from sinergia.inputs import query_day
from sinergia.practices.permissions import ANONYMOUS
from sinergia.practices.selectors import practices_visible
from sinergia.registry import selectors
from sinergia.registry.models import Role
from sinergia.statistics import selectors as statistics_selectors
from sinergia.statistics.editions import REFUGEE_YEAR, STOCK_YEAR
from sinergia.synergy import selectors as synergy_selectors

# A value the template computes where it first needs it, once (never, when the part that
# shows it is kept rendered): the template calls it, and the cache keeps its result.
_later = functools.cache


def _day_from(request: HttpRequest) -> tuple[datetime.date, bool]:
    """The `on` date of the query string (members as of that day), or today."""
    day = query_day(request.GET.get("on"))
    return (day, True) if day else (selectors.today(), False)


def mechanism_detail(request: HttpRequest, acronym: str) -> HttpResponse:
    mechanism = selectors.mechanism_shown(acronym)
    day, day_given = _day_from(request)
    memberships = _later(lambda: selectors.memberships_of(mechanism))
    holding = _later(lambda: [m for m in memberships() if m.holds_on(day)])
    return render(
        request,
        "profiles/mechanism_detail.html",
        {
            "mechanism": mechanism,
            "day": day,
            "day_given": day_given,
            # Members by the one definition every count uses; observers and states only seen
            # at its meetings are shown apart.
            "current": _later(lambda: [m for m in holding() if m.is_member]),
            "observers": _later(lambda: [m for m in holding() if m.role == Role.OBSERVER]),
            "participants": _later(lambda: [m for m in holding() if m.role == Role.PARTICIPANT]),
            "past": _later(lambda: [m for m in memberships() if m.until and m.until <= day]),
            "future": _later(lambda: [m for m in memberships() if m.since and m.since > day]),
            "themes": _later(lambda: selectors.mechanism_themes(mechanism)),
            "sources": _later(lambda: selectors.mechanism_sources(mechanism)),
            "synergies": _later(lambda: synergy_selectors.mechanism_synergies(mechanism.acronym)),
            "participations": dialogue_participations(actor=request.user, mechanism=mechanism),
            # What the page's shared parts are made of: they are kept rendered until it moves.
            "shown_version": data_version(*ALL_BUT_PRACTICES).key,
        },
    )


def country_detail(request: HttpRequest, iso3: str) -> HttpResponse:
    country = selectors.country_get(iso3)
    participations = _later(lambda: selectors.country_participations(country))
    return render(
        request,
        "profiles/country_detail.html",
        {
            "country": country,
            "current": _later(lambda: [p for p in participations() if p.current]),
            "past": _later(lambda: [p for p in participations() if not p.current]),
            "oas_periods": _later(lambda: selectors.oas_membership(country)),
            "synergies": _later(lambda: synergy_selectors.country_synergies(country.iso3)),
            "participations": dialogue_participations(actor=request.user, country=country),
            "theme_labels": _later(synergy_selectors.theme_label_map),
            "stock": _later(lambda: statistics_selectors.migrant_stock(country.iso3, STOCK_YEAR)),
            "protection": _later(lambda: statistics_selectors.refugees(country.iso3, REFUGEE_YEAR)),
            "practices": practices_visible(ANONYMOUS)
            .filter(countries=country)
            .order_by("-published_at")[:10],
            "shown_version": data_version(*ALL_BUT_PRACTICES).key,
        },
    )
