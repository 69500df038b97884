"""The synergy dashboard's charts: one table of rows per chart, drawn as Vega-Lite, shown as
an accessible data table, and downloadable as CSV: the same rows for all three."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from sinergia.downloads import csv_text
from sinergia.i18n import localized, territory_name
from sinergia.registry.models import Role
from sinergia.synergy.analysis import Analysis
from sinergia.synergy.states import StateView

PALETTE = "blues"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"


@dataclass
class Chart:
    """A chart's data (rows with named columns), its Vega-Lite spec and its text alternative."""

    name: str
    title: str
    description: str
    columns: list[tuple[str, str]]  # (key, heading)
    rows: list[dict[str, Any]]
    spec: dict[str, Any] = field(default_factory=dict)
    # Set by the page that shows it: where the browser fetches the spec, and the downloads.
    spec_url: str = ""
    downloads: list[tuple[str, str]] = field(default_factory=list)  # (label, address)
    # Too wide to shrink to a phone and stay legible: it scrolls within its frame instead.
    wide: bool = False

    def csv(self) -> str:
        return csv_text([heading for _key, heading in self.columns], self.table_rows())

    def table_rows(self) -> list[list[Any]]:
        return [[row.get(key, "") for key, _heading in self.columns] for row in self.rows]


def _base(title: str, description: str, values: list[dict[str, Any]]) -> dict[str, Any]:
    # The page gives the title as a heading; reports add it back where they need it.
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "description": description,
        "data": {"values": values},
        "config": {"font": FONT, "view": {"stroke": None}, "axis": {"labelLimit": 240}},
    }


class Labels:
    """Names in one language for mechanisms, countries, subregions and themes."""

    def __init__(
        self,
        analysis: Analysis,
        language: str,
        theme_labels: dict[str, dict[str, str]],
        iso2: dict[str, str],
        subregion_m49: dict[str, str],
    ):
        self.language = language
        self.names = {m.acronym: localized(m.names, language) for m in analysis.snapshot.mechanisms}
        self._themes = theme_labels
        self._iso2 = iso2
        self._subregion_m49 = subregion_m49

    def theme(self, key: str) -> str:
        return localized(self._themes.get(key, {}), self.language) or key

    def text(self, values: dict[str, str]) -> str:
        return localized(values, self.language)

    def country(self, iso3: str) -> str:
        return territory_name(self._iso2.get(iso3, iso3), self.language)

    def subregion(self, key: str) -> str:
        return territory_name(self._subregion_m49.get(key, key), self.language)


def overlap_heatmap(analysis: Analysis, labels: Labels) -> Chart:
    all_names = analysis.matrix.mechanisms
    sizes = analysis.matrix.member.sum(axis=1)
    names = [name for k, name in enumerate(all_names) if sizes[k]]  # mechanisms with members
    rows: list[dict[str, Any]] = []
    for i, a in enumerate(all_names):
        for j, b in enumerate(all_names):
            if i == j or not sizes[i] or not sizes[j]:
                continue
            rows.append(
                {
                    "a": a,
                    "b": b,
                    "shared": int(analysis.shared_counts[i, j]),
                    "jaccard": round(float(analysis.jaccard[i, j]), 3),
                    "overlap_coefficient": round(float(analysis.overlap_coefficient[i, j]), 3),
                    "theme_overlap": round(float(analysis.theme_overlap[i, j]), 3),
                }
            )
    title = _("Membership overlap between mechanisms")
    description = _(
        "Heat map of the Jaccard index of the member states of every pair of mechanisms: "
        "darker cells share more of their members."
    )
    spec = _base(title, description, rows)
    spec.update(
        {
            "mark": {"type": "rect", "tooltip": True},
            "width": {"step": 22},
            "height": {"step": 22},
            "encoding": {
                "x": {"field": "a", "type": "nominal", "title": None, "sort": names},
                "y": {"field": "b", "type": "nominal", "title": None, "sort": names},
                "color": {
                    "field": "jaccard",
                    "type": "quantitative",
                    "title": _("Jaccard index"),
                    "scale": {"scheme": PALETTE, "domain": [0, 1]},
                },
                "tooltip": [
                    {"field": "a", "title": _("Mechanism A")},
                    {"field": "b", "title": _("Mechanism B")},
                    {"field": "shared", "title": _("Shared member states")},
                    {"field": "jaccard", "title": _("Jaccard index")},
                    {"field": "overlap_coefficient", "title": _("Overlap coefficient")},
                ],
            },
        }
    )
    table = [row for row in rows if row["a"] < row["b"] and row["shared"] > 0]
    table.sort(key=lambda row: (-row["jaccard"], row["a"], row["b"]))
    return Chart(
        "overlap",
        title,
        description,
        [
            ("a", _("Mechanism A")),
            ("b", _("Mechanism B")),
            ("shared", _("Shared member states")),
            ("jaccard", _("Jaccard index")),
            ("overlap_coefficient", _("Overlap coefficient")),
            ("theme_overlap", _("Thematic overlap")),
        ],
        table,
        spec,
        wide=True,
    )


# The strongest role first: a state with two roles in one body shows the stronger.
ROLE_ORDER = ["member", "associate", "signatory", "observer", "participant"]
# Darker for a fuller role, and each role a hue of its own as well.
ROLE_COLOURS = ["#073763", "#2a6fb0", "#6a51a3", "#8fb8de", "#d9a441"]


def membership_matrix(
    analysis: Analysis, labels: Labels, *, body: str | None = None, state: str | None = None
) -> Chart:
    """Mechanisms in columns, member states in rows grouped by subregion, each cell marking the
    state's role in the body. Narrowed to one body (its states, and every body they sit in) or
    to one state (its bodies, and every state that sits in them)."""
    snapshot = analysis.snapshot
    rank = {role: k for k, role in enumerate(ROLE_ORDER)}
    roles: dict[tuple[str, str], str] = {}
    for participation in snapshot.participations:
        key = (participation.mechanism, participation.country)
        if key not in roles or rank.get(participation.role, 99) < rank.get(roles[key], 99):
            roles[key] = participation.role
    if body:
        states = {country for mechanism, country in roles if mechanism == body}
        roles = {key: role for key, role in roles.items() if key[1] in states}
    elif state:
        bodies = {mechanism for mechanism, country in roles if country == state}
        roles = {key: role for key, role in roles.items() if key[0] in bodies}
    subregion_of = {c.iso3: c.subregion for c in snapshot.countries}
    order = {key: k for k, key in enumerate(snapshot.subregions)}
    sizes: dict[str, int] = {}
    for mechanism, _country in roles:
        sizes[mechanism] = sizes.get(mechanism, 0) + 1
    mechanisms = sorted(sizes, key=lambda acronym: (acronym != body, -sizes[acronym], acronym))
    countries = sorted(
        {country for _mechanism, country in roles},
        key=lambda iso3: (
            iso3 != state,
            order.get(subregion_of.get(iso3, ""), 99),
            labels.country(iso3),
        ),
    )
    position = {iso3: k for k, iso3 in enumerate(countries)}
    cells = [
        {
            "mechanism": mechanism,
            "country": labels.country(iso3),
            "iso3": iso3,
            "subregion": labels.subregion(subregion_of.get(iso3, "")),
            "role": _role_label(role),
            "order": position[iso3],
        }
        for (mechanism, iso3), role in sorted(
            roles.items(), key=lambda item: (mechanisms.index(item[0][0]), position[item[0][1]])
        )
    ]
    title = _("Member states of each mechanism")
    description = _(
        "A row for each state, grouped by subregion, a column for each mechanism: a coloured "
        "cell marks the state's role in the mechanism."
    )
    spec = _base(title, description, cells)
    shown_roles = [_role_label(role) for role in ROLE_ORDER if role in set(roles.values())]
    spec.update(
        {
            "mark": {"type": "rect", "tooltip": True, "stroke": "#ffffff", "strokeWidth": 1},
            "width": {"step": 18},
            "height": {"step": 16},
            "encoding": {
                "x": {
                    "field": "mechanism",
                    "type": "nominal",
                    "title": None,
                    "sort": mechanisms,
                    "axis": {"orient": "top", "labelAngle": -60, "labelAlign": "left"},
                },
                "y": {
                    "field": "country",
                    "type": "nominal",
                    "title": None,
                    "sort": [labels.country(iso3) for iso3 in countries],
                },
                "color": {
                    "field": "role",
                    "type": "nominal",
                    "title": _("Role"),
                    "scale": {
                        "domain": shown_roles,
                        "range": [
                            ROLE_COLOURS[ROLE_ORDER.index(role)]
                            for role in ROLE_ORDER
                            if _role_label(role) in shown_roles
                        ],
                    },
                    "legend": {"orient": "top", "direction": "horizontal", "columns": 2},
                },
                "tooltip": [
                    {"field": "mechanism", "title": _("Mechanism")},
                    {"field": "country", "title": _("Member state")},
                    {"field": "subregion", "title": _("Subregion")},
                    {"field": "role", "title": _("Role")},
                ],
            },
            "config": {**spec["config"], "axis": {"labelLimit": 160, "grid": False}},
        }
    )
    return Chart(
        "network",
        title,
        description,
        [
            ("mechanism", _("Mechanism")),
            ("country", _("Member state")),
            ("iso3", "ISO3"),
            ("subregion", _("Subregion")),
            ("role", _("Role")),
        ],
        cells,
        spec,
        wide=True,
    )


def theme_coverage(analysis: Analysis, labels: Labels) -> Chart:
    profiles = analysis.profiles
    rows = []
    for i, acronym in enumerate(profiles.mechanisms):
        for t, key in enumerate(profiles.themes):
            count = int(profiles.counts[i, t])
            if count:
                rows.append(
                    {"mechanism": acronym, "theme": labels.theme(key), "key": key, "texts": count}
                )
    theme_order = [labels.theme(key) for key in profiles.themes]
    title = _("Themes covered by each mechanism")
    description = _(
        "For each mechanism, how many of its lines of work and commitments carry each theme."
    )
    spec = _base(title, description, rows)
    spec.update(
        {
            "mark": {"type": "rect", "tooltip": True},
            "width": {"step": 22},
            "height": {"step": 14},
            "encoding": {
                "x": {"field": "mechanism", "type": "nominal", "title": None},
                "y": {"field": "theme", "type": "nominal", "title": None, "sort": theme_order},
                "color": {
                    "field": "texts",
                    "type": "quantitative",
                    "title": _("Texts"),
                    "scale": {"scheme": PALETTE},
                },
            },
        }
    )
    return Chart(
        "themes",
        title,
        description,
        [("mechanism", _("Mechanism")), ("theme", _("Theme")), ("texts", _("Texts"))],
        rows,
        spec,
        wide=True,
    )


def gaps_by_subregion(analysis: Analysis, labels: Labels) -> Chart:
    rows = []
    for coverage in analysis.coverage:
        for key, mechanisms in coverage.by_theme.items():
            rows.append(
                {
                    "subregion": labels.subregion(coverage.subregion),
                    "theme": labels.theme(key),
                    "key": key,
                    "forums": len(mechanisms),
                    "mechanisms": ", ".join(mechanisms),
                }
            )
    title = _("Regional bodies covering each theme, by subregion")
    description = _(
        "Number of active regional bodies with member states in the subregion that work on "
        "each theme. A zero is a gap: no active regional body there works on the theme."
    )
    theme_order = [labels.theme(key) for key in analysis.profiles.themes]
    spec = _base(title, description, rows)
    spec.update(
        {
            # As wide as the page: five subregions fit a phone beside the theme labels.
            "width": "container",
            "autosize": {"type": "fit-x", "contains": "padding"},
            "height": {"step": 14},
            "encoding": {
                "x": {
                    "field": "subregion",
                    "type": "nominal",
                    "title": None,
                    "axis": {
                        "orient": "top",
                        "labelAngle": -60,
                        "labelAlign": "left",
                        "labelLimit": 120,
                    },
                },
                "y": {
                    "field": "theme",
                    "type": "nominal",
                    "title": None,
                    "sort": theme_order,
                    "axis": {"labelLimit": 180},
                },
            },
            "layer": [
                {
                    "mark": {"type": "rect", "tooltip": True},
                    "encoding": {
                        "color": {
                            "field": "forums",
                            "type": "quantitative",
                            "title": _("Forums"),
                            "scale": {"scheme": PALETTE, "domainMin": 0},
                            "legend": {"orient": "top", "direction": "horizontal"},
                        }
                    },
                },
                {
                    "mark": {"type": "text", "fontSize": 10},
                    "encoding": {
                        "text": {"field": "forums", "type": "quantitative"},
                        "color": {
                            "condition": {"test": "datum.forums >= 4", "value": "white"},
                            "value": "#1b1f24",
                        },
                    },
                },
            ],
        }
    )
    return Chart(
        "gaps",
        title,
        description,
        [
            ("subregion", _("Subregion")),
            ("theme", _("Theme")),
            ("forums", _("Forums")),
            ("mechanisms", _("Mechanisms")),
        ],
        rows,
        spec,
    )


def _role_label(role: str) -> str:
    return str(Role(role).label) if role in Role.values else role


def burden_by_country(analysis: Analysis, labels: Labels) -> Chart:
    rows = []
    for burden in analysis.burden:
        if not burden.mechanisms:
            continue
        for role, count in burden.roles.items():
            rows.append(
                {
                    "country": labels.country(burden.country),
                    "iso3": burden.country,
                    "role": _role_label(role),
                    "mechanisms": count,
                    "meetings_per_year": burden.meetings_per_year,
                }
            )
    order = [labels.country(b.country) for b in analysis.burden if b.mechanisms]
    title = _("Participation burden by country")
    description = _(
        "Number of mechanisms each country takes part in, by role, with the meetings a year "
        "they hold between them."
    )
    spec = _base(title, description, rows)
    spec.update(
        {
            "mark": {"type": "bar", "tooltip": True},
            "width": "container",
            "height": {"step": 14},
            "encoding": {
                "y": {"field": "country", "type": "nominal", "title": None, "sort": order},
                "x": {
                    "field": "mechanisms",
                    "type": "quantitative",
                    "aggregate": "sum",
                    "title": _("Mechanisms"),
                },
                "color": {"field": "role", "type": "nominal", "title": _("Role")},
            },
        }
    )
    table = [
        {
            "country": labels.country(b.country),
            "iso3": b.country,
            "mechanisms": b.mechanisms,
            "roles": ", ".join(f"{_role_label(role)}: {count}" for role, count in b.roles.items()),
            "meetings_per_year": b.meetings_per_year,
        }
        for b in analysis.burden
        if b.mechanisms
    ]
    return Chart(
        "burden",
        title,
        description,
        [
            ("country", _("Country")),
            ("iso3", "ISO3"),
            ("mechanisms", _("Mechanisms")),
            ("roles", _("Roles")),
            ("meetings_per_year", _("Meetings a year")),
        ],
        table,
        spec,
    )


def state_meetings(view: StateView, labels: Labels) -> Chart:
    """A state's meetings a year, by body: how much its forums ask of it."""
    rows = [
        {
            "year": str(year),
            "mechanism": mechanism,
            "name": labels.names.get(mechanism, mechanism),
            "meetings": count,
        }
        for year in view.years
        for mechanism, count in sorted(view.meetings_by_year[year].items())
    ]
    title = _("Meetings a year of its forums")
    description = _(
        "For each of the last five years, how many recorded meetings the bodies it sits in "
        "held, stacked by body."
    )
    spec = _base(title, description, rows)
    spec.update(
        {
            "mark": {"type": "bar", "tooltip": True},
            "width": "container",
            "height": 220,
            "encoding": {
                "x": {
                    "field": "year",
                    "type": "ordinal",
                    "title": _("Year"),
                    "sort": [str(year) for year in view.years],
                },
                "y": {
                    "field": "meetings",
                    "type": "quantitative",
                    "aggregate": "sum",
                    "title": _("Meetings"),
                    "axis": {"tickMinStep": 1},
                },
                "color": {"field": "mechanism", "type": "nominal", "title": _("Mechanism")},
                "tooltip": [
                    {"field": "year", "title": _("Year")},
                    {"field": "name", "title": _("Mechanism")},
                    {"field": "meetings", "title": _("Meetings")},
                ],
            },
        }
    )
    return Chart(
        "meetings",
        title,
        description,
        [
            ("year", _("Year")),
            ("mechanism", _("Mechanism")),
            ("name", _("Name")),
            ("meetings", _("Meetings")),
        ],
        rows,
        spec,
    )


def state_partners(view: StateView, labels: Labels) -> Chart:
    """The states it meets in the most bodies."""
    rows = [
        {
            "country": labels.country(partner.country),
            "iso3": partner.country,
            "bodies": len(partner.shared_mechanisms),
            "mechanisms": ", ".join(partner.shared_mechanisms),
            "meetings": partner.meetings,
        }
        for partner in view.partners[:15]
    ]
    title = _("States it meets in the most bodies")
    description = _(
        "The states that are full members of the most active bodies it belongs to, with those "
        "bodies and their meetings in the last three years."
    )
    spec = _base(title, description, rows)
    spec.update(
        {
            "mark": {"type": "bar", "tooltip": True},
            "width": "container",
            "height": {"step": 18},
            "encoding": {
                "y": {
                    "field": "country",
                    "type": "nominal",
                    "title": None,
                    "sort": [row["country"] for row in rows],
                },
                "x": {
                    "field": "bodies",
                    "type": "quantitative",
                    "title": _("Bodies in common"),
                    "axis": {"tickMinStep": 1},
                },
                "color": {"value": "#2a6fb0"},
                "tooltip": [
                    {"field": "country", "title": _("Country")},
                    {"field": "mechanisms", "title": _("Mechanisms")},
                    {"field": "meetings", "title": _("Meetings in the last three years")},
                ],
            },
        }
    )
    return Chart(
        "partners",
        title,
        description,
        [
            ("country", _("Country")),
            ("iso3", "ISO3"),
            ("bodies", _("Bodies in common")),
            ("mechanisms", _("Mechanisms")),
            ("meetings", _("Meetings in the last three years")),
        ],
        rows,
        spec,
    )


STATE_CHARTS: dict[str, Callable[[StateView, Labels], Chart]] = {
    "partners": state_partners,
    "meetings": state_meetings,
}

CHARTS: dict[str, Callable[[Analysis, Labels], Chart]] = {
    "overlap": overlap_heatmap,
    "network": membership_matrix,
    "themes": theme_coverage,
    "gaps": gaps_by_subregion,
    "burden": burden_by_country,
}
