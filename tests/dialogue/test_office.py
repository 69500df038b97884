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


SYMBOL = "OEA/Ser.W CIDI/CAM/doc.X/23"
MUST_SHOW = {
    "es": {
        "words": ["Original: español", "Resumen ejecutivo", "Conclusiones y recomendaciones"],
        "figure": "73,5 millones",
        "never": ["73.5 millones", "73.5 million "],
    },
    "en": {
        "words": ["Original: Spanish", "Executive summary", "Conclusions and recommendations"],
        "figure": "73.5 million",
        "never": ["73,5 millones", "73.5 millones"],
    },
}


def _pdftotext(path) -> str:
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "run `make office`"
    result = subprocess.run(
        [pdftotext, "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True, text=True
    )
    return result.stdout


def _pages(path) -> int:
    return _pdftotext(path).count("\f")


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_report_of_twelve_contributions_reads_as_a_committee_document(language, tmp_path):
    import re

    from sinergia.dialogue.report import Edits
    from tests.dialogue.factories import session_with_contributions
    from tests.dialogue.test_report import SECTION_HEADINGS

    session = session_with_contributions()
    report = report_build(session, language, Edits(symbol=SYMBOL))
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(report_render(report, "pdf"))
    text = normalized(_pdftotext(pdf))
    expected = MUST_SHOW[language]
    assert "OEA/Ser.W" in text and "CIDI/CAM/doc.X/23" in text
    for words in [*expected["words"], *SECTION_HEADINGS[language]]:
        assert words in text, words
    assert expected["figure"] in text
    for wrong in expected["never"]:
        assert wrong not in text
    # No quote is dated after the session (9 May 2023): every year cited in an attribution
    # is 2023 or before, and no 2023 date after May.
    opportunities = text.split(SECTION_HEADINGS[language][7], 1)[1]
    years = [int(y) for y in re.findall(r"· (?:[^·]*?)(\d{4}) · ", opportunities)]
    assert years and max(years) <= 2023
    # The DOCX, opened and laid out by LibreOffice, has as many pages give or take one.
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "run `make office`"
    document = tmp_path / "report.docx"
    document.write_bytes(report_render(report, "docx"))
    subprocess.run(
        [soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile",
         "--convert-to", "pdf", "--outdir", str(tmp_path / "lo"), str(document)],
        capture_output=True, check=True, timeout=240,
    )  # fmt: skip
    assert abs(_pages(pdf) - _pages(tmp_path / "lo" / "report.pdf")) <= 1
    converted = normalized(_pdftotext(tmp_path / "lo" / "report.pdf"))
    assert SYMBOL in converted and expected["figure"] in converted
