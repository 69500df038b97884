"""The migration statistics in the data package: areas and every observation, unpacked."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sinergia.opendata.resources import REGISTRY_LICENCE, Resource
from sinergia.statistics.models import Area, Breakdown, Dataset, Observation, unpack_vector


def statistics_resources() -> list[Resource]:
    datasets = list(Dataset.objects.order_by("key"))
    licences = {
        "CC BY 3.0 IGO": {
            "name": "CC-BY-3.0-IGO",
            "path": "https://creativecommons.org/licenses/by/3.0/igo/",
            "title": "Creative Commons Attribution 3.0 IGO",
        },
        "CC BY 4.0": REGISTRY_LICENCE,
    }
    areas = Resource(
        "areas",
        "Statistical areas",
        "Countries and regions as the statistical sources name them (UN M49).",
        [
            ("m49", "string", "UN M49 code"),
            ("iso3", "string", "ISO3, for a country"),
            ("name", "string", "name in the source"),
            ("kind", "string", "country or region"),
        ],
        ([a.m49, a.iso3, a.name, a.kind] for a in Area.objects.order_by("m49")),
        primary_key=["m49"],
        licences=[licences.get(d.licence, REGISTRY_LICENCE) for d in datasets][:1],
    )
    observations = Resource(
        "observations",
        "Migration statistics",
        "Migrant stock (UN DESA) and people in need of international protection (UNHCR).",
        [
            ("dataset", "string", "dataset key"),
            ("indicator", "string", "indicator"),
            ("area", "string", "UN M49 code of the area"),
            ("origin", "string", "UN M49 code of the origin, where given"),
            ("year", "integer", "year"),
            ("sex", "string", "total, male or female"),
            ("value", "integer", "persons"),
        ],
        _observation_rows(),
        licences=list(
            {d.licence: licences.get(d.licence, REGISTRY_LICENCE) for d in datasets}.values()
        ),
        sources=[{"title": d.citation, "path": d.url} for d in datasets if d.url],
    )
    return [areas, observations]


def _observation_rows() -> Iterator[list[Any]]:
    """Single values, then the series ({year: value}) and matrix rows (by origin and year)
    that are stored packed, unpacked to one row per value."""
    rows = (
        Observation.objects.order_by("dataset__key", "indicator", "area__m49", "year", "pk")
        .values_list(
            "dataset__key", "indicator", "area__m49", "origin__m49", "year", "sex", "value"
        )
        .iterator(chunk_size=5000)
    )
    for row in rows:
        yield list(row)
    breakdowns = Breakdown.objects.select_related("dataset", "area").order_by(
        "dataset__key", "indicator", "area__m49", "year"
    )
    for breakdown in breakdowns.iterator(chunk_size=200):
        key, indicator, area = breakdown.dataset.key, breakdown.indicator, breakdown.area.m49
        if breakdown.vector:
            positions, values = unpack_vector(bytes(breakdown.vector))
            names = breakdown.dataset.vector_keys  # "year:origin M49"
            for position, value in zip(positions.tolist(), values.tolist(), strict=True):
                year, origin = names[position].split(":", 1)
                yield [key, indicator, area, origin, int(year), "total", value]
        else:
            for year, value in sorted(breakdown.values.items()):
                yield [key, indicator, area, "", int(year), "total", value]
