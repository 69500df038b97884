"""The synergy pages: the dashboard, chart data (spec and CSV), each opportunity, the
explanation of a gap, and a state's view. Each takes `?on=YYYY-MM-DD` (default today)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from functools import partial

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET

from sinergia.downloads import table_response
from sinergia.i18n import current_language
from sinergia.inputs import query_day
from sinergia.registry import selectors as registry_selectors
from sinergia.registry.models import Country
from sinergia.synergy import selectors
from sinergia.synergy.analysis import Analysis, Opportunity, TextMatch
from sinergia.synergy.charts import CHARTS, STATE_CHARTS, Chart, Labels, membership_matrix
from sinergia.synergy.gaps import gap_explanation
from sinergia.synergy.states import state_view
from sinergia.synergy.wording import (
    evidence_quote,
    form_label,
    item_names,
    quality_label,
    review_name,
    suggestion_text,
)

DOWNLOAD_FORMATS = ("csv", "xlsx", "json")


def _day(request: HttpRequest) -> datetime.date | None:
    """The `on` date of the query string, or None for today."""
    return query_day(request.GET.get("on"))


def _query(day: datetime.date | None) -> str:
    return f"?{urlencode({'on': day.isoformat()})}" if day else ""


def _labels(analysis: Analysis) -> Labels:
    return Labels(
        analysis,
        current_language(),
        selectors.theme_label_map(),
        selectors.iso2_map(),
        selectors.subregion_m49_map(),
    )


def _linked(
    chart: Chart,
    spec: str,
    data: Callable[[str], str],
    day: datetime.date | None,
    focus: str = "",
) -> Chart:
    params = {**({"on": day.isoformat()} if day else {}), **({"focus": focus} if focus else {})}
    query = f"?{urlencode(params)}" if params else ""
    chart.spec_url = spec + query
    chart.downloads = [(fmt.upper(), data(fmt) + query) for fmt in DOWNLOAD_FORMATS]
    return chart


def _focus(request: HttpRequest, analysis: Analysis) -> str:
    """The membership matrix's narrowing, `mechanism-<acronym>` or `country-<ISO3>`, when it
    names a mechanism or a country of the analysis ("" otherwise: the whole matrix)."""
    focus = request.GET.get("focus", "")
    kind, _dash, code = focus.partition("-")
    if kind == "mechanism" and code in {m.acronym for m in analysis.snapshot.mechanisms}:
        return focus
    if kind == "country" and code in {c.iso3 for c in analysis.snapshot.countries}:
        return focus
    return ""


def _build(name: str, analysis: Analysis, labels: Labels, focus: str) -> Chart:
    if name == "network" and focus:
        kind, _dash, code = focus.partition("-")
        if kind == "mechanism":
            return membership_matrix(analysis, labels, body=code)
        return membership_matrix(analysis, labels, state=code)
    return CHARTS[name](analysis, labels)


def _dashboard_chart(
    name: str, analysis: Analysis, labels: Labels, day: datetime.date | None, focus: str
) -> Chart:
    return _linked(
        _build(name, analysis, labels, focus),
        reverse("synergy_chart_spec", args=[name]),
        lambda fmt: reverse("synergy_chart_data", args=[name, fmt]),
        day,
        focus if name == "network" else "",
    )


def _chart(request: HttpRequest, name: str) -> Chart:
    if name not in CHARTS:
        raise Http404(f"No chart {name}")
    analysis = selectors.registry_analysis(_day(request))
    return _build(name, analysis, _labels(analysis), _focus(request, analysis))


def _table(chart: Chart, fmt: str, filename: str) -> HttpResponse:
    headings = [heading for _key, heading in chart.columns]
    rows = [dict(zip(headings, row, strict=True)) for row in chart.table_rows()]
    return table_response(rows, headings, fmt, filename)


def _quotes(match: TextMatch, language: str) -> list[dict[str, object]]:
    return [{"item": item, "quote": evidence_quote(item, language)} for item in (match.a, match.b)]


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    day = _day(request)
    analysis = selectors.registry_analysis(day)
    labels = _labels(analysis)
    language = current_language()
    focus = _focus(request, analysis)
    charts = [_dashboard_chart(name, analysis, labels, day, focus) for name in CHARTS]
    members = {p.mechanism for p in analysis.snapshot.participations}
    opportunities = [
        {
            "opportunity": o,
            "form": form_label(o.form),
            "themes": [labels.theme(t) for t in o.themes[:3]],
        }
        for o in analysis.opportunities[:20]
    ]
    duplications = [
        {"duplication": d, "theme": labels.theme(d.theme)} for d in analysis.duplications[:10]
    ]
    texts = analysis.snapshot.texts
    near_duplicates = [
        {"pair": pair, "a": texts[pair.a], "b": texts[pair.b]}
        for pair in analysis.near_duplicates[:20]
    ]
    joint = [
        {
            "joint": j,
            "review": review_name(j.review),
            "items": item_names(j.framework, j.codes, analysis.snapshot, language, limit=5),
        }
        for j in analysis.alignment.joint[:15]
    ]
    return render(
        request,
        "synergy/dashboard.html",
        {
            "analysis": analysis,
            "day_given": day is not None,
            "query": _query(day),
            "charts": charts,
            "opportunities": opportunities,
            "duplications": duplications,
            "near_duplicates": near_duplicates,
            "dormant": analysis.dormant,
            "instruments": [m for m in analysis.snapshot.mechanisms if not m.is_body],
            "joint": joint,
            "alignment": _alignment_rows(analysis, labels, language),
            "subregions": [(key, labels.subregion(key)) for key in analysis.snapshot.subregions],
            "themes": sorted(
                ((key, labels.theme(key)) for key in analysis.snapshot.themes),
                key=lambda pair: pair[1],
            ),
            "countries": sorted(
                ((iso3, labels.country(iso3)) for iso3 in analysis.matrix.countries),
                key=lambda pair: pair[1],
            ),
            "focus": focus,
            "focus_mechanisms": sorted(
                (m.acronym, labels.names.get(m.acronym) or m.acronym)
                for m in analysis.snapshot.mechanisms
                if m.acronym in members
            ),
        },
    )


def _alignment_rows(analysis: Analysis, labels: Labels, language: str) -> list[dict[str, object]]:
    """One row per framework item some body advances: its name and the bodies."""
    names = {
        (framework.key, item.code): item.labels
        for framework in analysis.snapshot.frameworks
        for item in framework.items
    }
    return [
        {
            "item": item_names(item.framework, [item.code], analysis.snapshot, language),
            "label": labels.text(names.get((item.framework, item.code), {})),
            "bodies": item.bodies,
        }
        for item in analysis.alignment.items
    ]


@require_GET
def chart_spec(request: HttpRequest, name: str) -> JsonResponse:
    return JsonResponse(_chart(request, name).spec)


@require_GET
def chart_data(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    """The rows behind a chart, with the headings of its data table."""
    return _table(_chart(request, name), fmt, f"{name}-{current_language()}")


def _opportunity_or_404(analysis: Analysis, key: str) -> Opportunity:
    opportunity = analysis.opportunity(key)
    if opportunity is None:
        raise Http404(f"No opportunity {key}")
    return opportunity


@require_GET
def opportunity_detail(request: HttpRequest, key: str) -> HttpResponse:
    day = _day(request)
    analysis = selectors.registry_analysis(day)
    opportunity = _opportunity_or_404(analysis, key)
    labels = _labels(analysis)
    language = current_language()
    return render(
        request,
        "synergy/opportunity_detail.html",
        {
            "analysis": analysis,
            "query": _query(day),
            "opportunity": opportunity,
            "suggestion": suggestion_text(
                opportunity,
                analysis.snapshot,
                theme_label=selectors.theme_label_map(),
                iso2=selectors.iso2_map(),
                language=language,
            ),
            "form": form_label(opportunity.form),
            "themes": [labels.theme(t) for t in opportunity.themes],
            "countries": sorted(
                ({"iso3": c, "name": labels.country(c)} for c in opportunity.shared_countries),
                key=lambda country: country["name"],
            ),
            "evidence": [
                {
                    "match": match,
                    "themes": [labels.theme(t) for t in match.shared_themes],
                    "quotes": _quotes(match, language),
                    "quality": quality_label(match.quality),
                }
                for match in opportunity.evidence
            ],
            "reviews": [
                {
                    "joint": joint,
                    "review": review_name(joint.review),
                    "items": item_names(joint.framework, joint.codes, analysis.snapshot, language),
                }
                for joint in opportunity.reviews
            ],
            "name_a": labels.names.get(opportunity.a, opportunity.a),
            "name_b": labels.names.get(opportunity.b, opportunity.b),
        },
    )


@require_GET
def gap_detail(request: HttpRequest, subregion: str, theme: str) -> HttpResponse:
    """Why a theme is or is not covered in a subregion (the form on the dashboard leads
    here with `?subregion=&theme=`)."""
    day = _day(request)
    analysis = selectors.registry_analysis(day)
    if subregion not in analysis.snapshot.subregions or theme not in analysis.snapshot.themes:
        raise Http404(f"No subregion {subregion} or theme {theme}")
    labels = _labels(analysis)
    language = current_language()
    explanation = gap_explanation(analysis, subregion, theme)
    return render(
        request,
        "synergy/gap_detail.html",
        {
            "analysis": analysis,
            "query": _query(day),
            "explanation": explanation,
            "subregion_name": labels.subregion(subregion),
            "theme_name": labels.theme(theme),
            "considered": [
                {
                    "body": body,
                    "name": labels.names.get(body.acronym, body.acronym),
                    "members": [labels.country(c) for c in body.members_here],
                    "quotes": [
                        {"item": t, "quote": evidence_quote(t, language)} for t in body.texts
                    ],
                }
                for body in explanation.considered
            ],
            "global_frameworks": [
                {
                    "cover": cover,
                    "name": labels.names.get(cover.acronym, cover.acronym),
                    "quotes": [
                        {"item": t, "quote": evidence_quote(t, language)} for t in cover.texts
                    ],
                }
                for cover in explanation.global_frameworks
            ],
            "items": [
                item_names(framework, [code], analysis.snapshot, language)
                for framework, code in explanation.items
            ],
        },
    )


@require_GET
def gap_choose(request: HttpRequest) -> HttpResponse:
    """The dashboard's "explain a gap" form: on to the explanation it asks for."""
    subregion = request.GET.get("subregion", "")
    theme = request.GET.get("theme", "")
    day = _day(request)
    if not subregion or not theme:  # back to the form that asks for both
        return redirect(reverse("synergy_dashboard") + _query(day) + "#explain")
    return redirect(reverse("synergy_gap", args=[subregion, theme]) + _query(day))


def _state(request: HttpRequest, iso3: str) -> tuple[Analysis, Country, datetime.date | None]:
    country = registry_selectors.country_get(iso3)
    day = _day(request)
    analysis = selectors.registry_analysis(day)
    return analysis, country, day


def _state_chart_data_url(iso3: str, name: str, fmt: str) -> str:
    return reverse("synergy_state_chart_data", args=[iso3, name, fmt])


def _state_chart(request: HttpRequest, iso3: str, name: str) -> Chart:
    if name not in STATE_CHARTS:
        raise Http404(f"No chart {name}")
    analysis, country, _given = _state(request, iso3)
    view = state_view(analysis, country.iso3)
    return STATE_CHARTS[name](view, _labels(analysis))


@require_GET
def state_detail(request: HttpRequest, iso3: str) -> HttpResponse:
    analysis, country, day = _state(request, iso3)
    code = country.iso3
    view = state_view(analysis, code)
    labels = _labels(analysis)
    charts = [
        _linked(
            build(view, labels),
            reverse("synergy_state_chart_spec", args=[code, name]),
            partial(_state_chart_data_url, code, name),
            day,
        )
        for name, build in STATE_CHARTS.items()
    ]
    return render(
        request,
        "synergy/state_detail.html",
        {
            "analysis": analysis,
            "country": country,
            "query": _query(day),
            "view": view,
            "charts": charts,
            "forums": [
                {"forum": forum, "name": labels.names.get(forum.acronym, forum.acronym)}
                for forum in view.forums
            ],
            "partners": [
                {
                    "partner": partner,
                    "name": labels.country(partner.country),
                    "themes": [labels.theme(t) for t in partner.themes[:6]],
                }
                for partner in view.partners[:20]
            ],
            "duplicated": [
                {"theme": labels.theme(d.theme), "key": d.theme, "mechanisms": d.mechanisms}
                for d in view.duplicated_themes
            ],
            "years": [(year, view.meetings_in(year)) for year in view.years],
        },
    )


@require_GET
def state_chart_spec(request: HttpRequest, iso3: str, name: str) -> JsonResponse:
    return JsonResponse(_state_chart(request, iso3, name).spec)


@require_GET
def state_chart_data(request: HttpRequest, iso3: str, name: str, fmt: str) -> HttpResponse:
    return _table(
        _state_chart(request, iso3, name), fmt, f"{iso3.upper()}-{name}-{current_language()}"
    )
