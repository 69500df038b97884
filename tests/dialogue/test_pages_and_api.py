"""The dialogue's pages and API as their users meet them."""

from __future__ import annotations

import io

import pytest
from docx import Document

from sinergia.dialogue.models import Contribution, Session
from sinergia.i18n import LANGUAGE_CODES
from tests.dialogue.factories import ContributionFactory
from tests.factories import secretariat_user
from tests.practices.helpers import mechanism_focal_point, state_focal_point

pytestmark = pytest.mark.django_db


@pytest.fixture
def session():
    return Session.objects.get(key="cam-2023-05-09")


@pytest.mark.parametrize("language", list(LANGUAGE_CODES))
def test_the_session_page_shows_questions_participants_and_report_downloads(
    client, session, language
):
    page = client.get(f"/{language}/dialogue/{session.pk}/").content.decode()
    question = session.questions.get(number=2).text[language]
    assert question.replace("'", "&#x27;") in page
    assert "Proceso de Quito" in page or "Quito Process" in page or "QUITO" in page
    assert f"/{language}/dialogue/{session.pk}/report.es.pdf" in page
    assert f"/{language}/dialogue/{session.pk}/report.en.docx" in page
    assert client.get(f"/{language}/dialogue/").status_code == 200
    assert client.get(f"/{language}/follow-up/").status_code == 200
    assert client.get(f"/{language}/meetings/").status_code == 200


def test_a_focal_point_submits_through_the_form_and_bad_input_keeps_what_was_typed(client, session):
    client.force_login(state_focal_point("COL"))
    form = client.get(f"/en/dialogue/{session.pk}/contribute/").content.decode()
    assert 'value="country:COL"' in form
    assert "country:PER" not in form
    typed = "Colombia shares its temporary protection statute with the Quito Process."
    response = client.post(
        f"/en/dialogue/{session.pk}/contribute/",
        {"participant": "country:COL", "question": "9", "language": "en", "statement": typed,
         "status": "submitted"},
    )  # fmt: skip
    assert response.status_code == 200
    assert typed in response.content.decode()
    assert not Contribution.objects.exists()
    response = client.post(
        f"/en/dialogue/{session.pk}/contribute/",
        {"participant": "country:COL", "question": "1", "language": "en", "good_practices": typed,
         "status": "submitted"},
    )  # fmt: skip
    contribution = Contribution.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(
        f"/contributions/{contribution.pk}/"
    )
    page = client.get(response["Location"]).content.decode()
    assert typed in page and "QUITO" in page


def test_someone_else_cannot_open_the_form_or_see_a_draft(client, session):
    crm = session.participants.get(mechanism__acronym="CRM")
    draft = ContributionFactory(participant=crm, status="draft", statement="Borrador del CRM")
    assert client.get(f"/es/contributions/{draft.pk}/").status_code == 404
    assert "Borrador del CRM" not in client.get(f"/es/dialogue/{session.pk}/").content.decode()
    assert client.get(f"/api/v1/contributions/{draft.pk}").status_code == 404
    client.force_login(mechanism_focal_point("CRM"))
    assert client.get(f"/es/contributions/{draft.pk}/").status_code == 200
    client.force_login(state_focal_point("PER", username="focal-per-2"))
    assert client.get(f"/es/contributions/{draft.pk}/").status_code == 404


def test_report_downloads_in_each_format(client, session):
    ContributionFactory(participant=session.participants.get(mechanism__acronym="CSM"))
    pdf = client.get(f"/es/dialogue/{session.pk}/report.es.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.getvalue().startswith(b"%PDF")
    assert "attachment" in pdf["Content-Disposition"]
    docx = client.get(f"/en/dialogue/{session.pk}/report.en.docx")
    title = next(
        p for p in Document(io.BytesIO(docx.getvalue())).paragraphs if p.style.name == "Title"
    )
    assert title.text == "Consolidated report"
    html = client.get(f"/en/dialogue/{session.pk}/report.en.html").getvalue().decode()
    assert '<html lang="en">' in html
    assert client.get(f"/en/dialogue/{session.pk}/report.xx.pdf").status_code == 404


def test_the_secretariat_edits_a_question_and_records_an_action(client, session):
    client.force_login(secretariat_user())
    response = client.post(
        f"/en/dialogue/{session.pk}/questions/1/edit/",
        {**session.questions.get(number=1).text, "fr": "Question officielle ?"},
    )
    assert response.status_code == 302
    assert session.questions.get(number=1).text["fr"] == "Question officielle ?"
    response = client.post(
        f"/en/dialogue/{session.pk}/actions/",
        {
            "description": "Share the calendar",
            "language": "en",
            "owners": ["mechanism:CRM", "country:MEX"],
        },
    )
    assert response.status_code == 302
    assert session.actions.get().owner_codes == ["CRM", "MEX"]


def test_api_sessions_contributions_and_actions(client, session):
    listed = client.get("/api/v1/sessions").json()
    assert listed[0]["key"] == "cam-2023-05-09"
    detail = client.get(f"/api/v1/sessions/{session.pk}").json()
    assert len(detail["questions"]) == 2 and detail["questions"][0]["text"]["es"]
    assert detail["reports"]["es.pdf"].endswith("report.es.pdf")

    body = {
        "country": "COL",
        "question": 2,
        "language": "es",
        "coordination": "Mesa conjunta con el MIRPS.",
    }
    anonymous = client.post(
        f"/api/v1/sessions/{session.pk}/contributions", body, content_type="application/json"
    )
    assert anonymous.status_code == 401
    client.force_login(state_focal_point("COL"))
    created = client.post(
        f"/api/v1/sessions/{session.pk}/contributions", body, content_type="application/json"
    )
    assert created.status_code == 201, created.content
    assert created.json()["mentioned_mechanisms"] == ["MIRPS"]
    crm = session.participants.get(mechanism__acronym="CRM")
    refused = client.post(
        f"/api/v1/sessions/{session.pk}/contributions",
        {**body, "country": None, "participant": crm.pk},
        content_type="application/json",
    )
    assert refused.status_code == 403
    assert refused["Content-Type"] == "application/problem+json"
    invalid = client.post(
        f"/api/v1/sessions/{session.pk}/contributions",
        {**body, "coordination": ""},
        content_type="application/json",
    )
    assert invalid.status_code == 422 and "statement" in invalid.json()["detail"]
    listed = client.get(f"/api/v1/sessions/{session.pk}/contributions").json()
    assert [c["participant"]["country"] for c in listed] == ["COL"]
    assert client.get("/api/v1/actions").json() == []


def test_the_secretariat_creates_a_session_and_adds_participants(client):
    client.force_login(secretariat_user())
    mismatched = client.post(
        "/es/dialogue/new/",
        {"date": "2026-05-12", "convener": "CAM", "title_es": "Sesión 2026", "title_en": "2026 session",
         "questions_es": "¿Uno?\n¿Dos?", "questions_en": "One?"},
    )  # fmt: skip
    assert mismatched.status_code == 200 and "Sesión 2026" in mismatched.content.decode()
    response = client.post(
        "/es/dialogue/new/",
        {"date": "2026-05-12", "convener": "CAM", "title_es": "Sesión 2026", "title_en": "2026 session",
         "questions_es": "¿Uno?\n¿Dos?", "questions_en": "One?\nTwo?", "agenda_es": "Apertura",
         "agenda_en": "Opening"},
    )  # fmt: skip
    created = Session.objects.get(key="cam-2026-05-12")
    assert response["Location"].endswith(f"/dialogue/{created.pk}/")
    assert [q.text["en"] for q in created.questions.all()] == ["One?", "Two?"]
    client.post(
        f"/es/dialogue/{created.pk}/participants/", {"party": "mechanism:CSM", "role": "panelist"}
    )
    client.post(
        f"/es/dialogue/{created.pk}/participants/",
        {"organization": "ACNUR", "role": "organization"},
    )
    assert sorted(p.name for p in created.participants.all())[0] == "ACNUR"
    assert created.participants.count() == 2
    client.force_login(state_focal_point("COL"))
    assert client.get("/es/dialogue/new/").status_code == 403
    client.post(
        f"/es/dialogue/{created.pk}/participants/", {"party": "country:COL", "role": "delegation"}
    )
    assert created.participants.count() == 2


def test_joining_and_contributing_is_one_operation_on_the_page_and_the_api(client, session):
    """A delegation joins the session with its first contribution, or not at all: a refused
    contribution leaves no participant and no audit entry, whichever door it came through."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sinergia.accounts.models import AuditEntry

    client.force_login(state_focal_point("COL"))
    entries = AuditEntry.objects.count()
    assert not session.participants.filter(country__iso3="COL").exists()
    # Through the API: refused after the delegation would have joined (nothing said).
    api = client.post(
        f"/api/v1/sessions/{session.pk}/contributions",
        {"country": "COL", "question": 2, "language": "es"},
        content_type="application/json",
    )
    assert api.status_code == 422
    # Through the page: refused after the contribution would have been saved (a bad file).
    page = client.post(
        f"/en/dialogue/{session.pk}/contribute/",
        {"participant": "country:COL", "question": "1", "language": "en",
         "good_practices": "Temporary protection statute.", "status": "submitted",
         "file": SimpleUploadedFile("statement.pdf", b"MZ not a pdf at all")},
    )  # fmt: skip
    assert page.status_code == 200
    assert not session.participants.filter(country__iso3="COL").exists()
    assert not Contribution.objects.exists()
    assert AuditEntry.objects.count() == entries
    # Accepted through the API: the delegation joins and speaks, audited together.
    created = client.post(
        f"/api/v1/sessions/{session.pk}/contributions",
        {"country": "COL", "question": 2, "language": "es", "coordination": "Mesa conjunta."},
        content_type="application/json",
    )
    assert created.status_code == 201
    assert session.participants.filter(country__iso3="COL").count() == 1
    actions = set(AuditEntry.objects.values_list("action", flat=True)[:2])
    assert actions == {"participant.join", "contribution.create"}
