"""Statistics over the API: migrant stock, origins, people in need of protection."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Router, Schema

from sinergia.api_support import Count, Year
from sinergia.statistics import selectors
from sinergia.statistics.editions import ORIGIN_YEAR, REFUGEE_YEAR, STOCK_YEAR

router = Router(tags=["statistics"])


class StockOut(Schema):
    area: str
    iso3: str
    name: str
    year: int
    total: int
    male: int | None
    female: int | None
    population: int | None
    share_percent: float | None
    source: str


class OriginOut(Schema):
    origin: str
    iso3: str
    name: str
    persons: int


class OriginsOut(Schema):
    destination: str
    year: int
    origins: list[OriginOut]
    source: str


class RefugeesOut(Schema):
    country: str
    year: int
    refugees: int
    asylum_seekers: int
    other_in_need_of_protection: int
    refugees_from: int
    asylum_seekers_from: int
    other_in_need_of_protection_from: int
    source: str


@router.get("/statistics/migrant-stock", response=StockOut, summary="International migrant stock")
def migrant_stock(request: HttpRequest, area: str, year: Year = STOCK_YEAR) -> dict[str, object]:
    """The international migrant stock at mid-year (persons, by sex) of an area: a standard
    M49 code (019 the Americas, 021 Northern America, 419 Latin America and the Caribbean,
    029 Caribbean, 013 Central America, 005 South America, 001 World, ...) or an ISO3 code.
    Years 1990, 1995, ..., 2020. Source: UN DESA, International Migrant Stock 2020."""
    figure = selectors.migrant_stock(area, year)
    if figure is None:
        raise Http404(f"No migrant stock for area {area} in {year}")
    return {**figure.__dict__, "share_percent": figure.share_percent}


@router.get("/statistics/origins", response=OriginsOut, summary="Main countries of origin")
def origins(
    request: HttpRequest, destination: str, year: Year = ORIGIN_YEAR, limit: Count = 10
) -> dict[str, object]:
    """The main countries of origin of the international migrants in a destination (ISO3),
    UN DESA International Migrant Stock 2019 (years 1990–2019)."""
    found, source = selectors.top_origins(destination, year, min(max(limit, 1), 50))
    if not found:
        raise Http404(f"No origins for {destination} in {year}")
    return {
        "destination": destination.upper(),
        "year": year,
        "origins": [
            {"origin": o.m49, "iso3": o.iso3, "name": o.name, "persons": o.value} for o in found
        ],
        "source": source,
    }


@router.get(
    "/statistics/refugees",
    response=RefugeesOut,
    summary="People in need of international protection",
)
def refugees(request: HttpRequest, country: str, year: Year = REFUGEE_YEAR) -> dict[str, object]:
    """Refugees, asylum seekers and other people in need of international protection hosted by
    a country at the end of a year, and those originating from it (UNHCR, 2015 onwards)."""
    figure = selectors.refugees(country, year)
    if figure is None:
        raise Http404(f"No UNHCR figures for {country} in {year}")
    return {
        "country": figure.country,
        "year": figure.year,
        "refugees": figure.refugees,
        "asylum_seekers": figure.asylum_seekers,
        "other_in_need_of_protection": figure.other_in_need,
        "refugees_from": figure.refugees_from,
        "asylum_seekers_from": figure.asylum_seekers_from,
        "other_in_need_of_protection_from": figure.other_in_need_from,
        "source": figure.source,
    }
