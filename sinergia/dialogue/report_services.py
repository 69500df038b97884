"""Writes to the consolidated report's drafts: open one (filled from the data), edit it,
mark it final (its three files stored once, with their SHA-256), start a new draft from a
final version. Only the secretariat; every write audited."""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sinergia.accounts.services import Actor, audit_record
from sinergia.dialogue import permissions
from sinergia.dialogue.models import ReportDraft, ReportFile, ReportStatus, Session
from sinergia.dialogue.report import FORMATS, report_build, report_render
from sinergia.dialogue.report.build import REPORT_LANGUAGES
from sinergia.dialogue.report.drafts import draft_edits, draft_open, proposal

KEY = re.compile(r"[a-z0-9][a-z0-9-]{0,80}")
TEXT_KEY = re.compile(r"[A-Za-z0-9:_.-]{1,120}")
MAX_CHOICES = 40


@dataclass
class DraftData:
    """What the secretariat sets in a draft."""

    symbol: str = ""
    document_date: datetime.date | None = None
    summary: str = ""
    conclusions: str = ""
    opportunities: list[str] = field(default_factory=list)  # in order
    quotes: dict[str, list[str]] = field(default_factory=dict)  # in order, per opportunity


def _require_secretariat(actor: Actor) -> None:
    if not permissions.can_manage_sessions(actor):
        raise PermissionDenied(_("Only the secretariat edits the consolidated report."))


def _user(actor: Actor) -> object | None:
    return actor if getattr(actor, "pk", None) else None


def _save_new(actor: Actor, draft: ReportDraft, action: str, summary: str) -> None:
    """Validate, save and audit a new draft, inside the caller's transaction."""
    draft.full_clean()
    draft.save()
    audit_record(actor=actor, action=action, target=draft, summary=summary)


def report_draft_open(*, actor: Actor, session: Session, language: str) -> ReportDraft:
    """The draft of `session`'s report in `language`, created when there is none and filled
    from the data: the opportunities and quotes Sinergia proposes. Its summary and
    conclusions stay empty, and so Sinergia's own, kept in step with the data, until the
    secretariat writes them."""
    _require_secretariat(actor)
    if language not in REPORT_LANGUAGES:
        raise ValidationError({"language": _("Unknown language.")})
    found = draft_open(session, language)
    if found is not None:
        return found
    _summary, _conclusions, opportunities, quotes = proposal(report_build(session, language))
    try:
        with transaction.atomic():
            sibling = (
                ReportDraft.objects.filter(session=session).order_by("-updated_at", "-pk").first()
            )
            draft = ReportDraft(
                session=session,
                language=language,
                symbol=sibling.symbol if sibling else session.document,
                document_date=sibling.document_date if sibling else None,
                opportunities=opportunities,
                quotes=quotes,
            )
            _save_new(actor, draft, "report.draft_open", f"{session.key} {language}")
    except IntegrityError:  # opened meanwhile by another request
        existing = draft_open(session, language)
        if existing is None:
            raise
        return existing
    return draft


def _clean(data: DraftData) -> DraftData:
    errors: dict[str, str] = {}
    if len(data.opportunities) > MAX_CHOICES or not all(
        KEY.fullmatch(k) for k in data.opportunities
    ):
        errors["opportunities"] = _("Choose among the opportunities listed.")
    if len(data.quotes) > MAX_CHOICES or not all(
        KEY.fullmatch(k) and len(v) <= MAX_CHOICES and all(TEXT_KEY.fullmatch(t) for t in v)
        for k, v in data.quotes.items()
    ):
        errors["quotes"] = _("Choose among the texts listed.")
    if errors:
        raise ValidationError(errors)
    return DraftData(
        symbol=" ".join(data.symbol.split()),
        document_date=data.document_date,
        summary=data.summary.strip(),
        conclusions=data.conclusions.strip(),
        opportunities=list(dict.fromkeys(data.opportunities)),
        quotes={k: list(dict.fromkeys(v))[:2] for k, v in data.quotes.items()},
    )


def report_draft_update(*, actor: Actor, draft: ReportDraft, data: DraftData) -> ReportDraft:
    """Change a draft: symbol, date, summary, conclusions, the opportunities shown and the
    texts quoted. A final version cannot change."""
    _require_secretariat(actor)
    data = _clean(data)
    with transaction.atomic():
        draft = ReportDraft.objects.select_for_update().get(pk=draft.pk)
        if draft.status != ReportStatus.DRAFT:
            raise ValidationError(_("A final report cannot change; start a new draft from it."))
        before = {
            "symbol": draft.symbol,
            "summary": draft.summary,
            "conclusions": draft.conclusions,
            "opportunities": draft.opportunities,
            "quotes": draft.quotes,
            "document_date": str(draft.document_date or ""),
        }
        draft.symbol = data.symbol
        draft.document_date = data.document_date
        draft.summary = data.summary
        draft.conclusions = data.conclusions
        draft.opportunities = data.opportunities
        draft.quotes = data.quotes
        draft.full_clean()
        draft.save()
        after = {
            "symbol": draft.symbol,
            "summary": draft.summary,
            "conclusions": draft.conclusions,
            "opportunities": draft.opportunities,
            "quotes": draft.quotes,
            "document_date": str(draft.document_date or ""),
        }
        audit_record(
            actor=actor,
            action="report.draft_update",
            target=draft,
            summary=f"{draft.session.key} {draft.language}",
            changes={k: [before[k], after[k]] for k in after if before[k] != after[k]},
        )
        _share_cover(actor, draft, before["symbol"], before["document_date"])
    return draft


def _share_cover(actor: Actor, draft: ReportDraft, symbol: str, document_date: str) -> None:
    """One document in four languages carries one symbol and one date: the other languages'
    open drafts that still showed what `draft` showed before follow its change."""
    for other in (
        ReportDraft.objects.select_for_update()
        .filter(session=draft.session, status=ReportStatus.DRAFT)
        .exclude(pk=draft.pk)
    ):
        changes: dict[str, list[str]] = {}
        if other.symbol == symbol and other.symbol != draft.symbol:
            changes["symbol"] = [other.symbol, draft.symbol]
            other.symbol = draft.symbol
        if str(other.document_date or "") == document_date and (
            other.document_date != draft.document_date
        ):
            changes["document_date"] = [document_date, str(draft.document_date or "")]
            other.document_date = draft.document_date
        if changes:
            other.full_clean()
            other.save()
            audit_record(
                actor=actor,
                action="report.draft_update",
                target=other,
                summary=f"{other.session.key} {other.language}",
                changes=changes,
            )


def report_draft_finalize(*, actor: Actor, draft: ReportDraft) -> ReportDraft:
    """Mark a draft final: its HTML, PDF and DOCX are written once, stored with their
    SHA-256 and served as they are from then on, whatever the data becomes."""
    _require_secretariat(actor)
    if draft.status != ReportStatus.DRAFT:
        raise ValidationError(_("This report is final already."))
    edits = draft_edits(draft)
    edits.final = True
    report = report_build(draft.session, draft.language, edits)
    contents = {fmt: report_render(report, fmt) for fmt in FORMATS}
    with transaction.atomic():
        locked = ReportDraft.objects.select_for_update().get(pk=draft.pk)
        if locked.status != ReportStatus.DRAFT or locked.updated_at != draft.updated_at:
            raise ValidationError(_("The draft changed meanwhile: check it and try again."))
        for fmt, content in contents.items():
            stored = ReportFile(
                draft=locked,
                fmt=fmt,
                sha256=hashlib.sha256(content).hexdigest(),
                size_bytes=len(content),
            )
            stored.file.save(f"report.{fmt}", ContentFile(content), save=False)
            stored.full_clean()
            stored.save()
        locked.status = ReportStatus.FINAL
        locked.finalized_at = timezone.now()
        locked.finalized_by = _user(actor)  # type: ignore[assignment]
        locked.save()
        audit_record(
            actor=actor,
            action="report.finalize",
            target=locked,
            summary=f"{locked.session.key} {locked.language}",
            changes={fmt: hashlib.sha256(c).hexdigest() for fmt, c in contents.items()},
        )
    return locked


def report_draft_from_final(*, actor: Actor, final: ReportDraft) -> ReportDraft:
    """A new draft that starts from a final version's texts and choices."""
    _require_secretariat(actor)
    if final.status != ReportStatus.FINAL:
        raise ValidationError(_("Start a new draft from a final version."))
    with transaction.atomic():
        if draft_open(final.session, final.language) is not None:
            raise ValidationError(_("A draft of this report is open already."))
        draft = ReportDraft(
            session=final.session,
            language=final.language,
            symbol=final.symbol,
            document_date=final.document_date,
            summary=final.summary,
            conclusions=final.conclusions,
            opportunities=final.opportunities,
            quotes=final.quotes,
            based_on=final,
        )
        _save_new(
            actor,
            draft,
            "report.draft_from_final",
            f"{final.session.key} {final.language} from {final.pk}",
        )
    return draft
