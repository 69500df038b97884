"""The report's charts: Vega-Lite specs drawn offline by vl-convert, as SVG for HTML and PDF
and as PNG for DOCX, each with the table of its data."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

import vl_convert
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sinergia.dialogue.report.content import Figure, Table
from sinergia.i18n import chart_format_locale, format_number
from sinergia.statistics.selectors import StockFigure, area_name
from sinergia.synergy.charts import FONT

VEGA_LITE_VERSION = "6.4"
WIDTH = 380  # the plot; the labels of the bars take up to LABEL_WIDTH beside it
LABEL_WIDTH = 150
LABEL_CHARACTERS = 24  # a label longer than this wraps onto further lines
LINE_HEIGHT = 13


def _wrap(label: str) -> str:
    """`label` cut into lines at word boundaries, joined by "\n" (the spec splits them):
    a long theme is written whole on two or three lines, never clipped."""
    return "\n".join(textwrap.wrap(label, LABEL_CHARACTERS)) or label


def _draw(spec: dict[str, Any], language: str) -> tuple[str, bytes]:
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "width": WIDTH,
        "autosize": {"type": "pad"},
        "padding": 8,
        "config": {
            "font": FONT,
            "view": {"stroke": None},
            "axis": {"labelFontSize": 11, "titleFontSize": 11},
        },
        **spec,
    }
    locale = chart_format_locale(language)  # the tables' digits, from the same CLDR data
    svg = vl_convert.vegalite_to_svg(spec, vl_version=VEGA_LITE_VERSION, format_locale=locale)
    png = vl_convert.vegalite_to_png(
        spec, vl_version=VEGA_LITE_VERSION, scale=2, format_locale=locale
    )
    return svg, png


def _bar(
    rows: Sequence[tuple[str, float]],
    *,
    label: str,
    value: str,
    language: str,
    counts: bool = False,
) -> tuple[str, bytes]:
    lines = sum(len(_wrap(name).split("\n")) for name, _count in rows)
    biggest = max((count for _name, count in rows), default=0)
    x_axis: dict[str, Any] = {"format": ",d", "labelFlush": True}
    x_scale: dict[str, Any] = {"domainMin": 0, "nice": True}
    if counts:
        # Whole participants: whole ticks, and a one-bar chart still shows a scale.
        top = max(int(biggest), 2)
        x_scale["domainMax"] = top
        x_scale["nice"] = False
        step = max(1, -(-top // 8))
        x_axis["values"] = list(range(0, top + 1, step))
    else:
        x_axis["tickCount"] = 5
        x_axis["format"] = ",.0f"
    return _draw(
        {
            "height": max(40, 10 + LINE_HEIGHT * lines + 10 * len(rows)),
            "data": {"values": [{"label": _wrap(name), "value": count} for name, count in rows]},
            "mark": {"type": "bar", "color": "#1f5f8b", "height": {"band": 0.7}},
            "encoding": {
                "y": {
                    "field": "label",
                    "type": "nominal",
                    "sort": "-x",
                    "title": label,
                    "axis": {
                        "labelExpr": "split(datum.label, '\\n')",
                        "labelLimit": 0,
                        "labelLineHeight": LINE_HEIGHT,
                        "minExtent": LABEL_WIDTH,
                    },
                },
                "x": {
                    "field": "value",
                    "type": "quantitative",
                    "title": value,
                    "axis": x_axis,
                    "scale": x_scale,
                },
            },
        },
        language,
    )


def stock_by_subregion(figures: list[StockFigure], language: str, source: str) -> Figure:
    rows = [(area_name(f.area, language), f.total) for f in figures]
    label, value = _("Area"), _("International migrants")
    # The axis in millions, so that its labels stay short; the table gives every digit.
    svg, png = _bar(
        [(name, count / 1_000_000) for name, count in rows],
        label=label,
        value=_("International migrants (millions)"),
        language=language,
    )
    biggest = max(rows, key=lambda row: row[1])
    return Figure(
        caption=_("International migrants by part of the Americas, %(year)s")
        % {"year": figures[0].year},
        description=_("Bar chart. %(area)s hosts the most international migrants: %(count)s.")
        % {"area": biggest[0], "count": format_number(biggest[1], language)},
        svg=svg,
        png=png,
        table=Table(
            caption="",
            headers=[label, value],
            rows=[[name, format_number(count, language)] for name, count in rows],
            numeric=[1],
        ),
        source=source,
        source_language="en",
    )


def themes_bar(rows: list[tuple[str, int]], language: str) -> Figure:
    label, value = _("Theme"), _("Participants")
    svg, png = _bar(rows, label=label, value=value, language=language, counts=True)
    return Figure(
        caption=_("Themes raised by two or more participants"),
        description=ngettext(
            "Bar chart of %(count)s theme; the most shared is %(theme)s (%(n)s participants).",
            "Bar chart of %(count)s themes; the most shared is %(theme)s (%(n)s participants).",
            len(rows),
        )
        % {
            "count": format_number(len(rows), language),
            "theme": rows[0][0],
            "n": format_number(rows[0][1], language),
        },
        svg=svg,
        png=png,
        table=Table(
            caption="",
            headers=[label, value],
            rows=[[n, format_number(c, language)] for n, c in rows],
            numeric=[1],
        ),
    )
