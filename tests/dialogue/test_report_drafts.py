"""The secretariat edits the consolidated report: a draft per session and language, filled
from the data; its edits show in the three formats at once; a final version is stored and
served byte for byte, whatever arrives later; a new draft starts from it."""

from __future__ import annotations

import hashlib
import io
import re
from html import unescape

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from pypdf import PdfReader

from sinergia.accounts.models import AuditEntry
from sinergia.dialogue import report_services
from sinergia.dialogue.models import ReportStatus
from tests.dialogue.factories import ContributionFactory, session_with_contributions
from tests.factories import secretariat_user
from tests.practices.helpers import state_focal_point

pytestmark = pytest.mark.django_db

EDIT = "La secretaría destaca el **consenso** sobre la protección de la niñez migrante."


@pytest.fixture
def session():
    return session_with_contributions()


@pytest.fixture
def secretariat():
    return secretariat_user()


def _text(fmt: str, content: bytes) -> str:
    if fmt == "pdf":
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    elif fmt == "docx":
        document = docx.Document(io.BytesIO(content))
        header = document.sections[0].header  # the running header holds the symbol
        text = " ".join(p.text for p in [*header.paragraphs, *document.paragraphs])
    else:
        text = unescape(re.sub(r"<[^>]+>", "", content.decode()))
    return " ".join(text.split())


def _save(actor, draft, **changes):
    data = report_services.DraftData(
        symbol=draft.symbol,
        summary=draft.summary,
        conclusions=draft.conclusions,
        opportunities=draft.opportunities,
        quotes=draft.quotes,
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return report_services.report_draft_update(actor=actor, draft=draft, data=data)


def test_a_draft_is_filled_from_the_data_and_only_the_secretariat_opens_it(session, secretariat):
    with pytest.raises(PermissionDenied):
        report_services.report_draft_open(
            actor=state_focal_point("COL"), session=session, language="es"
        )
    draft = report_services.report_draft_open(actor=secretariat, session=session, language="es")
    # Sinergia's opportunities and quotes; its summary and conclusions, in step with the data,
    # until the secretariat writes its own.
    assert draft.opportunities and set(draft.quotes) == set(draft.opportunities)
    assert draft.summary == "" and draft.conclusions == ""
    again = report_services.report_draft_open(actor=secretariat, session=session, language="es")
    assert again.pk == draft.pk  # one open draft per session and language
    assert AuditEntry.objects.filter(action="report.draft_open").count() == 1


def test_an_edit_to_the_summary_appears_in_all_three_formats(client, session, secretariat):
    """In the secretariat's preview at once; the public reads it once it is final."""
    draft = report_services.report_draft_open(actor=secretariat, session=session, language="es")
    _save(secretariat, draft, summary=EDIT, symbol="OEA/Ser.W CIDI/CAM/doc.X/23")
    preview = f"/es/dialogue/{session.pk}/drafts/es/preview"
    assert client.get(f"{preview}.html").status_code == 302  # not signed in: sign-in page
    client.force_login(secretariat)
    for fmt in ("html", "pdf", "docx"):
        response = client.get(f"{preview}.{fmt}")
        assert response["Cache-Control"] == "private, no-store"
        text = _text(fmt, response.content)
        assert "La secretaría destaca el consenso sobre la protección" in text, fmt
        assert "CIDI/CAM/doc.X/23" in text, fmt
    html = client.get(f"{preview}.html")
    assert "<strong>consenso</strong>" in html.content.decode()
    assert html["Content-Disposition"].startswith("inline")
    entry = AuditEntry.objects.get(action="report.draft_update")
    assert entry.changes["summary"][1] == EDIT
    client.logout()
    public = client.get(f"/es/dialogue/{session.pk}/report.es.html").getvalue().decode()
    assert "La secretaría destaca" not in public  # a draft half-written is never public
    assert client.post(f"/es/dialogue/{session.pk}/drafts/es/final/").status_code == 302
    client.force_login(secretariat)
    refused = client.post(f"/es/dialogue/{session.pk}/drafts/es/final/", follow=True)
    assert "Marque la casilla" in refused.content.decode()  # the confirmation is asked for
    done = client.post(f"/es/dialogue/{session.pk}/drafts/es/final/", {"confirm": "yes"})
    assert done.status_code == 302
    client.logout()
    for fmt in ("html", "pdf", "docx"):
        response = client.get(f"/es/dialogue/{session.pk}/report.es.{fmt}", follow=True)
        assert "La secretaría destaca el consenso" in _text(fmt, response.getvalue()), fmt


def test_markdown_from_the_secretariat_is_rendered_safely(session, secretariat):
    from sinergia.dialogue.report import report_build, report_render
    from sinergia.dialogue.report.drafts import draft_edits

    draft = report_services.report_draft_open(actor=secretariat, session=session, language="en")
    draft = _save(
        secretariat, draft, conclusions="Fine <script>alert(1)</script> [x](javascript:alert(1))"
    )
    html = report_render(report_build(session, "en", draft_edits(draft)), "html").decode()
    assert "<script>alert(1)" not in html and "javascript:" not in html


def test_the_secretariat_chooses_the_opportunities_and_their_order(session, secretariat):
    from sinergia.dialogue.report import report_build
    from sinergia.dialogue.report.drafts import draft_edits

    draft = report_services.report_draft_open(actor=secretariat, session=session, language="en")
    first, second = draft.opportunities[0], draft.opportunities[1]
    draft = _save(secretariat, draft, opportunities=[second, first], quotes={first: []})
    report = report_build(session, "en", draft_edits(draft))
    shown = next(s for s in report.sections if s.key == "opportunities").subsections
    assert [s.key for s in shown] == [f"opportunity-{second}", f"opportunity-{first}"]
    unquoted = shown[1]
    assert not [b for b in unquoted.blocks if type(b).__name__ == "Quote"]
    summary = next(s for s in report.sections if s.key == "summary")
    assert "2 coordination opportunities" in " ".join(b.text for b in summary.blocks)


def test_a_final_version_is_byte_identical_after_new_contributions(client, session, secretariat):
    draft = report_services.report_draft_open(actor=secretariat, session=session, language="es")
    draft = _save(secretariat, draft, summary=EDIT)
    final = report_services.report_draft_finalize(actor=secretariat, draft=draft)
    assert final.status == ReportStatus.FINAL
    stored = {f.fmt: f for f in final.files.all()}
    assert set(stored) == {"html", "pdf", "docx"}
    before = {}
    for fmt, file in stored.items():
        response = client.get(f"/es/dialogue/{session.pk}/report.es.{fmt}", follow=True)
        before[fmt] = b"".join(response.streaming_content)
        assert hashlib.sha256(before[fmt]).hexdigest() == file.sha256
    assert "BORRADOR" not in _text("pdf", before["pdf"])  # a final is no draft
    ContributionFactory(
        participant=session.participants.get(mechanism__acronym="CSM"),
        statement="Texto que llega después de la versión final.",
    )
    for fmt in stored:
        response = client.get(f"/es/dialogue/{session.pk}/report.es.{fmt}", follow=True)
        assert b"".join(response.streaming_content) == before[fmt]
    with pytest.raises(ValidationError):
        _save(secretariat, final, summary="Otra cosa")
    with pytest.raises(ValidationError):
        report_services.report_draft_finalize(actor=secretariat, draft=final)
    # A new draft starts from the final version; the final stays as it was.
    new = report_services.report_draft_from_final(actor=secretariat, final=final)
    assert new.summary == EDIT and new.based_on == final and new.status == ReportStatus.DRAFT
    response = client.get(f"/es/dialogue/{session.pk}/report.es.pdf", follow=True)
    assert b"".join(response.streaming_content) == before["pdf"]
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"report.finalize", "report.draft_from_final"} <= actions


@pytest.mark.parametrize("language", ["es", "en", "fr", "pt"])
def test_the_pages_to_edit_the_report_in_every_language(client, session, secretariat, language):
    client.force_login(secretariat)
    page = client.get(f"/{language}/dialogue/{session.pk}/drafts/")
    assert page.status_code == 200
    response = client.post(f"/{language}/dialogue/{session.pk}/drafts/es/start/")
    assert response.status_code == 302
    edit = client.get(f"/{language}/dialogue/{session.pk}/drafts/es/")
    body = edit.content.decode()
    assert edit.status_code == 200 and 'name="summary"' in body and 'name="opportunity"' in body
    assert f'<html lang="{language}"' in body


def test_the_edit_page_saves_the_choices_and_refuses_others(client, session, secretariat):
    client.get(f"/es/dialogue/{session.pk}/drafts/")  # anonymous: to the sign-in page
    assert client.get(f"/es/dialogue/{session.pk}/drafts/").status_code == 302
    client.force_login(state_focal_point("COL"))
    assert client.get(f"/es/dialogue/{session.pk}/drafts/").status_code == 403
    client.force_login(secretariat)
    client.post(f"/es/dialogue/{session.pk}/drafts/es/start/")
    from sinergia.dialogue.report.drafts import draft_open

    draft = draft_open(session, "es")
    key = draft.opportunities[2]
    response = client.post(
        f"/es/dialogue/{session.pk}/drafts/es/",
        {
            "symbol": "OEA/Ser.W  CIDI/CAM/doc.7/23",
            "summary": EDIT,
            "conclusions": "",
            "opportunity": [key],
            f"order-{key}": "1",
            f"quote-{key}": draft.quotes[key][:1],
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.symbol == "OEA/Ser.W CIDI/CAM/doc.7/23"
    assert draft.opportunities == [key] and draft.quotes[key] == draft.quotes[key][:1]
    assert (
        client.post(f"/es/dialogue/{session.pk}/drafts/es/final/", {"confirm": "yes"}).status_code
        == 302
    )
    draft.refresh_from_db()
    assert draft.status == ReportStatus.FINAL


def test_the_edit_page_offers_sinergias_texts_to_start_from(client, session, secretariat):
    client.force_login(secretariat)
    client.post(f"/es/dialogue/{session.pk}/drafts/es/start/")
    body = unescape(client.get(f"/es/dialogue/{session.pk}/drafts/es/").content.decode())
    assert "Se registraron 12 contribuciones" in body and "- Que " in body
    assert "Propuestas por Sinergia" not in body  # a notice about the text, not the text


def test_the_secretariat_puts_the_quotes_of_an_opportunity_in_its_own_order(
    client, session, secretariat
):
    from sinergia.dialogue import selectors
    from sinergia.dialogue.report import report_build
    from sinergia.dialogue.report.drafts import draft_edits, draft_open
    from sinergia.dialogue.report.evidence import opportunity_options

    client.force_login(secretariat)
    client.post(f"/es/dialogue/{session.pk}/drafts/es/start/")
    draft = draft_open(session, "es")
    options = opportunity_options(
        session, selectors.participants_visible(session, secretariat), "es"
    )
    option = next(o for o in options if len(o.quotes) >= 2)
    first, second = option.quotes[0].key, option.quotes[1].key
    response = client.post(
        f"/es/dialogue/{session.pk}/drafts/es/",
        {
            "symbol": draft.symbol,
            "summary": draft.summary,
            "conclusions": draft.conclusions,
            "opportunity": [option.key],
            f"order-{option.key}": "1",
            f"quote-{option.key}": [first, second],
            f"quote-order-{option.key}-1": "2",
            f"quote-order-{option.key}-2": "1",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.quotes[option.key] == [second, first]
    report = report_build(session, "es", draft_edits(draft))
    shown = next(s for s in report.sections if s.key == "opportunities").subsections[0]
    assert [b.key for b in shown.blocks if type(b).__name__ == "Quote"] == [second, first]
    page = client.get(f"/es/dialogue/{session.pk}/drafts/es/").content.decode()
    assert f'name="quote-order-{option.key}-2" id="quote-order-{option.key}-2" value="1"' in page


def test_the_symbol_and_date_given_in_one_language_reach_the_other_drafts(session, secretariat):
    import datetime

    spanish = report_services.report_draft_open(actor=secretariat, session=session, language="es")
    english = report_services.report_draft_open(actor=secretariat, session=session, language="en")
    _save(
        secretariat,
        spanish,
        symbol="OEA/Ser.W CIDI/CAM/doc.7/23",
        document_date=datetime.date(2023, 6, 1),
    )
    english.refresh_from_db()
    assert english.symbol == "OEA/Ser.W CIDI/CAM/doc.7/23"
    assert english.document_date == datetime.date(2023, 6, 1)
    assert AuditEntry.objects.filter(
        action="report.draft_update", object_id=str(english.pk), changes__has_key="symbol"
    ).exists()
    # a language opened later starts from the symbol and date the others carry
    french = report_services.report_draft_open(actor=secretariat, session=session, language="fr")
    assert french.symbol == "OEA/Ser.W CIDI/CAM/doc.7/23"
    assert french.document_date == datetime.date(2023, 6, 1)
