"""Statistics pages: the map of the Americas, a page per area, and the figure check."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sinergia.downloads import table_response
from sinergia.inputs import query_year
from sinergia.regions import AMERICAS_AREAS, AMERICAS_PARTS
from sinergia.registry.models import Country
from sinergia.statistics import reading, selectors
from sinergia.statistics.checking import Finding, check_figures
from sinergia.statistics.editions import REFUGEE_YEARS, STOCK_YEAR, STOCK_YEARS

# The map is coloured by share of the population first: absolute numbers would paint the
# United States dark and the rest of the hemisphere uniformly pale.
MEASURES = {
    "share": gettext_lazy("share of the population (%)"),
    "stock": gettext_lazy("international migrants"),
}
DEFAULT_MEASURE = "share"


def _americas_iso3() -> list[str]:
    return list(
        Country.objects.exclude(subregion__key="southern_europe").values_list("iso3", flat=True)
    )


def _choice(value: str | None, options: Any, default: Any) -> Any:
    return value if value in options else default


def _year(request: HttpRequest) -> int:
    year = query_year(request.GET.get("year"))
    return year if year in STOCK_YEARS else STOCK_YEAR


def _map_rows(year: int, measure: str = "stock") -> list[dict[str, Any]]:
    """A row per country of the Americas, the largest first by `measure`."""
    figures = selectors.countries_stock(_americas_iso3(), year)
    return sorted(
        (
            {
                "iso3": f.iso3,
                "name": f.name,
                "stock": f.total,
                "share": f.share_percent,
                "population": f.population,
            }
            for f in figures
        ),
        key=lambda row: (-(row[measure] or 0), row["name"]),
    )


def statistics_home(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    measure = _choice(request.GET.get("measure"), MEASURES, DEFAULT_MEASURE)
    return render(
        request,
        "statistics/statistics_home.html",
        {
            "year": year,
            "years": STOCK_YEARS,
            "measure": measure,
            "measures": MEASURES,
            "regions": [f for code in AMERICAS_AREAS if (f := selectors.migrant_stock(code, year))],
            "rows": _map_rows(year, measure),
            "datasets": selectors.datasets(),
        },
    )


def map_spec(request: HttpRequest) -> JsonResponse:
    year = _year(request)
    measure = _choice(request.GET.get("measure"), MEASURES, DEFAULT_MEASURE)
    title = str(MEASURES[measure])
    rows = [
        {**row, "url": reverse("statistics_area", args=[row["iso3"]])}
        for row in _map_rows(year, measure)
    ]
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "description": _("Map of the Americas coloured by %(measure)s in %(year)s.")
        % {"measure": title, "year": year},
        "width": 520,
        "height": 620,
        "projection": {"type": "mercator", "center": [-80, 10], "scale": 260},
        "data": {
            "url": static("sinergia/americas-110m.geojson"),
            "format": {"type": "json", "property": "features"},
        },
        "transform": [
            {
                "lookup": "properties.iso3",
                "from": {
                    "data": {"values": rows},
                    "key": "iso3",
                    "fields": ["name", "stock", "share", "url"],
                },
            }
        ],
        # Each country leads to its page, as the rows of the data table do.
        "mark": {
            "type": "geoshape",
            "stroke": "#ffffff",
            "strokeWidth": 0.5,
            "cursor": "pointer",
        },
        "encoding": {
            "color": {
                "field": measure,
                "type": "quantitative",
                "title": title,
                "scale": {"scheme": "blues", "type": "sqrt" if measure == "stock" else "linear"},
                "legend": {
                    "orient": "bottom",
                    "direction": "horizontal",
                    "gradientLength": 320,
                    "format": "," if measure == "stock" else ",.1~f",
                },
            },
            "href": {"field": "url"},
            "tooltip": [
                {"field": "name", "title": _("Country")},
                {"field": "stock", "title": str(MEASURES["stock"]), "format": ","},
                {"field": "share", "title": str(MEASURES["share"]), "format": ",.1f"},
            ],
        },
        "config": {"view": {"stroke": None}, "legend": {"titleLimit": 480}},
    }
    return JsonResponse(spec)


def map_data(request: HttpRequest, fmt: str) -> HttpResponse:
    year = _year(request)
    rows = _map_rows(year)
    source = selectors.migrant_stock("019", year)
    for row in rows:
        row["year"] = year
        row["source"] = source.source if source else ""
    return table_response(
        rows,
        ["iso3", "name", "year", "stock", "population", "share", "source"],
        fmt,
        f"migrant-stock-americas-{year}",
    )


def area_detail(request: HttpRequest, code: str) -> HttpResponse:
    area = selectors.resolve_area(code)
    if area is None:
        raise Http404("No such area")
    series = selectors.stock_series(area.m49)
    if not series:
        raise Http404("No statistics for this area")
    parts = [
        f
        for part in AMERICAS_PARTS.get(area.m49, [])
        if (f := selectors.migrant_stock(part, STOCK_YEAR))
    ]
    origins, origins_source = selectors.top_origins(area.iso3) if area.iso3 else ([], "")
    protection = [
        p for year in REFUGEE_YEARS if area.iso3 and (p := selectors.refugees(area.iso3, year))
    ]
    country = Country.objects.filter(iso3=area.iso3).first() if area.iso3 else None
    return render(
        request,
        "statistics/area_detail.html",
        {
            "area": area,
            "name": series[-1].name,
            "series": series,
            "latest": series[-1],
            "parts": parts,
            "origins": origins,
            "origins_source": origins_source,
            "protection": protection,
            "country": country,
        },
    )


def area_series_spec(request: HttpRequest, code: str) -> JsonResponse:
    """A line chart of the migrant stock by sex, 1990–2020."""
    series = selectors.stock_series(code)
    if not series:
        raise Http404("No statistics for this area")
    labels = {"total": _("Total"), "female": _("Women"), "male": _("Men")}
    sexes = list(labels.values())
    values = [
        {"year": figure.year, "sex": labels[sex], "persons": getattr(figure, sex)}
        for figure in series
        for sex in ("total", "female", "male")
        if getattr(figure, sex) is not None
    ]
    return JsonResponse(
        {
            "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
            "description": _("International migrant stock of %(area)s by sex, 1990–2020.")
            % {"area": series[-1].name},
            # As wide as the page allows, a phone's included.
            "width": "container",
            "height": 260,
            "data": {"values": values},
            "mark": {"type": "line", "point": True},
            "encoding": {
                "x": {
                    "field": "year",
                    "type": "ordinal",
                    "title": _("Year"),
                    "axis": {"labelAngle": 0},
                },
                "y": {"field": "persons", "type": "quantitative", "title": _("Persons")},
                # One legend for colour and dash alike: each line is told apart without colour.
                "color": {
                    "field": "sex",
                    "type": "nominal",
                    "title": _("Sex"),
                    "sort": sexes,
                    "legend": {"orient": "top", "symbolType": "stroke", "symbolStrokeWidth": 2},
                },
                "strokeDash": {
                    "field": "sex",
                    "type": "nominal",
                    "title": _("Sex"),
                    "sort": sexes,
                    "legend": {"orient": "top", "symbolType": "stroke", "symbolStrokeWidth": 2},
                },
                "tooltip": [
                    {"field": "year", "title": _("Year")},
                    {"field": "sex", "title": _("Sex")},
                    {"field": "persons", "title": _("Persons"), "format": ","},
                ],
            },
        }
    )


def area_data(request: HttpRequest, code: str, fmt: str) -> HttpResponse:
    series = selectors.stock_series(code)
    if not series:
        raise Http404("No statistics for this area")
    rows = [{**f.__dict__, "share_percent": f.share_percent} for f in series]
    columns = [
        "area",
        "iso3",
        "name",
        "year",
        "total",
        "male",
        "female",
        "population",
        "share_percent",
        "source",
    ]
    return table_response(rows, columns, fmt, f"migrant-stock-{series[0].area}")


# What each kind of figure counts, as the figure check's table names it.
KINDS = {
    reading.STOCK: gettext_lazy("international migrants"),
    reading.ORIGIN: gettext_lazy("migrants from %(origin)s"),
    reading.REFUGEES: gettext_lazy("refugees (UNHCR)"),
    reading.ASYLUM_SEEKERS: gettext_lazy("asylum seekers"),
    reading.REFUGEES_AND_MIGRANTS: gettext_lazy("refugees and migrants"),
}


def kind_label(finding: Finding) -> str:
    return str(KINDS[finding.kind]) % {"origin": finding.origin_name}


class CheckForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy(
            "Text citing migration figures (Spanish, English, French or Portuguese)"
        ),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


def figure_check(request: HttpRequest) -> HttpResponse:
    form = CheckForm(request.POST or None)
    findings = (
        check_figures(form.cleaned_data["text"])
        if request.method == "POST" and form.is_valid()
        else None
    )
    rows = [(finding, kind_label(finding)) for finding in findings or []]
    sources = sorted({finding.source for finding in findings or [] if finding.source})
    return render(
        request,
        "statistics/figure_check.html",
        {"form": form, "findings": findings, "rows": rows, "sources": sources},
    )
