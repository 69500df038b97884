"""Write a report as HTML, PDF (WeasyPrint, from the same HTML) or DOCX (python-docx)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import override

from sinergia.dialogue.report.content import (
    Figure,
    Prose,
    Report,
    Section,
)
from sinergia.practices.rendering import render_markdown

FORMATS = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
# The policy a report is served under, whatever the address: its own inline styles and
# pictures, nothing else, sandboxed.
REPORT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox"
)


def report_render(report: Report, fmt: str) -> bytes:
    if fmt == "html":
        return report_html(report).encode("utf-8")
    if fmt == "pdf":
        return report_pdf(report)
    if fmt == "docx":
        from sinergia.dialogue.report.docx_writer import report_docx

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
        elif isinstance(block, Prose):
            item["html"] = render_markdown(block.markdown)  # sanitised
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


def css_string(text: str) -> SafeString:
    """`text` as a quoted CSS string: anything but letters, digits, spaces and . / - _ :
    written as an escape, so that no text can close the string or the rule."""
    safe = "".join(
        char if char.isalnum() or char in " ./-_:" else f"\\{ord(char):x} " for char in text
    )
    return mark_safe(f'"{safe}"')  # noqa: S308 - every other character is escaped above


def report_html(report: Report) -> str:
    before, between, after = report.page_label
    css = {
        "header": css_string(report.header),
        "before": css_string(before),
        "between": css_string(between),
        "after": css_string(after),
    }
    with override(report.language):
        return render_to_string(
            "dialogue/report.html",
            {"report": report, "sections": _sections(report.sections, 2), "css": css},
        )


def report_pdf(report: Report) -> bytes:
    from weasyprint import HTML

    return HTML(string=report_html(report)).write_pdf()
