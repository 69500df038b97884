"""Write a report as HTML, PDF (WeasyPrint, from the same HTML) or DOCX (python-docx)."""

from __future__ import annotations

import io
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import override

from sinergia.dialogue.report.content import (
    BulletList,
    Figure,
    Paragraph,
    Quote,
    Report,
    Section,
    Table,
)

FORMATS = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def report_render(report: Report, fmt: str) -> bytes:
    if fmt == "html":
        return report_html(report).encode("utf-8")
    if fmt == "pdf":
        return report_pdf(report)
    if fmt == "docx":
        return report_docx(report)
    raise ValueError(f"unknown format {fmt!r}")


def _kind(block: Any) -> str:
    return type(block).__name__.lower()


def _blocks(section: Section) -> list[dict[str, Any]]:
    blocks = []
    for block in section.blocks:
        item: dict[str, Any] = {"kind": _kind(block), "block": block}
        if isinstance(block, Figure):
            # Drawn by vl-convert from our own data: no markup from users reaches it.
            item["svg"] = mark_safe(block.svg)  # noqa: S308
        blocks.append(item)
    return blocks


def _sections(sections: list[Section], level: int) -> list[dict[str, Any]]:
    return [
        {
            "section": section,
            "level": min(level, 4),
            "blocks": _blocks(section),
            "subsections": _sections(section.subsections, level + 1),
        }
        for section in sections
    ]


def report_html(report: Report) -> str:
    with override(report.language):
        return render_to_string(
            "dialogue/report.html",
            {"report": report, "sections": _sections(report.sections, 2)},
        )


def report_pdf(report: Report) -> bytes:
    from weasyprint import HTML

    return HTML(string=report_html(report)).write_pdf()


def report_docx(report: Report) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = docx.Document()
    document.core_properties.title = f"{report.title}: {report.subtitle}"[:255]
    document.core_properties.language = report.language
    document.core_properties.author = "Sinergia"
    styles = document.styles
    styles["Normal"].font.name = "Calibri"
    styles["Normal"].font.size = Pt(11)

    document.add_heading(report.title, level=0)
    document.add_paragraph(report.subtitle).runs[0].bold = True
    for label, value in report.meta:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)

    def add_table(table: Table) -> None:
        if table.caption:
            document.add_paragraph(table.caption, style="Caption")
        grid = document.add_table(rows=1, cols=len(table.headers))
        grid.style = "Table Grid"
        for cell, heading in zip(grid.rows[0].cells, table.headers, strict=True):
            cell.text = heading
            cell.paragraphs[0].runs[0].bold = True
        for row in table.rows:
            cells = grid.add_row().cells
            for index, (cell, value) in enumerate(zip(cells, row, strict=True)):
                cell.text = value
                if index in table.numeric:
                    cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if table.source:
            document.add_paragraph(table.source, style="Caption")

    def add_section(section: Section, level: int) -> None:
        document.add_heading(section.heading, level=min(level, 4))
        for block in section.blocks:
            if isinstance(block, Paragraph):
                paragraph = document.add_paragraph()
                run = paragraph.add_run(block.text)
                run.bold = block.emphasis
            elif isinstance(block, Quote):
                for line in [part for part in block.text.split("\n\n") if part.strip()]:
                    document.add_paragraph(line.strip(), style="Quote")
                document.add_paragraph(f"— {block.attribution} [{block.language}]")
            elif isinstance(block, BulletList):
                for item in block.items:
                    document.add_paragraph(item, style="List Bullet")
            elif isinstance(block, Table):
                add_table(block)
            elif isinstance(block, Figure):
                document.add_paragraph(block.caption, style="Caption")
                document.add_picture(io.BytesIO(block.png), width=Cm(15))
                picture = document.inline_shapes[-1]
                picture._inline.docPr.set("descr", block.description)  # the text alternative
                add_table(block.table)
                if block.source:
                    document.add_paragraph(block.source, style="Caption")
        for subsection in section.subsections:
            add_section(subsection, level + 1)

    for section in report.sections:
        add_section(section, 1)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
