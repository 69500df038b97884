"""The synergy pages: the dashboard, chart data (spec and CSV), and each opportunity."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sinergia.downloads import table_response
from sinergia.i18n import current_language
from sinergia.synergy import selectors
from sinergia.synergy.analysis import Analysis
from sinergia.synergy.charts import CHARTS, Chart, Labels
from sinergia.synergy.wording import form_label, suggestion_text


def _labels(analysis: Analysis) -> Labels:
    return Labels(
        analysis,
        current_language(),
        selectors.theme_label_map(),
        selectors.iso2_map(),
        selectors.subregion_m49_map(),
    )


def _chart(name: str) -> Chart:
    if name not in CHARTS:
        raise Http404(f"No chart {name}")
    analysis = selectors.registry_analysis()
    return CHARTS[name](analysis, _labels(analysis))


def _suggestion(analysis: Analysis, opportunity: object) -> str:
    return suggestion_text(
        opportunity,  # type: ignore[arg-type]
        analysis.snapshot,
        theme_label=selectors.theme_label_map(),
        iso2=selectors.iso2_map(),
        language=current_language(),
    )


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    analysis = selectors.registry_analysis()
    labels = _labels(analysis)
    charts = [build(analysis, labels) for build in CHARTS.values()]
    opportunities = [
        {
            "opportunity": o,
            "form": form_label(o.form),
            "themes": [labels.theme(t) for t in o.themes[:3]],
        }
        for o in analysis.opportunities[:15]
    ]
    duplications = [
        {"duplication": d, "theme": labels.theme(d.theme)} for d in analysis.duplications[:10]
    ]
    texts = analysis.snapshot.texts
    near_duplicates = [
        {"pair": pair, "a": texts[pair.a], "b": texts[pair.b]}
        for pair in analysis.near_duplicates[:20]
    ]
    return render(
        request,
        "synergy/dashboard.html",
        {
            "analysis": analysis,
            "charts": charts,
            "opportunities": opportunities,
            "duplications": duplications,
            "near_duplicates": near_duplicates,
        },
    )


@require_GET
def chart_spec(request: HttpRequest, name: str) -> JsonResponse:
    return JsonResponse(_chart(name).spec)


@require_GET
def chart_data(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    """The rows behind a chart, with the headings of its data table."""
    chart = _chart(name)
    headings = [heading for _key, heading in chart.columns]
    rows = [dict(zip(headings, row, strict=True)) for row in chart.table_rows()]
    return table_response(rows, headings, fmt, f"{name}-{current_language()}")


@require_GET
def opportunity_detail(request: HttpRequest, key: str) -> HttpResponse:
    analysis = selectors.registry_analysis()
    opportunity = analysis.opportunity(key)
    if opportunity is None:
        raise Http404(f"No opportunity {key}")
    labels = _labels(analysis)
    return render(
        request,
        "synergy/opportunity_detail.html",
        {
            "opportunity": opportunity,
            "suggestion": _suggestion(analysis, opportunity),
            "form": form_label(opportunity.form),
            "themes": [labels.theme(t) for t in opportunity.themes],
            "countries": sorted(
                ({"iso3": c, "name": labels.country(c)} for c in opportunity.shared_countries),
                key=lambda country: country["name"],
            ),
            "evidence": [
                {"match": match, "themes": [labels.theme(t) for t in match.shared_themes]}
                for match in opportunity.evidence
            ],
            "name_a": labels.names.get(opportunity.a, opportunity.a),
            "name_b": labels.names.get(opportunity.b, opportunity.b),
        },
    )
