"""The read API: /api/v1/ lists the mechanisms of the concept note with their members."""

from __future__ import annotations

import pytest

from sinergia.i18n import LANGUAGE_CODES

pytestmark = pytest.mark.django_db

# The member states of the regional processes, as their official sources give them.
OFFICIAL_MEMBERS = {
    # crmsv.org: the eleven member countries of the Regional Conference on Migration
    "CRM": {"BLZ", "CAN", "CRI", "DOM", "GTM", "HND", "MEX", "NIC", "PAN", "SLV", "USA"},
    # the twelve South American states of the South American Conference on Migration
    "CSM": {"ARG", "BOL", "BRA", "CHL", "COL", "ECU", "GUY", "PER", "PRY", "SUR", "URY", "VEN"},
    # MIRPS: the seven member states
    "MIRPS": {"BLZ", "CRI", "GTM", "HND", "MEX", "PAN", "SLV"},
}


def _mechanisms(client, **params):
    response = client.get("/api/v1/mechanisms", params)
    assert response.status_code == 200
    return {item["acronym"]: item for item in response.json()}


def test_lists_every_mechanism_the_concept_note_names(client):
    mechanisms = _mechanisms(client)
    assert set(mechanisms) >= {
        "HLD", "GMG", "IDM", "GCM", "FIBEMYD", "RIAM", "OCAM", "PACTA", "NYD", "MIRPS",
        "CRM", "QUITO", "CSM", "FEM", "CAM", "LAD", "CMC",
    }  # fmt: skip
    for item in mechanisms.values():
        assert {"acronym", "name", "kind", "scope", "members", "observers"} <= set(item)


@pytest.mark.parametrize("acronym", sorted(OFFICIAL_MEMBERS))
def test_member_lists_of_the_regional_processes_agree_with_their_sources(client, acronym):
    assert set(_mechanisms(client)[acronym]["members"]) == OFFICIAL_MEMBERS[acronym]


def test_crm_observers(client):
    assert set(_mechanisms(client)["CRM"]["observers"]) == {"ARG", "COL", "ECU", "JAM", "PER"}


def test_members_on_a_date(client):
    before = _mechanisms(client, on="2023-01-01")["OAS"]["members"]
    after = _mechanisms(client, on="2024-01-01")["OAS"]["members"]
    assert "NIC" in before and "NIC" not in after


def test_mechanism_detail_has_memberships_with_sources(client):
    response = client.get("/api/v1/mechanisms/crm")
    assert response.status_code == 200
    data = response.json()
    assert data["acronym"] == "CRM"
    assert data["names"]["fr"]
    sources = {source["key"] for source in data["sources"]}
    assert all(membership["source"] in sources for membership in data["memberships"])


def test_names_follow_the_request_language(client):
    data = client.get("/api/v1/mechanisms/CSM", HTTP_ACCEPT_LANGUAGE="en").json()
    assert data["name"] == data["names"]["en"]


def test_unknown_mechanism_is_a_problem_document(client):
    response = client.get("/api/v1/mechanisms/NOPE")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 404


def test_countries(client):
    countries = {c["iso3"]: c for c in client.get("/api/v1/countries").json()}
    assert len(countries) == 60
    assert countries["CUW"]["sovereign"] is False
    assert countries["NIC"]["oas_member"] is False
    assert countries["MEX"]["oas_member"] is True
    assert countries["ESP"]["subregion"] == "southern_europe"
    assert countries["BRA"]["names"]["fr"] == "Brésil"


def test_country_detail(client):
    data = client.get("/api/v1/countries/nic").json()
    oas = [p for p in data["participations"] if p["mechanism"] == "OAS"]
    assert oas and oas[0]["until"] == "2023-11-19" and oas[0]["current"] is False


def test_themes_have_four_labels_and_crosswalks(client):
    themes = client.get("/api/v1/themes").json()
    assert len(themes) >= 40
    for theme in themes:
        assert set(theme["labels"]) == set(LANGUAGE_CODES)
    assert any(link["framework"] == "gcm" for theme in themes for link in theme["crosswalk"])


def test_openapi_schema_lists_the_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (
        "/api/v1/mechanisms",
        "/api/v1/mechanisms/{acronym}",
        "/api/v1/countries",
        "/api/v1/countries/{iso3}",
        "/api/v1/themes",
    ):
        assert path in paths


def test_the_schema_documents_every_error_as_problem_details(client):
    schema = client.get("/api/v1/openapi.json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert "404" in responses, (method, path)
            for code, response in responses.items():
                if int(code) >= 400:
                    assert list(response["content"]) == ["application/problem+json"], (code, path)
            if operation.get("security"):
                assert {"401", "403", "429"} <= set(responses), (method, path)


def test_a_body_that_is_not_an_object_and_a_date_that_is_a_number_are_refused(client):
    assert client.get("/api/v1/synergy/opportunities?on=0").status_code == 422
    assert (
        client.get(
            "/api/v1/statistics/migrant-stock?area=019&year=99999999999999999999"
        ).status_code
        == 422
    )


def test_reads_carry_etag_and_last_modified_and_answer_304(client):
    first = client.get("/api/v1/mechanisms")
    assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
    again = client.get("/api/v1/mechanisms", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    since = client.get("/api/v1/mechanisms", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_search_results_link_to_the_next_and_previous_pages(client):
    first = client.get("/api/v1/practices?q=&page=1").json()
    assert first["pages"] > 1 and first["previous"] is None
    assert "page=2" in first["next"]
    second = client.get(first["next"])
    assert 'rel="previous"' in second["Link"] and 'rel="next"' in second["Link"]
    assert second.json()["page"] == 2


def test_public_pages_are_served_from_the_cache_until_the_data_change(client, settings):
    from django.core.cache import cache

    from sinergia.accounts.services import SystemActor, audit_record

    settings.SINERGIA_PUBLIC_CACHE_SECONDS = 600
    cache.clear()
    first = client.get("/en/mechanisms/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        again = client.get("/en/mechanisms/")
    assert again.content == first.content
    assert len(queries) <= 3  # the data version, not the page's own queries
    audit_record(actor=SystemActor("test"), action="test.write")
    with CaptureQueriesContext(connection) as queries:
        client.get("/en/mechanisms/")
    assert len(queries) > 3  # built again after the write
