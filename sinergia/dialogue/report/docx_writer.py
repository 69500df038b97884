"""The report as a Word document (python-docx) laid out like the PDF: A4, the named styles a
secretariat's template has (Title, Heading 1–3, Normal, Quote, Caption, a table style), a
running header with the document's symbol, "Page n of m" in the footer, a table of contents
field, captions, and table header rows that repeat on every page."""

from __future__ import annotations

import io
from typing import Any

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor
from markdown_it import MarkdownIt

from sinergia.dialogue.report.content import (
    BulletList,
    Figure,
    Paragraph,
    Prose,
    Quote,
    Report,
    Section,
    Table,
)

BLUE = RGBColor(0x0B, 0x39, 0x54)
FONT = "Liberation Sans"  # metric-compatible with Arial; Word substitutes Arial
TABLE_STYLE = "Table Grid"
PICTURE_WIDTH = Cm(15)


def _field(paragraph: Any, instruction: str, shown: str = "") -> None:
    """A Word field (PAGE, NUMPAGES, TOC) in `paragraph`, showing `shown` until updated."""

    def char(kind: str) -> Any:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        if kind == "begin":
            element.set(qn("w:dirty"), "true")
        return element

    run = paragraph.add_run()
    run._r.append(char("begin"))
    run = paragraph.add_run()
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run._r.append(text)
    paragraph.add_run()._r.append(char("separate"))
    paragraph.add_run(shown)
    paragraph.add_run()._r.append(char("end"))


def _styles(document: Any) -> None:
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.25
    sizes = {"Title": 20, "Heading 1": 15, "Heading 2": 12.5, "Heading 3": 11}
    for name, size in sizes.items():
        style = styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.color.rgb = BLUE
        style.font.bold = True
        style.paragraph_format.keep_with_next = True  # never alone at the foot of a page
        style.paragraph_format.space_before = Pt(12 if name != "Title" else 0)
    contents = styles["TOC Heading"]
    contents.font.name = FONT
    contents.font.size = Pt(15)
    contents.font.color.rgb = BLUE
    styles["Heading 4"].font.name = FONT
    styles["Heading 4"].paragraph_format.keep_with_next = True
    quote = styles["Quote"]
    quote.font.name = FONT
    quote.font.italic = False
    quote.font.size = Pt(10)
    quote.paragraph_format.left_indent = Cm(1)
    quote.paragraph_format.keep_with_next = True  # with its attribution
    caption = styles["Caption"]
    caption.font.name = FONT
    caption.font.size = Pt(9)
    caption.font.italic = False
    caption.font.bold = False
    caption.font.color.rgb = RGBColor(0x33, 0x33, 0x33)
    for name in ("List Bullet", "List Number", "Header", "Footer"):
        styles[name].font.name = FONT
    styles["Header"].font.size = Pt(8.5)
    styles["Footer"].font.size = Pt(8.5)


def _a4(section: Any) -> None:
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Cm(2.2)
    section.left_margin = section.right_margin = Cm(2)
    section.header_distance = section.footer_distance = Cm(1)


def _header_and_footer(section: Any, report: Report) -> None:
    """The symbol at the head and "Page n of m" at the foot of every page but the cover."""
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.text = report.header
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, between, after = report.page_label
    footer.add_run(before)
    _field(footer, "PAGE", "1")
    footer.add_run(between)
    _field(footer, "NUMPAGES", "1")
    footer.add_run(after)


def _no_borders(table: Any) -> None:
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    properties.append(borders)


def _cover(document: Any, report: Report) -> None:
    cover = report.cover
    assert cover is not None
    grid = document.add_table(rows=1, cols=2)
    _no_borders(grid)
    left, right = grid.rows[0].cells
    left.paragraphs[0].add_run(cover.organization.upper()).bold = True
    left.add_paragraph(cover.body)
    lines = cover.symbol or [cover.unassigned]
    first = right.paragraphs[0]
    first.add_run(lines[0]).bold = bool(cover.symbol)
    for line in lines[1:]:
        right.add_paragraph().add_run(line).bold = True
    for line in (cover.date, cover.original, cover.distribution):
        right.add_paragraph(line)
    for _ in range(4):
        document.add_paragraph()
    document.add_paragraph(report.title, style="Title")
    subtitle = document.add_paragraph()
    subtitle.add_run(report.subtitle).bold = True
    for label, value in report.meta:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    if report.status:
        status = document.add_paragraph()
        run = status.add_run(report.status.upper())
        run.bold = True
        run.font.color.rgb = RGBColor(0x8A, 0x1C, 0x1C)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _contents(document: Any, report: Report) -> None:
    document.add_paragraph(report.contents_label, style="TOC Heading")  # not in the TOC
    paragraph = document.add_paragraph()
    # Filled with the headings, so that a reader that does not update fields still sees them.
    shown = "\n".join(f"{n}. {s.heading}" for n, s in enumerate(report.sections, 1))
    _field(paragraph, 'TOC \\o "1-2" \\h \\z \\u', "")
    run = paragraph.runs[-2]  # the run between "separate" and "end"
    for index, line in enumerate(shown.split("\n")):
        if index:
            run.add_break()
        run.add_text(line)
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _repeat_header(row: Any) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _keep_row(row: Any) -> None:
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))


def _table(document: Any, table: Table) -> None:
    if table.caption:
        caption = document.add_paragraph(table.caption, style="Caption")
        caption.paragraph_format.keep_with_next = True
    grid = document.add_table(rows=1, cols=len(table.headers))
    grid.style = TABLE_STYLE
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    head = grid.rows[0]
    _repeat_header(head)
    for cell, heading in zip(head.cells, table.headers, strict=True):
        cell.text = heading
        cell.paragraphs[0].runs[0].bold = True
        cell.paragraphs[0].paragraph_format.keep_with_next = True
    for row in table.rows:
        added = grid.add_row()
        _keep_row(added)
        for index, (cell, value) in enumerate(zip(added.cells, row, strict=True)):
            cell.text = value
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(0)
            if index in table.numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if table.source:
        document.add_paragraph(table.source, style="Caption")


def _inline(paragraph: Any, children: list[Any]) -> None:
    bold = italic = False
    for token in children:
        if token.type == "strong_open":
            bold = True
        elif token.type == "strong_close":
            bold = False
        elif token.type == "em_open":
            italic = True
        elif token.type == "em_close":
            italic = False
        elif token.type in ("softbreak", "hardbreak"):
            paragraph.add_run().add_break() if token.type == "hardbreak" else paragraph.add_run(" ")
        elif token.type in ("text", "code_inline"):
            run = paragraph.add_run(token.content)
            run.bold, run.italic = bold or None, italic or None


def _prose(document: Any, markdown: str) -> None:
    """Markdown as Word paragraphs: headings, paragraphs, lists, quotes, bold and italic.
    Only text is written: no field, link target or markup of the source reaches Word."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    lists: list[str] = []
    quote = 0
    style = "Normal"
    for token in tokens:
        if token.type == "bullet_list_open":
            lists.append("List Bullet")
        elif token.type == "ordered_list_open":
            lists.append("List Number")
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "blockquote_open":
            quote += 1
        elif token.type == "blockquote_close":
            quote -= 1
        elif token.type == "heading_open":
            style = "Heading 3"
        elif token.type == "paragraph_open":
            style = lists[-1] if lists else ("Quote" if quote else "Normal")
        elif token.type == "inline":
            _inline(document.add_paragraph(style=style), token.children or [])
            style = "Normal"


def _section(document: Any, section: Section, level: int) -> None:
    document.add_heading(section.heading, level=min(level, 4))
    for block in section.blocks:
        if isinstance(block, Paragraph):
            paragraph = document.add_paragraph()
            run = paragraph.add_run(block.text)
            run.bold = block.emphasis or None
            if block.emphasis:
                paragraph.paragraph_format.keep_with_next = True
        elif isinstance(block, Quote):
            for line in [part for part in block.text.split("\n\n") if part.strip()]:
                document.add_paragraph(line.strip(), style="Quote")
            attribution = document.add_paragraph(f"— {block.attribution}", style="Caption")
            attribution.paragraph_format.left_indent = Cm(1.5)
        elif isinstance(block, BulletList):
            for item in block.items:
                document.add_paragraph(item, style="List Bullet")
        elif isinstance(block, Prose):
            _prose(document, block.markdown)
        elif isinstance(block, Table):
            _table(document, block)
        elif isinstance(block, Figure):
            caption = document.add_paragraph(block.caption, style="Caption")
            caption.paragraph_format.keep_with_next = True
            document.add_picture(io.BytesIO(block.png), width=PICTURE_WIDTH)
            document.paragraphs[-1].paragraph_format.keep_with_next = True
            picture = document.inline_shapes[-1]
            picture._inline.docPr.set("descr", block.description)  # the text alternative
            _table(document, block.table)
            if block.source:
                document.add_paragraph(block.source, style="Caption")
    for subsection in section.subsections:
        _section(document, subsection, level + 1)


def report_docx(report: Report) -> bytes:
    document = docx.Document()
    document.core_properties.title = f"{report.title}: {report.subtitle}"[:255]
    document.core_properties.subject = report.header
    document.core_properties.language = report.language
    document.core_properties.author = "Sinergia"
    _styles(document)
    for page_section in document.sections:
        _a4(page_section)
        _header_and_footer(page_section, report)
    if report.cover is not None:
        _cover(document, report)
    _contents(document, report)
    for part in report.sections:
        _section(document, part, 1)
    # Word updates the table of contents and the page numbers when it opens the file.
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    document.settings.element.append(update)
    for page_section in document.sections:  # every section A4, whatever the template said
        _a4(page_section)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
