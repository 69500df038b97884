"""The map and the series chart as the browser gets them: what colours the map first, where
each country leads, and a legend that tells the lines apart."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_map_is_coloured_by_share_of_population_unless_numbers_are_asked(client):
    spec = client.get("/es/statistics/map.json?year=2020").json()
    assert spec["encoding"]["color"]["field"] == "share"
    assert spec["encoding"]["color"]["title"] == "porcentaje de la población (%)"
    numbers = client.get("/es/statistics/map.json?year=2020&measure=stock").json()
    assert numbers["encoding"]["color"]["field"] == "stock"
    html = client.get("/es/statistics/?year=2020").content.decode()
    assert 'map.json?year=2020&amp;measure=share"' in html
    assert '<option value="stock">' in html  # the switch to numbers


def test_each_country_of_the_map_leads_to_its_page(client):
    spec = client.get("/fr/statistics/map.json?year=2020").json()
    assert spec["encoding"]["href"] == {"field": "url"}
    rows = {row["iso3"]: row for row in spec["transform"][0]["from"]["data"]["values"]}
    assert rows["GTM"]["url"] == "/fr/statistics/areas/GTM/"
    assert client.get(rows["GTM"]["url"]).status_code == 200


def test_the_data_table_beside_the_map_follows_its_measure(client):
    html = client.get("/en/statistics/?year=2020").content.decode()
    table = html[html.index("<tbody>") :]
    # By share, Aruba (about a third of its people) comes before the United States.
    assert table.index(">Aruba<") < table.index(">United States<")
    html = client.get("/en/statistics/?year=2020&measure=stock").content.decode()
    table = html[html.index("<tbody>") :]
    assert table.index(">United States<") < table.index(">Aruba<")


def test_the_series_by_sex_has_one_legend_for_colour_and_dash(client):
    spec = client.get("/pt/statistics/areas/COL/series.json").json()
    color, dash = spec["encoding"]["color"], spec["encoding"]["strokeDash"]
    assert color["legend"] and dash["legend"]
    assert color["title"] == dash["title"] == "Sexo"
    assert color["sort"] == ["Total", "Mulheres", "Homens"]
    assert spec["width"] == "container"
