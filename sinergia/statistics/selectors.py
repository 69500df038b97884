"""Reads of the statistics: figures with their source, series, origins, refugees."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import pycountry

from sinergia.i18n import territory_name
from sinergia.statistics.editions import ORIGIN_YEAR, UNDESA_ORIGIN, UNDESA_STOCK, UNHCR_POPULATION
from sinergia.statistics.models import (
    Area,
    Breakdown,
    Dataset,
    Indicator,
    Observation,
    Sex,
    unpack_vector,
)

STOCK_DATASET = UNDESA_STOCK.key
ORIGIN_DATASET = UNDESA_ORIGIN.key
UNHCR_DATASET = UNHCR_POPULATION.key
# The M49 areas of the hemisphere's regions, and which subregions each contains.


def source_of(dataset: Dataset) -> str:
    return f"{dataset.publisher}, {dataset.title}, {dataset.edition}. {dataset.licence}."


def m49_of_iso2(iso2: str) -> str | None:
    country = pycountry.countries.get(alpha_2=iso2)
    return country.numeric if country else None


def resolve_area(code: str) -> Area | None:
    """An area by M49 code ("019", "19") or ISO3 ("COL")."""
    code = code.strip().upper()
    if code.isdigit():
        return Area.objects.filter(m49=code.zfill(3)).first()
    return Area.objects.filter(iso3=code).first()


def area_name(m49: str, language: str | None = None) -> str:
    """The CLDR name of an area in the reader's language (the source's name as fallback)."""
    country = pycountry.countries.get(numeric=m49)
    code = country.alpha_2 if country else m49
    name = territory_name(code, language)
    if name != code:
        return name
    area = Area.objects.filter(m49=m49).first()
    return area.name if area else m49


@dataclass(frozen=True)
class StockFigure:
    area: str  # M49
    iso3: str
    name: str
    year: int
    total: int
    male: int | None
    female: int | None
    population: int | None
    source: str

    @property
    def share_percent(self) -> float | None:
        return round(100 * self.total / self.population, 2) if self.population else None


def _stock_figures(area: Area, years: list[int] | None = None) -> list[StockFigure]:
    """The area's migrant stock by sex and population, per year, in one query."""
    rows = Observation.objects.filter(
        dataset__key=STOCK_DATASET, area=area, origin__isnull=True,
        indicator__in=[Indicator.MIGRANT_STOCK, Indicator.POPULATION],
    ).select_related("dataset")  # fmt: skip
    if years is not None:
        rows = rows.filter(year__in=years)
    by_year: dict[int, dict[tuple[str, str], int]] = {}
    source = ""
    for row in rows:
        by_year.setdefault(row.year, {})[(row.indicator, row.sex)] = row.value
        source = source or source_of(row.dataset)
    name = area_name(area.m49) if by_year else ""
    return [
        StockFigure(
            area=area.m49,
            iso3=area.iso3,
            name=name,
            year=year,
            total=values[(Indicator.MIGRANT_STOCK, Sex.TOTAL)],
            male=values.get((Indicator.MIGRANT_STOCK, Sex.MALE)),
            female=values.get((Indicator.MIGRANT_STOCK, Sex.FEMALE)),
            population=values.get((Indicator.POPULATION, Sex.TOTAL)),
            source=source,
        )
        for year, values in sorted(by_year.items())
        if (Indicator.MIGRANT_STOCK, Sex.TOTAL) in values
    ]


def migrant_stock(code: str, year: int) -> StockFigure | None:
    """The international migrant stock of an area in a year (UN DESA 2020), by sex."""
    area = resolve_area(code)
    if area is None:
        return None
    figures = _stock_figures(area, [year])
    return figures[0] if figures else None


def stock_totals(m49_codes: Collection[str]) -> tuple[dict[tuple[str, int], int], str]:
    """The total migrant stock of each of these areas (M49) in each year of UN DESA's data,
    as {(m49, year): persons}, and the source, in two queries whatever the number of areas."""
    rows = Observation.objects.filter(
        dataset__key=STOCK_DATASET, area__m49__in=list(m49_codes), origin__isnull=True,
        indicator=Indicator.MIGRANT_STOCK, sex=Sex.TOTAL,
    ).values_list("area__m49", "year", "value")  # fmt: skip
    totals = {(m49, year): value for m49, year, value in rows}
    dataset = Dataset.objects.filter(key=STOCK_DATASET).first() if totals else None
    return totals, source_of(dataset) if dataset else ""


def stock_series(code: str) -> list[StockFigure]:
    """1990–2020 for an area, by sex."""
    area = resolve_area(code)
    return _stock_figures(area) if area else []


@dataclass(frozen=True)
class Origin:
    m49: str
    iso3: str
    name: str
    value: int


def top_origins(
    destination: str, year: int = ORIGIN_YEAR, limit: int = 10
) -> tuple[list[Origin], str]:
    """The main countries of origin of the migrants in `destination` (UN DESA 2019)."""
    area = resolve_area(destination)
    if area is None:
        return [], ""
    row = (
        Breakdown.objects.filter(
            dataset__key=ORIGIN_DATASET, area=area, indicator=Indicator.MIGRANT_STOCK_BY_ORIGIN
        )
        .select_related("dataset")
        .first()
    )
    if row is None:
        return [], ""
    positions, values = unpack_vector(bytes(row.vector or b"\0\0\0\0"))
    keys = row.dataset.vector_keys  # "year:origin M49" for each position
    prefix = f"{year}:"
    in_year = [k for k in range(len(positions)) if keys[positions[k]].startswith(prefix)]
    order = sorted(in_year, key=lambda k: -values[k])[:limit]
    ranked = [(keys[positions[k]].split(":", 1)[1], int(values[k])) for k in order]
    origins = {a.m49: a for a in Area.objects.filter(m49__in=[m49 for m49, _value in ranked])}
    return [
        Origin(m49, origins[m49].iso3 if m49 in origins else "", area_name(m49), int(value))
        for m49, value in ranked
    ], source_of(row.dataset)


@dataclass(frozen=True)
class Protection:
    country: str  # ISO3
    year: int
    refugees: int
    asylum_seekers: int
    other_in_need: int
    refugees_from: int
    asylum_seekers_from: int
    other_in_need_from: int
    source: str


def refugees(country: str, year: int) -> Protection | None:
    """People in need of international protection hosted by a country (end of year), and
    those originating from it (UNHCR)."""
    area = resolve_area(country)
    if area is None:
        return None
    rows = list(
        Breakdown.objects.filter(dataset__key=UNHCR_DATASET, area=area).select_related("dataset")
    )
    values = {row.indicator: int(row.values.get(str(year), 0)) for row in rows}
    if not rows or not any(values.values()):
        return None
    return Protection(
        country=area.iso3,
        year=year,
        refugees=values.get(Indicator.REFUGEES, 0),
        asylum_seekers=values.get(Indicator.ASYLUM_SEEKERS, 0),
        other_in_need=values.get(Indicator.OTHER_IN_NEED, 0),
        refugees_from=values.get(Indicator.REFUGEES_FROM, 0),
        asylum_seekers_from=values.get(Indicator.ASYLUM_SEEKERS_FROM, 0),
        other_in_need_from=values.get(Indicator.OTHER_IN_NEED_FROM, 0),
        source=source_of(rows[0].dataset),
    )


def countries_stock(iso3_codes: list[str], year: int) -> list[StockFigure]:
    """Migrant stock and share of population of many countries in one year (for maps)."""
    areas = {area.pk: area for area in Area.objects.filter(iso3__in=iso3_codes)}
    rows = Observation.objects.filter(
        dataset__key=STOCK_DATASET, area_id__in=areas, year=year, sex=Sex.TOTAL,
        indicator__in=[Indicator.MIGRANT_STOCK, Indicator.POPULATION],
    ).select_related("dataset")  # fmt: skip
    values: dict[int, dict[str, int]] = {}
    source = ""
    for row in rows:
        values.setdefault(row.area_id, {})[row.indicator] = row.value
        source = source or source_of(row.dataset)
    return [
        StockFigure(
            area=areas[pk].m49,
            iso3=areas[pk].iso3,
            name=area_name(areas[pk].m49),
            year=year,
            total=found[Indicator.MIGRANT_STOCK],
            male=None,
            female=None,
            population=found.get(Indicator.POPULATION),
            source=source,
        )
        for pk, found in values.items()
        if Indicator.MIGRANT_STOCK in found
    ]


def datasets() -> list[Dataset]:
    return list(Dataset.objects.order_by("key"))


def protection_totals(m49_codes: Collection[str]) -> tuple[dict[tuple[str, str, int], int], str]:
    """Refugees and asylum seekers hosted by each of these countries (M49) in each year of
    UNHCR's table, as {(m49, indicator, year): persons}, and the source, in one query."""
    rows = Breakdown.objects.filter(
        dataset__key=UNHCR_DATASET, area__m49__in=list(m49_codes),
        indicator__in=[Indicator.REFUGEES, Indicator.ASYLUM_SEEKERS],
    ).select_related("dataset", "area")  # fmt: skip
    totals: dict[tuple[str, str, int], int] = {}
    source = ""
    for row in rows:
        for year, value in row.values.items():
            totals[(row.area.m49, row.indicator, int(year))] = int(value)
        source = source or source_of(row.dataset)
    return totals, source


def origin_totals(
    destinations: Collection[str],
) -> tuple[dict[tuple[str, str, int], int], str]:
    """The migrants in each of these destinations (M49) by origin (M49) and year of UN DESA's
    origin–destination matrix, as {(destination, origin, year): persons}, and the source, in
    one query."""
    rows = Breakdown.objects.filter(
        dataset__key=ORIGIN_DATASET, area__m49__in=list(destinations),
        indicator=Indicator.MIGRANT_STOCK_BY_ORIGIN,
    ).select_related("dataset", "area")  # fmt: skip
    totals: dict[tuple[str, str, int], int] = {}
    source = ""
    for row in rows:
        positions, values = unpack_vector(bytes(row.vector or b"\0\0\0\0"))
        keys = row.dataset.vector_keys  # "year:origin M49" for each position
        for position, value in zip(positions, values, strict=True):
            year, origin = keys[position].split(":", 1)
            totals[(row.area.m49, origin, int(year))] = int(value)
        source = source or source_of(row.dataset)
    return totals, source
