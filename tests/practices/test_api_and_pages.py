"""The practice API and pages: search for everyone, writes for the people entitled to them."""

from __future__ import annotations

import re

import pytest
from django.utils import translation

from sinergia.i18n import LANGUAGE_CODES
from sinergia.practices.models import Practice, Status
from tests.practices.helpers import reviewer, state_focal_point

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English, whatever the default language."""
    with translation.override("en"):
        yield


NEW = {
    "title": "Ventanilla única para personas retornadas",
    "summary": "Atención integral a personas migrantes retornadas: documentación, empleo y salud.",
    "language": "es",
    "countries": ["SLV"],
}


def test_search_endpoint_shape(client):
    body = client.get("/api/v1/practices", {"q": "refugees", "language": "en"}).json()
    assert body["count"] >= 1
    hit = body["results"][0]
    assert {"id", "external_id", "title", "language", "countries", "themes", "snippet"} <= set(hit)
    assert set(body["facets"]) >= {"country", "theme", "language", "year"}
    several = client.get("/api/v1/practices", {"country": "COL,PER"}).json()
    assert several["count"] >= 2


def test_writes_need_a_session(client):
    response = client.post("/api/v1/practices", NEW, content_type="application/json")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


def test_a_focal_point_creates_submits_and_a_reviewer_publishes_over_the_api(client):
    client.force_login(state_focal_point("SLV"))
    created = client.post("/api/v1/practices", NEW, content_type="application/json")
    assert created.status_code == 201, created.content
    practice_id = created.json()["id"]
    assert created.json()["status"] == "draft"
    patched = client.patch(
        f"/api/v1/practices/{practice_id}", {"year": 2019}, content_type="application/json"
    )
    assert patched.json()["year"] == 2019
    other_country = client.post(
        "/api/v1/practices", {**NEW, "countries": ["HND"]}, content_type="application/json"
    )
    assert other_country.status_code == 422
    submitted = client.post(
        f"/api/v1/practices/{practice_id}/transitions",
        {"action": "submit"},
        content_type="application/json",
    )
    assert submitted.json()["status"] == "submitted"
    refused = client.post(
        f"/api/v1/practices/{practice_id}/transitions",
        {"action": "publish"},
        content_type="application/json",
    )
    assert refused.status_code == 403
    client.force_login(reviewer())
    published = client.post(
        f"/api/v1/practices/{practice_id}/transitions",
        {"action": "publish"},
        content_type="application/json",
    )
    assert published.json()["status"] == "published"
    client.logout()
    assert client.get(f"/api/v1/practices/{practice_id}").status_code == 200


@pytest.mark.parametrize("language", list(LANGUAGE_CODES))
def test_pages_in_every_language(client, language):
    practice = Practice.objects.filter(status=Status.PUBLISHED).first()
    assert client.get(f"/{language}/practices/").status_code == 200
    assert client.get(f"/{language}/practices/{practice.pk}/").status_code == 200
    assert (
        client.get(f"/{language}/practices/", {"q": "salud", "country": "COL"}).status_code == 200
    )


def test_the_form_keeps_what_was_typed_and_names_the_field(client):
    client.force_login(state_focal_point("SLV"))
    response = client.post(
        "/es/practices/new/",
        {"title": "Mi práctica", "summary": "", "language": "es", "countries": ["SLV"]},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Mi práctica"' in html
    assert 'class="error"' in html
    # one summary at the top, linking each problem to its field
    summary = html.split('class="error-summary"', 1)[1].split("</div>", 1)[0]
    assert 'href="#id_summary"' in summary and '<div class="error-summary" role="alert"' in html


def test_a_state_focal_point_starts_with_its_own_country_ticked(client):
    client.force_login(state_focal_point("SLV"))
    html = client.get("/es/practices/new/").content.decode()
    assert '<option value="SLV" selected>' in html


def test_markdown_is_sanitised(client):
    from sinergia.practices.rendering import render_markdown

    html = render_markdown("Hola <script>alert(1)</script> [x](javascript:alert(1)) **bien**")
    assert "<script" not in html and "javascript:" not in html and "<strong>bien</strong>" in html


def test_attachments_are_checked_by_content(client, tmp_path, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    client.force_login(state_focal_point("SLV"))
    practice_id = client.post("/api/v1/practices", NEW, content_type="application/json").json()[
        "id"
    ]
    fake = SimpleUploadedFile(
        "informe.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"
    )
    client.post(f"/es/practices/{practice_id}/files/", {"file": fake})
    assert not Practice.objects.get(pk=practice_id).attachments.exists()
    real = SimpleUploadedFile("informe.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    client.post(f"/es/practices/{practice_id}/files/", {"file": real})
    attachment = Practice.objects.get(pk=practice_id).attachments.get()
    assert attachment.content_type == "application/pdf"
    client.logout()
    # Not published: the file is not public either.
    assert client.get(f"/es/practices/{practice_id}/files/{attachment.token}").status_code == 404


def test_a_reviewer_adds_a_machine_translation_and_readers_see_it_marked(client):
    practice = Practice.objects.get(title__startswith="Operação Acolhida")
    client.force_login(reviewer())
    client.post(
        f"/en/practices/{practice.pk}/translations/",
        {
            "language": "en",
            "title": "Operation Welcome",
            "summary": "Humanitarian reception of Venezuelans in Brazil.",
            "kind": "machine",
        },
    )
    client.logout()
    html = client.get(f"/en/practices/{practice.pk}/").content.decode()
    assert "Operation Welcome" in html
    assert "Machine translation" in html
    html = client.get(f"/es/practices/{practice.pk}/").content.decode()
    assert "Operação Acolhida" in html  # no Spanish translation: the original, with a notice


def test_a_filter_ticked_beyond_the_most_frequent_values_stays_ticked_on_the_page(client):
    """The sidebar shows each facet's twelve most frequent values; a value the reader ticked
    further down the list is shown too, ticked, so that applying other filters keeps it."""
    from sinergia.practices.search import SearchQuery, practice_search

    countries = practice_search(SearchQuery()).facets["country"]
    assert len(countries) > 13
    rare, _count = countries[13]
    html = client.get(f"/en/practices/?country={rare}").content.decode()
    checkbox = re.search(rf'<input type="checkbox"[^>]*name="country" value="{rare}"[^>]*>', html)
    assert checkbox and "checked" in checkbox.group(0)
    assert f'<input type="hidden" name="country" value="{rare}">' in html
    others = [value for value, _ in countries[12:] if value != rare]
    assert not any(f'name="country" value="{value}"' in html for value in others)
