"""The reports as their readers open them: the PDF's text by pdftotext, the DOCX by
LibreOffice (which converts it to text, and so must open it)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from sinergia.dialogue.models import Session
from sinergia.dialogue.report import report_build, report_render
from tests.dialogue.factories import ContributionFactory
from tests.dialogue.test_report import SECTION_HEADINGS

pytestmark = [pytest.mark.office, pytest.mark.django_db]


def normalized(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def session():
    session = Session.objects.get(key="cam-2023-05-09")
    ContributionFactory(
        participant=session.participants.get(mechanism__acronym="MIRPS"),
        added_value="El MIRPS articula a siete Estados con una plataforma de apoyo.",
    )
    return session


@pytest.mark.parametrize("language", ["es", "en"])
def test_pdftotext_reads_every_section_and_both_questions(session, language, tmp_path):
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "run `make office`"
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(report_render(report_build(session, language), "pdf"))
    text = normalized(
        subprocess.run(
            [pdftotext, "-enc", "UTF-8", str(pdf), "-"],
            capture_output=True,
            check=True,
            text=True,
        ).stdout
    )
    for heading in SECTION_HEADINGS[language]:
        assert heading in text
    for question in session.questions.all():
        assert normalized(question.text_in(language)) in text
    assert "El MIRPS articula a siete Estados" in text


def test_libreoffice_opens_the_docx(session, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "run `make office`"
    document = tmp_path / "report.docx"
    document.write_bytes(report_render(report_build(session, "es"), "docx"))
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "txt:Text", "--outdir", str(tmp_path), str(document)],
        capture_output=True, check=True, timeout=180,
    )  # fmt: skip
    text = normalized((tmp_path / "report.txt").read_text(encoding="utf-8-sig"))
    for heading in SECTION_HEADINGS["es"]:
        assert heading in text
    for question in session.questions.all():
        assert normalized(question.text["es"]) in text
