"""The report's charts: Vega-Lite specs drawn offline by vl-convert, as SVG for HTML and PDF
and as PNG for DOCX, each with the table of its data."""

from __future__ import annotations

from typing import Any

import vl_convert
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from sinergia.dialogue.report.content import Figure, Table
from sinergia.statistics.selectors import StockFigure, area_name
from sinergia.synergy.charts import FONT

VEGA_LITE_VERSION = "6.4"
WIDTH = 460


# d3-format locales, so that axes group digits as the report's language does.
FORMAT_LOCALES: dict[str, Any] = {"es": "es-ES", "en": "en-US", "fr": "fr-FR", "pt": "pt-BR"}


def _draw(spec: dict[str, Any], language: str) -> tuple[str, bytes]:
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "width": WIDTH,
        "config": {"font": FONT, "view": {"stroke": None}, "axis": {"labelFontSize": 11}},
        **spec,
    }
    locale = FORMAT_LOCALES.get(language, "en-US")  # one of vl-convert's named locales
    svg = vl_convert.vegalite_to_svg(spec, vl_version=VEGA_LITE_VERSION, format_locale=locale)
    png = vl_convert.vegalite_to_png(
        spec, vl_version=VEGA_LITE_VERSION, scale=2, format_locale=locale
    )
    return svg, png


def _number(value: int) -> str:
    return number_format(value, force_grouping=True)


def _bar(
    rows: list[tuple[str, int]], *, label: str, value: str, language: str
) -> tuple[str, bytes]:
    return _draw(
        {
            "height": max(60, 22 * len(rows)),
            "data": {"values": [{"label": name, "value": count} for name, count in rows]},
            "mark": {"type": "bar", "color": "#1f5f8b"},
            "encoding": {
                "y": {"field": "label", "type": "nominal", "sort": "-x", "title": label},
                "x": {"field": "value", "type": "quantitative", "title": value},
            },
        },
        language,
    )


def stock_by_subregion(figures: list[StockFigure], language: str, source: str) -> Figure:
    rows = [(area_name(f.area, language), f.total) for f in figures]
    label, value = _("Area"), _("International migrants")
    svg, png = _bar(rows, label=label, value=value, language=language)
    biggest = max(rows, key=lambda row: row[1])
    return Figure(
        caption=_("International migrants by part of the Americas, %(year)s")
        % {"year": figures[0].year},
        description=_("Bar chart. %(area)s hosts the most international migrants: %(count)s.")
        % {"area": biggest[0], "count": _number(biggest[1])},
        svg=svg,
        png=png,
        table=Table(
            caption="",
            headers=[label, value],
            rows=[[name, _number(count)] for name, count in rows],
            numeric=[1],
        ),
        source=source,
    )


def themes_bar(rows: list[tuple[str, int]], language: str) -> Figure:
    label, value = _("Theme"), _("Participants")
    svg, png = _bar(rows, label=label, value=value, language=language)
    return Figure(
        caption=_("Themes raised by two or more participants"),
        description=_(
            "Bar chart of %(count)s themes; the most shared is %(theme)s (%(n)s participants)."
        )
        % {"count": len(rows), "theme": rows[0][0], "n": rows[0][1]},
        svg=svg,
        png=png,
        table=Table(
            caption="", headers=[label, value], rows=[[n, str(c)] for n, c in rows], numeric=[1]
        ),
    )
