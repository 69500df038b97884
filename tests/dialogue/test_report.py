"""The consolidated report: one content model, written as HTML, PDF and DOCX, holding every
section, both guiding questions, what participants said, and the figures with sources."""

from __future__ import annotations

import io
import zipfile
from html import unescape

import docx
import pytest
from django.utils.translation import override
from pypdf import PdfReader

from sinergia.accounts.services import SystemActor
from sinergia.dialogue import services
from sinergia.dialogue.models import ActionStatus, Session
from sinergia.dialogue.report import report_build, report_render
from tests.dialogue.factories import (
    ContributionFactory,
    delegation,
    mechanism_participant,
    session_with_contributions,
)

pytestmark = pytest.mark.django_db

SECTION_HEADINGS = {
    "es": [
        "Resumen ejecutivo",
        "Antecedentes",
        "La sesión",
        "Mecanismos y procesos",
        "Delegaciones de los Estados y otros participantes",
        "Temas transversales",
        "Oportunidades de coordinación",
        "Acciones de seguimiento",
        "Conclusiones y recomendaciones",
        "Anexo 1. Participantes",
        "Anexo 2. Fuentes",
    ],
    "en": [
        "Executive summary",
        "Background",
        "The session",
        "Mechanisms and processes",
        "State delegations and other participants",
        "Cross-cutting themes",
        "Coordination opportunities",
        "Follow-up actions",
        "Conclusions and recommendations",
        "Annex 1. Participants",
        "Annex 2. Sources",
    ],
}


@pytest.fixture
def session():
    session = Session.objects.get(key="cam-2023-05-09")
    crm = session.participants.get(mechanism__acronym="CRM")
    ContributionFactory(
        participant=crm,
        added_value="La CRM reúne a once Estados de Norte y Centroamérica desde 1996.",
        good_practices="Lineamientos regionales para la protección de niñez migrante no acompañada.",
    )
    ContributionFactory(
        participant=delegation(session, "BRA"),
        language="pt",
        question=session.questions.get(number=2),
    )
    return session


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def normalized(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("language", ["es", "en"])
def test_every_format_holds_every_section_and_both_questions(session, language):
    report = report_build(session, language)
    assert report.headings() == SECTION_HEADINGS[language]
    questions = [q.text_in(language) for q in session.questions.all()]

    html = unescape(report_render(report, "html").decode())
    pdf = normalized(pdf_text(report_render(report, "pdf")))
    document = docx.Document(io.BytesIO(report_render(report, "docx")))
    docx_text = normalized("\n".join(p.text for p in document.paragraphs))
    docx_headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]

    assert docx_headings == SECTION_HEADINGS[language]
    for heading in SECTION_HEADINGS[language]:
        assert heading in html
        assert heading in pdf
    for question in questions:
        assert normalized(question) in normalized(html)
        assert normalized(question)[:120] in pdf
        assert normalized(question) in docx_text
    for text in ("La CRM reúne a once Estados", "O Brasil compartilha a Operação Acolhida"):
        assert text in html and text in pdf and text in docx_text


def test_the_background_figures_name_their_source_and_flag_the_concept_note(session):
    report = report_build(session, "en")
    background = report.sections[1]
    table = next(b for b in background.blocks if hasattr(b, "rows"))
    assert "International Migrant Stock 2020" in table.source
    americas = next(row for row in table.rows if row[0] == "Americas")
    assert americas[1] == "73,503,418"
    assert americas[2] == "7.2%"
    assert americas[3] == "73.5 million"  # the concept note's figure, beside the data's
    flagged = [b.text for b in background.blocks if getattr(b, "emphasis", False)]
    # 12.5 million in the note; 14.8 million in UN DESA's estimate for 2020.
    assert flagged == [
        "The concept note cites 12.5 million for Latin America and the Caribbean in 2020; "
        "UN DESA's estimate is 14,794,623. The figures differ beyond the note's rounding."
    ]
    figure = next(b for b in background.blocks if hasattr(b, "svg"))
    assert figure.svg.startswith("<svg") and figure.png.startswith(b"\x89PNG")
    assert figure.table.rows  # the chart's data as a table beside it


def test_a_chart_in_the_docx_is_a_picture_with_a_text_alternative(session):
    content = report_render(report_build(session, "es"), "docx")
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        images = [n for n in archive.namelist() if n.startswith("word/media/")]
        body = archive.read("word/document.xml").decode()
    assert images
    assert 'descr="Gráfico de barras' in body


def test_withdrawn_and_draft_contributions_stay_out_of_the_report(session):
    crm = session.participants.get(mechanism__acronym="CRM")
    ContributionFactory(participant=crm, status="draft", statement="Borrador interno del CRM.")
    ContributionFactory(participant=crm, status="withdrawn", statement="Texto retirado del CRM.")
    html = report_render(report_build(session, "es"), "html").decode()
    assert "Borrador interno" not in html and "Texto retirado" not in html


def test_the_next_sessions_report_shows_what_moved_since_the_last(session):
    actor = SystemActor("test")
    action = services.action_create(
        actor=actor,
        session=session,
        description="Publicar un calendario común de reuniones de los mecanismos.",
        language="es",
        owner_mechanism="CRM",
    )
    services.action_progress(
        actor=actor, action=action, status=ActionStatus.DONE, note="Calendario publicado."
    )
    later = services.session_save(
        actor=actor,
        data=services.SessionData(
            key="cam-2024-05-14",
            convener="CAM",
            date=__import__("datetime").date(2030, 5, 14),
            title={"es": "Segunda sesión anual", "en": "Second annual session"},
            questions=[{"es": "¿Qué avanzó?", "en": "What moved?"}],
        ),
    )
    report = report_build(later, "en")
    follow_up = next(s for s in report.sections if s.key == "follow-up")
    moved = follow_up.subsections[0]
    table = moved.blocks[0]
    assert table.rows[0][0].startswith("Publicar un calendario común")
    assert table.rows[0][2] == "planned → done"
    first = report_build(session, "en")
    assert "first session" in first.sections[7].subsections[0].blocks[0].text


def test_forty_contributions_make_a_report_in_every_format(session):
    countries = ["ARG", "BOL", "CHL", "COL", "CRI", "ECU", "SLV", "GTM", "HND", "MEX"]
    for index in range(40):
        participant = (
            delegation(session, countries[index % len(countries)])
            if index % 2
            else mechanism_participant(session, ["CRM", "CSM", "QUITO", "MIRPS"][index % 4])
        )
        ContributionFactory(participant=participant, language=["es", "en"][index % 2])
    report = report_build(session, "es")
    mechanisms = next(s for s in report.sections if s.key == "mechanisms")
    assert {s.key for s in mechanisms.subsections} >= {"mechanism-crm", "mechanism-quito"}
    for fmt in ("html", "pdf", "docx"):
        assert len(report_render(report, fmt)) > 10_000


LOCALE = {
    # language: (the concept note's figure, a share, digits grouped, a date)
    "es": ("73,5 millones", "7,2 %", "73.503.418", "9 de mayo de 2023"),
    "en": ("73.5 million", "7.2%", "73,503,418", "May 9, 2023"),
    "fr": ("73,5 millions", "7,2 %", "73 503 418", "9 mai 2023"),
    "pt": ("73,5 milhões", "7,2%", "73.503.418", "9 de maio de 2023"),
}


@pytest.mark.parametrize("language", ["es", "en", "fr", "pt"])
def test_numbers_percentages_and_dates_are_written_as_the_reports_language_writes_them(
    session, language
):
    text = normalized(unescape(report_render(report_build(session, language), "html").decode()))
    figure, share, digits, day = LOCALE[language]
    assert figure in text and share in text and digits in text and day in text
    for other_figure, _share, _digits, _day in LOCALE.values():
        if other_figure != figure:
            assert other_figure not in text
    assert "73.5 millones" not in text and "2023-05-09" not in text


def test_a_chart_axis_groups_digits_as_the_table_beside_it(session):
    report = report_build(session, "es")
    figure = next(b for b in report.sections[1].blocks if hasattr(b, "svg"))
    # The axis counts millions; the table beside it gives every digit, grouped the same way.
    assert "(millones)" in figure.svg and ">20<" in figure.svg
    assert ["Caribe", "1.605.148"] in figure.table.rows
    english = next(b for b in report_build(session, "en").sections[1].blocks if hasattr(b, "svg"))
    assert "(millions)" in english.svg
    assert ["Caribbean", "1,605,148"] in english.table.rows


def test_a_count_takes_the_singular_when_it_is_one(session):
    from sinergia.dialogue.report import charts

    with override("es"):
        figure = charts.themes_bar([("Trata de personas", 2)], "es")
    assert figure.description.startswith("Gráfico de barras de 1 tema;")
    # The one bar has a scale of whole participants, not 0, 0.5, 1.
    assert ">0,5<" not in figure.svg and ">1<" in figure.svg and ">2<" in figure.svg


def _opportunity_quotes(report):
    opportunities = next(s for s in report.sections if s.key == "opportunities")
    return {
        sub.key: [b for b in sub.blocks if type(b).__name__ == "Quote"]
        for sub in opportunities.subsections
    }


def test_evidence_is_dated_on_or_before_the_session_and_at_most_two_per_opportunity(session):
    import re

    quoted = _opportunity_quotes(report_build(session, "es"))
    assert quoted and any(quoted.values())
    months = "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre"
    for quotes in quoted.values():
        assert len(quotes) <= 2
        for quote in quotes:
            years = [
                int(y) for y in re.findall(r"· (?:\d+ de \w+ de )?(\d{4}) ·", quote.attribution)
            ]
            assert years, quote.attribution  # every quote is dated
            assert years[0] < 2023 or (
                years[0] == 2023
                and not any(f"de {m} de 2023" in quote.attribution for m in months.split()[5:])
            )
            assert "[" not in quote.attribution
            if quote.language != "es":
                assert "original en " in quote.attribution  # the language in words


def test_weaker_sources_are_quoted_only_when_nothing_stronger_supports_the_point(session):
    quoted = _opportunity_quotes(report_build(session, "en"))
    for quotes in quoted.values():
        qualities = [
            next(
                q for q in ("official", "intergovernmental", "press", "other") if q in b.attribution
            )
            for b in quotes
        ]
        strong = {"official", "intergovernmental"}
        assert not (strong & set(qualities) and set(qualities) - strong), qualities


def test_the_sources_annex_lists_the_strongest_sources_first(session):
    report = report_build(session, "en")
    annex = next(s for s in report.sections if s.key == "annex-sources")
    headings = [b.text for b in annex.blocks if type(b).__name__ == "Paragraph"]
    order = ["Official sources", "Intergovernmental sources", "Press", "Other sources"]
    assert headings and headings == [h for h in order if h in headings]


@pytest.fixture
def twelve():
    return session_with_contributions()


def test_a_body_that_contributed_took_part(twelve):
    report = report_build(twelve, "en")
    mechanisms = next(s for s in report.sections if s.key == "mechanisms")
    crm = next(s for s in mechanisms.subsections if s.key == "mechanism-crm")
    texts = [getattr(b, "text", "") for b in crm.blocks]
    assert not any("not confirmed" in t for t in texts)
    assert any(type(b).__name__ == "Quote" for b in crm.blocks)
    riam = next(s for s in mechanisms.subsections if s.key == "mechanism-riam")
    assert any("not confirmed" in getattr(b, "text", "") for b in riam.blocks)  # said nothing
    annex = next(s for s in report.sections if s.key == "annex-participants").blocks[0]
    crm_row = next(r for r in annex.rows if r[0] == "Regional Conference on Migration")
    assert crm_row[3] == "yes" and crm_row[4] == "2"


def test_the_counts_in_the_text_are_those_of_the_tables(twelve):
    import re

    report = report_build(twelve, "es")
    themes = next(s for s in report.sections if s.key == "themes")
    text = themes.blocks[0].text
    table = next(b for b in themes.blocks if type(b).__name__ == "Table")
    figure = next(b for b in themes.blocks if type(b).__name__ == "Figure")
    total, shared = (int(n) for n in re.findall(r"\d+", text))
    assert f"plantean {total} temas." in text
    assert total == len(table.rows)
    assert shared == len(figure.table.rows) == sum(1 for r in table.rows if int(r[1]) >= 2)
    assert "1 temas" not in text


SYMBOL = "OEA/Ser.W CIDI/CAM/doc.X/23"


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("es", ["Original: español", "Distribución: general", "Página 2 de", "BORRADOR"]),
        ("en", ["Original: Spanish", "Distribution: general", "Page 2 of", "DRAFT"]),
    ],
)
def test_the_pdf_has_the_form_of_a_committee_document(twelve, language, words):
    from sinergia.dialogue.report import Edits

    report = report_build(twelve, language, Edits(symbol=SYMBOL))
    pages = [
        normalized(p.extract_text())
        for p in PdfReader(io.BytesIO(report_render(report, "pdf"))).pages
    ]
    cover, rest = pages[0], pages[1:]
    assert "OEA/Ser.W" in cover and "CIDI/CAM/doc.X/23" in cover
    text = " ".join(pages)
    for word in words:
        assert word in text
    # The symbol heads every page but the cover; every page says which of how many it is.
    assert all(SYMBOL in page for page in rest)
    assert f"{len(pages)}" in pages[-1]
    summary = next(s for s in report.sections if s.key == "summary")
    assert summary.blocks[0].text in " ".join(pages).replace("- ", "") or summary.heading in text
    assert "12" in summary.blocks[0].text  # the twelve contributions, counted


def test_without_a_symbol_the_cover_says_it_is_to_be_assigned(twelve):
    html = report_render(report_build(twelve, "en"), "html").decode()
    assert "Document symbol to be assigned by the secretariat" in html


def test_the_docx_is_a4_with_a_header_a_footer_and_named_styles(twelve):
    from docx.shared import Mm

    report = report_build(twelve, "es", _edits(symbol=SYMBOL))
    content = report_render(report, "docx")
    document = docx.Document(io.BytesIO(content))
    for section in document.sections:
        assert abs(section.page_width - Mm(210)) < Mm(1)
        assert abs(section.page_height - Mm(297)) < Mm(1)
        assert SYMBOL in " ".join(p.text for p in section.header.paragraphs)
        footer = section.footer._element.xml
        assert " PAGE " in footer and " NUMPAGES " in footer and "Página " in footer
    used = {p.style.name for p in document.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "Normal", "Quote", "Caption"} <= used
    assert "Heading 3" in {style.name for style in document.styles}
    assert {t.style.name for t in document.tables} >= {"Table Grid"}
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        body = archive.read("word/document.xml").decode()
    assert 'TOC \\o "1-2"' in body and "<w:tblHeader" in body
    assert "[es]" not in body and "[en]" not in body and "[pt]" not in body
    assert "original en inglés" in body and "original en portugués" in body


def _edits(**values):
    from sinergia.dialogue.report import Edits

    return Edits(**values)


@pytest.mark.parametrize("language", ["fr", "pt"])
def test_french_and_portuguese_reports_are_whole_documents(twelve, language):
    report = report_build(twelve, language)
    html = normalized(unescape(report_render(report, "html").decode()))
    expected = {
        "fr": ["Résumé analytique", "Conclusions et recommandations", "Original : espagnol"],
        "pt": ["Resumo executivo", "Conclusões e recomendações", "Original: espanhol"],
    }[language]
    for words in expected:
        assert words in html
    assert "Executive summary" not in html and "Conclusions and recommendations " not in html


def test_the_summary_counts_only_the_kinds_present_and_says_who_no_source_confirms():
    from sinergia.dialogue.models import ParticipantKind

    bare = Session.objects.get(key="cam-2023-05-09")  # the bundled session: no contribution
    participants = list(bare.participants.all())
    assert not any(p.kind == ParticipantKind.DELEGATION for p in participants)
    unconfirmed = [p for p in participants if not p.confirmed]
    summary = next(s for s in report_build(bare, "es").sections if s.key == "summary")
    text = normalized(" ".join(getattr(b, "text", "") for b in summary.blocks))
    assert "0 delegaciones" not in text and "delegaci" not in text  # none took part
    if len(unconfirmed) == len(participants):
        assert "Ninguna fuente confirma aún su participación." in text
    else:
        assert f"Ninguna fuente confirma la participación de {len(unconfirmed)} de ellos." in text
    assert "y 7 más" not in report_render(report_build(bare, "es"), "html").decode()
