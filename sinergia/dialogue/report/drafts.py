"""The secretariat's drafts of a report, read: the open draft, the latest final version, the
edits a draft makes to what Sinergia proposes, and that proposal as Markdown to start from."""

from __future__ import annotations

from sinergia.dialogue.models import ReportDraft, ReportStatus, Session
from sinergia.dialogue.report.build import Edits
from sinergia.dialogue.report.content import BulletList, Paragraph, Prose, Quote, Report, Section
from sinergia.dialogue.report.evidence import Choices


def draft_open(session: Session, language: str) -> ReportDraft | None:
    """The draft the secretariat is editing for `session` in `language`, if any."""
    return ReportDraft.objects.filter(
        session=session, language=language, status=ReportStatus.DRAFT
    ).first()


def final_latest(session: Session, language: str) -> ReportDraft | None:
    """The latest version marked final, with its stored files; None before the first."""
    return (
        ReportDraft.objects.filter(session=session, language=language, status=ReportStatus.FINAL)
        .prefetch_related("files")
        .order_by("-finalized_at", "-pk")
        .first()
    )


def finals(session: Session) -> list[ReportDraft]:
    """Every final version of the session's reports, latest first, with their files."""
    return list(
        ReportDraft.objects.filter(session=session, status=ReportStatus.FINAL)
        .prefetch_related("files")
        .order_by("language", "-finalized_at", "-pk")
    )


def draft_edits(draft: ReportDraft | None) -> Edits:
    """What `draft` changes in the report Sinergia builds (nothing without a draft)."""
    if draft is None:
        return Edits()
    return Edits(
        symbol=draft.symbol,
        summary=draft.summary,
        conclusions=draft.conclusions,
        choices=Choices(opportunities=draft.opportunities, quotes=draft.quotes or None),
        final=draft.status == ReportStatus.FINAL,
        date=draft.document_date,
    )


def section_markdown(section: Section) -> str:
    """A section Sinergia wrote, as Markdown the secretariat can edit: its paragraphs, its
    lists as bullets; notices about the text itself are left out."""
    parts: list[str] = []
    for block in section.blocks:
        if isinstance(block, Paragraph) and not block.aside:
            parts.append(f"**{block.text}**" if block.emphasis else block.text)
        elif isinstance(block, BulletList):
            parts.append("\n".join(f"- {item}" for item in block.items))
        elif isinstance(block, Prose):
            parts.append(block.markdown)
    return "\n\n".join(parts)


def proposal(report: Report) -> tuple[str, str, list[str], dict[str, list[str]]]:
    """From a report built without edits: its summary and conclusions as Markdown, the
    opportunities it shows and the texts each quotes, in order."""
    sections = {section.key: section for section in report.sections}
    opportunities: list[str] = []
    quotes: dict[str, list[str]] = {}
    for sub in sections["opportunities"].subsections:
        key = sub.key.removeprefix("opportunity-")
        opportunities.append(key)
        quotes[key] = [b.key for b in sub.blocks if isinstance(b, Quote) and b.key]
    return (
        section_markdown(sections["summary"]),
        section_markdown(sections["conclusions"]),
        opportunities,
        quotes,
    )
