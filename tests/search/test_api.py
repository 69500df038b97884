"""GET /api/v1/search: the site search for programs."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

KINDS = {"mechanism", "country", "theme", "practice", "session", "contribution", "meeting"}


def search(client, language="en", **params):
    return client.get("/api/v1/search", params, HTTP_ACCEPT_LANGUAGE=language)


def test_the_answer_holds_the_query_and_results_of_every_kind(client):
    response = search(client, q="Guatemala")
    assert response.status_code == 200
    body = response.json()
    assert body["query"] == "Guatemala"
    assert set(body["counts"]) == KINDS
    assert body["results"]
    for result in body["results"]:
        assert set(result) == {"kind", "title", "url", "snippet"}
        assert result["kind"] in KINDS and result["title"]
        assert result["url"].startswith("http://testserver/en/")
    kinds = [result["kind"] for result in body["results"]]
    assert kinds == sorted(
        kinds,
        key=[
            "mechanism",
            "country",
            "theme",
            "practice",
            "session",
            "contribution",
            "meeting",
        ].index,
    )
    country = next(result for result in body["results"] if result["kind"] == "country")
    assert country == {
        "kind": "country",
        "title": "Guatemala",
        "url": "http://testserver/en/countries/GTM/",
        "snippet": "Central America",
    }


def test_titles_and_addresses_follow_the_request_language(client):
    english = search(client, "en", q="CRM", kind="mechanism").json()["results"][0]
    french = search(client, "fr", q="CRM", kind="mechanism").json()["results"][0]
    assert english["title"] == "Regional Conference on Migration (CRM)"
    assert french["title"] == "Conférence régionale sur les migrations (CRM)"
    assert french["url"] == "http://testserver/fr/mechanisms/CRM/"


def test_kind_and_limit_narrow_the_results(client):
    body = search(client, q="Caribe", kind="country", limit=3).json()
    assert [result["kind"] for result in body["results"]] == ["country"] * 3
    assert (
        body["counts"] == {"country": body["counts"]["country"]} and body["counts"]["country"] > 3
    )


def test_the_snippet_is_plain_text(client):
    body = search(client, q="refugiados", kind="practice").json()
    assert body["results"]
    for result in body["results"]:
        assert "<mark>" not in result["snippet"] and "&amp;" not in result["snippet"]


@pytest.mark.parametrize("params", [{"q": ""}, {"q": "   "}, {}])
def test_an_empty_query_is_a_problem_naming_q(client, params):
    response = search(client, **params)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert "q" in response.json()["detail"]


@pytest.mark.parametrize(
    "params", [{"q": "CRM", "kind": "planet"}, {"q": "CRM", "limit": 0}, {"q": "CRM", "limit": 51}]
)
def test_a_bad_kind_or_limit_is_a_problem(client, params):
    response = search(client, **params)
    assert response.status_code == 422 and response["Content-Type"] == "application/problem+json"


def test_a_long_query_is_cut_at_300_characters(client):
    body = search(client, q="Guatemala " + "x" * 1000).json()
    assert len(body["query"]) == 300 and body["query"].startswith("Guatemala")
    assert any(result["title"] == "Guatemala" for result in body["results"])


def test_the_schema_documents_the_endpoint_and_its_answer(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/search"]["get"]
    assert {parameter["name"] for parameter in operation["parameters"]} == {"q", "kind", "limit"}
    answer = operation["responses"]["200"]["content"]["application/json"]["schema"]
    reference = answer["$ref"].rsplit("/", 1)[1]
    properties = schema["components"]["schemas"][reference]["properties"]
    assert {"query", "results"} <= set(properties)
    assert list(operation["responses"]["422"]["content"]) == ["application/problem+json"]
    kind = next(parameter for parameter in operation["parameters"] if parameter["name"] == "kind")
    assert all(value in str(kind["schema"]) for value in KINDS)


@pytest.mark.parametrize("path", ["/api/v1/search?q={text}", "/es/search/?q={text}"])
@pytest.mark.parametrize(
    "text",
    [
        "'; DROP TABLE registry_mechanism; --",
        "<script>alert('x')</script>",
        "%00",
        "%ff%fe",
        "🙂" * 500,
    ],
)
def test_hostile_queries_are_answered_without_an_error(client, path, text):
    response = client.get(path.format(text=text))
    assert response.status_code in {200, 400, 422}, response.content[:300]
    if "html" in response["Content-Type"]:
        assert "<script>alert" not in response.content.decode()
