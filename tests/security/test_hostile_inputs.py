"""A corpus of hostile inputs through forms, the API and the importers: each is refused with
a clear error or stored and shown inert. Run on SQLite and PostgreSQL alike."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sinergia.accounts.tokens import token_create
from sinergia.dialogue.models import Contribution, Session
from sinergia.practices.importing import ImportProblem, read_rows
from sinergia.practices.models import Attachment, Practice
from tests.practices.helpers import mechanism_focal_point, state_focal_point

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('x')</script>"
IMG = '"><img src=x onerror=alert(1)>'
SQL = "'; DROP TABLE practices_practice; --"
TRAVERSAL = "../../../../etc/passwd"
NUL = "texto\x00oculto"
HOSTILE_TEXT = [SCRIPT, IMG, SQL, TRAVERSAL, "javascript:alert(1)", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✓ ñ ☃ \u202eRTL"]


def bearer(user, **scope):
    _token, secret = token_create(actor=user, name="t", **scope)
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_practice_text_is_stored_and_shown_inert(client, text):
    headers = bearer(state_focal_point("COL"), country="COL")
    body = {"title": f"Práctica {text}", "summary": f"Resumen {text}", "language": "es",
            "countries": ["COL"], "body": f"Texto {text}\n\n<a href='javascript:alert(1)'>x</a>"}  # fmt: skip
    created = client.post("/api/v1/practices", body, content_type="application/json", **headers)
    assert created.status_code == 201, created.content
    practice = Practice.objects.get(pk=created.json()["id"])
    client.force_login(practice.created_by)
    page = client.get(f"/es/practices/{practice.pk}/").content.decode()
    assert "<script>alert" not in page and "onerror=alert" not in page.replace("&quot;", '"').split(
        "<body", 1
    )[1].replace("onerror=alert(1)&gt;", "")
    assert (
        "javascript:alert" not in page.split('href="', 1)[1] if 'href="javascript' in page else True
    )
    assert Practice.objects.count() > 1  # the table is still there


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/practices?q={text}",
        "/es/practices/?q={text}",
        "/api/v1/mechanisms?theme={text}",
        "/es/mechanisms/?name={text}",
        "/api/v1/meetings?mechanism=CRM",
        "/es/statistics/check/?text={text}",
    ],
)
@pytest.mark.parametrize("text", [SQL, SCRIPT, TRAVERSAL, "%00", "%ff%fe", "🙂" * 500])
def test_queries_are_answered_without_an_error(client, path, text):
    response = client.get(path.format(text=text))
    assert response.status_code in {200, 400, 422}, response.content[:300]
    if response.status_code == 200 and "html" in response["Content-Type"]:
        assert "<script>alert" not in response.content.decode()


def test_a_nul_character_is_refused_with_the_field_named(client):
    headers = bearer(state_focal_point("COL"), country="COL")
    body = {"title": NUL, "summary": "Resumen", "language": "es", "countries": ["COL"]}
    response = client.post("/api/v1/practices", body, content_type="application/json", **headers)
    assert response.status_code == 422 and "title" in response.json()["detail"]
    assert client.get("/api/v1/practices", {"q": NUL}).status_code == 400


def test_a_body_that_is_not_utf8_json_is_refused(client):
    headers = bearer(mechanism_focal_point("CRM"), mechanism="CRM")
    response = client.post(
        "/api/v1/meetings", b"\xff\xfe{bad", content_type="application/json", **headers
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_oversized_text_is_refused_and_the_form_keeps_what_was_typed(client):
    session = Session.objects.get(key="cam-2023-05-09")
    client.force_login(state_focal_point("COL"))
    typed = "x" * 60_000
    response = client.post(
        f"/es/dialogue/{session.pk}/contribute/",
        {"participant": "country:COL", "question": "1", "language": "es", "statement": typed,
         "challenges": SCRIPT, "status": "submitted"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "&lt;script&gt;alert" in response.content.decode()  # kept, escaped
    assert not Contribution.objects.exists()


def test_hostile_uploads_are_refused_or_stored_under_a_random_name(client):
    author = state_focal_point("COL")
    client.force_login(author)
    from tests.practices.helpers import draft

    practice = draft(author)
    fake_pdf = SimpleUploadedFile(
        "informe.pdf", b"<html><script>alert(1)</script>", "application/pdf"
    )
    refused = client.post(f"/es/practices/{practice.pk}/files/", {"file": fake_pdf}, follow=True)
    assert (
        "Only PDF, DOCX, PNG and JPEG" in refused.content.decode()
        or "Solo se aceptan" in refused.content.decode()
    )
    zip_bomb_like = SimpleUploadedFile(
        "x.docx",
        b"PK\x03\x04" + b"\0" * 100,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    client.post(f"/es/practices/{practice.pk}/files/", {"file": zip_bomb_like})
    real = SimpleUploadedFile(TRAVERSAL + ".pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    client.post(f"/es/practices/{practice.pk}/files/", {"file": real})
    stored = Attachment.objects.get(practice=practice)
    assert stored.original_name == "passwd.pdf"
    assert ".." not in stored.file.name and stored.file.name.endswith(stored.token)
    download = client.get(f"/es/practices/{practice.pk}/files/{stored.token}")
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"


def test_the_importer_refuses_malformed_files_and_writes_nothing(tmp_path):
    before = Practice.objects.count()
    for name, content in [
        ("bad.json", b"{not json"),
        ("latin1.csv", "título\nPráctica".encode("latin-1")),
        ("list.json", json.dumps({"not": "a list"}).encode()),
        (
            "nul.json",
            json.dumps(
                [{"title": NUL, "summary": "s", "language": "es", "countries": ["COL"]}]
            ).encode(),
        ),
    ]:
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(ImportProblem) as problem:
            from sinergia.accounts.services import SystemActor
            from sinergia.practices.importing import practices_import

            practices_import(actor=SystemActor("test"), rows=read_rows(path))
        assert name in " ".join(problem.value.problems) or problem.value.problems
    assert Practice.objects.count() == before
