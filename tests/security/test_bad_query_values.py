"""Query values that are not what a parameter takes: the API answers 422 with problem
details naming the parameter; pages ignore the value and show what they would without it.
None of them may end in a server error."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

SUPERSCRIPT_TWO = "²"  # str.isdigit() is true for it; int() refuses it
ARABIC_INDIC_TWO_THOUSAND = "٢٠٠٠"  # int() takes it: still not a year as written here
MANY_DIGITS = "9" * 5_000  # beyond int()'s 4,300-digit limit
DAYS_OUTSIDE = ["0001-01-01", "9999-12-31", "1899-12-31", "2101-01-01"]


def problem(response, parameter: str) -> None:
    assert response.status_code == 422, response.content[:300]
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 422 and parameter in body["detail"]


@pytest.mark.parametrize(
    "year", [SUPERSCRIPT_TWO, ARABIC_INDIC_TWO_THOUSAND, MANY_DIGITS, "2020,²", "-2020", "1e3"]
)
def test_the_practice_search_api_refuses_a_bad_year(client, year):
    problem(client.get("/api/v1/practices", {"year": year}), "year")


def test_the_practice_search_api_takes_good_years(client):
    response = client.get("/api/v1/practices", {"year": "2020, 2021"})
    assert response.status_code == 200
    body = response.json()  # the year facet counts the result as if no year were chosen
    assert 0 < body["count"] == body["facets"]["year"]["2020"] + body["facets"]["year"]["2021"]


@pytest.mark.parametrize("year", [SUPERSCRIPT_TWO, ARABIC_INDIC_TWO_THOUSAND, MANY_DIGITS])
def test_the_practice_page_ignores_a_bad_year(client, year):
    everything = client.get("/es/practices/")
    response = client.get("/es/practices/", {"year": year})
    assert response.status_code == 200
    assert response.context["result"].count == everything.context["result"].count


@pytest.mark.parametrize("page", [SUPERSCRIPT_TWO, MANY_DIGITS, "99999999999999999999", "0"])
def test_the_practice_page_takes_any_page_number(client, page):
    response = client.get("/es/practices/", {"page": page})
    assert response.status_code == 200
    assert client.get("/es/practices/export.csv", {"page": page}).status_code == 200


@pytest.mark.parametrize("endpoint", ["overlap", "gaps", "burden", "opportunities", "duplications"])
@pytest.mark.parametrize("day", DAYS_OUTSIDE)
def test_synergy_refuses_a_day_outside_the_calendar_it_keeps(client, endpoint, day):
    problem(client.get(f"/api/v1/synergy/{endpoint}", {"on": day}), "on")


@pytest.mark.parametrize("day", ["2024-02-29", "2000-02-29"])
def test_synergy_on_a_leap_day(client, day):
    # Five years before a 29 February is not a 29 February.
    assert client.get("/api/v1/synergy/burden", {"on": day}).status_code == 200


@pytest.mark.parametrize("day", ["2023-02-30", "20230101", "2023-1-1", "١٩٩٠-٠١-٠١", "1700000000"])
def test_synergy_refuses_what_is_not_a_date(client, day):
    problem(client.get("/api/v1/synergy/overlap", {"on": day}), "on")


@pytest.mark.parametrize("day", [*DAYS_OUTSIDE, "2023-02-30", MANY_DIGITS])
def test_the_registry_refuses_or_ignores_a_bad_day(client, day):
    problem(client.get("/api/v1/mechanisms", {"on": day}), "on")
    page = client.get("/es/mechanisms/CRM/", {"on": day})
    assert page.status_code == 200 and page.context["day_given"] is False


@pytest.mark.parametrize("year", [SUPERSCRIPT_TWO, MANY_DIGITS, "1e3"])
def test_statistics_refuse_or_ignore_a_bad_year(client, year):
    problem(client.get("/api/v1/statistics/migrant-stock", {"area": "COL", "year": year}), "year")
    page = client.get("/es/statistics/", {"year": year})
    assert page.status_code == 200 and page.context["year"] == 2020
    assert client.get("/es/statistics/map-data.csv", {"year": year}).status_code == 200
