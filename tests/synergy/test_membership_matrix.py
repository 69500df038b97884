"""The mechanisms × member states matrix that replaces the network drawing, whole or narrowed
to one body or one state, with the same rows in its table and downloads."""

from __future__ import annotations

import csv
import io

import pytest

pytestmark = pytest.mark.django_db


def _cells(spec):
    return {(cell["mechanism"], cell["iso3"]): cell["role"] for cell in spec["data"]["values"]}


def test_the_matrix_marks_each_states_role_in_each_mechanism(client):
    spec = client.get("/en/synergy/charts/network.json").json()
    assert spec["mark"]["type"] == "rect"
    cells = _cells(spec)
    assert cells[("CRM", "GTM")] == "member"
    assert "observer" in set(cells.values())
    assert spec["encoding"]["color"]["field"] == "role"
    assert spec["encoding"]["color"]["legend"]


def test_narrowed_to_one_body_it_shows_its_states_and_where_else_they_meet(client):
    cells = _cells(client.get("/en/synergy/charts/network.json?focus=mechanism-CRM").json())
    states = {iso3 for _mechanism, iso3 in cells}
    crm = {iso3 for mechanism, iso3 in cells if mechanism == "CRM"}
    assert states == crm and "GTM" in crm and "CHL" not in crm
    assert {mechanism for mechanism, _iso3 in cells} > {"CRM", "MIRPS"}
    spec = client.get("/en/synergy/charts/network.json?focus=mechanism-CRM").json()
    assert spec["encoding"]["x"]["sort"][0] == "CRM"


def test_narrowed_to_one_state_it_shows_its_bodies_and_who_sits_in_them(client):
    spec = client.get("/es/synergy/charts/network.json?focus=country-GTM").json()
    cells = _cells(spec)
    bodies = {mechanism for mechanism, iso3 in cells if iso3 == "GTM"}
    assert {mechanism for mechanism, _iso3 in cells} == bodies
    assert spec["encoding"]["y"]["sort"][0] == "Guatemala"


def test_an_unknown_focus_shows_the_whole_matrix(client):
    whole = client.get("/en/synergy/charts/network.json").json()
    unknown = client.get("/en/synergy/charts/network.json?focus=mechanism-NOPE").json()
    assert _cells(whole) == _cells(unknown)


def test_the_dashboard_offers_the_filter_and_passes_it_to_the_chart_and_its_data(client):
    html = client.get("/fr/synergy/?focus=country-GTM").content.decode()
    assert 'id="matrix-focus"' in html
    assert '<option value="country-GTM" selected>' in html
    assert "/fr/synergy/charts/network.json?focus=country-GTM" in html
    data = client.get("/fr/synergy/charts/network/data.csv?focus=country-GTM")
    rows = list(csv.reader(io.StringIO(data.content.decode("utf-8-sig"))))
    assert rows[0][-1] == "Rôle"
    assert {row[0] for row in rows[1:] if row[2] == "GTM"} == {row[0] for row in rows[1:]}
