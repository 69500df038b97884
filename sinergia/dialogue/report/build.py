"""Build a session's consolidated report from the data: the statistics, the contributions,
the synergy engine and the follow-up actions."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override, pgettext

from sinergia.dialogue import selectors
from sinergia.dialogue.models import (
    ActionStatus,
    Contribution,
    FollowUpAction,
    Participant,
    ParticipantKind,
    ProgressNote,
    Session,
)
from sinergia.dialogue.report import charts
from sinergia.dialogue.report.content import (
    BulletList,
    Cover,
    Paragraph,
    Quote,
    Report,
    Section,
    Table,
)
from sinergia.dialogue.report.editorial import Facts, conclusions_section, summary_section
from sinergia.dialogue.report.evidence import Choices, Sources, language_note, opportunities_section
from sinergia.i18n import (
    LANGUAGE_CODES,
    format_day,
    format_large,
    format_number,
    format_percent,
    localized,
)
from sinergia.regions import AMERICAS_AREAS, AMERICAS_SUBREGIONS
from sinergia.registry.models import SourceQuality
from sinergia.registry.selectors import member_codes
from sinergia.statistics import selectors as statistics
from sinergia.statistics.checking import check_figures
from sinergia.statistics.editions import STOCK_YEAR
from sinergia.synergy.wording import language_name

REPORT_LANGUAGES = LANGUAGE_CODES


def _number(value: int | float) -> str:
    return format_number(value)


@dataclass
class Edits:
    """What the secretariat set in a report's draft; empty values leave Sinergia's proposal."""

    symbol: str = ""  # e.g. "OEA/Ser.W CIDI/CAM/doc.X/23"
    summary: str = ""  # Markdown
    conclusions: str = ""  # Markdown
    choices: Choices = field(default_factory=Choices)
    final: bool = False
    date: datetime.date | None = None  # the document's date; the session's when None


def _symbol_lines(symbol: str) -> list[str]:
    """An OAS symbol is printed one series per line: "OEA/Ser.W" above "CIDI/CAM/doc.X/23"."""
    return symbol.split()


def _page_label() -> tuple[str, str, str]:
    """ "Página 3 de 15" around the two numbers, from one translatable sentence."""
    sentence = _("Page %(page)s of %(pages)s")
    before, _sep, rest = sentence.partition("%(page)s")
    between, _sep, after = rest.partition("%(pages)s")
    return before, between, after


def report_build(session: Session, language: str, edits: Edits | None = None) -> Report:
    """The consolidated report of `session` in `language`, with the secretariat's `edits`."""
    if language not in REPORT_LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    edits = edits or Edits()
    with override(language):
        data = selectors.report_data(session)
        sources = Sources()
        sources.add_source(session.source)
        convener = localized(session.convener.names, language)
        background, figures_differ = _background(session, sources, language)
        opportunities, shown = opportunities_section(
            session, data.participants, data.contributions, sources, language, edits.choices
        )
        facts = Facts(
            convener=convener,
            date=format_day(session.date),
            participants=data.participants,
            contributions=data.contributions,
            actions=data.actions,
            opportunities=shown,
            figures_differ=figures_differ,
        )
        sections = [
            summary_section(facts, language, edits.summary),
            background,
            _session_section(session, data.participants, language),
            _mechanisms_section(data.contributions, data.participants, language),
            _delegations_section(data.contributions, language),
            _themes_section(data.contributions, language),
            opportunities,
            _follow_up_section(data.actions, data.moved, data.previous, language),
            conclusions_section(facts, language, edits.conclusions),
            _participants_annex(data.participants, data.contributions, language),
            _sources_annex(session, sources),
        ]
        symbol = edits.symbol.strip() or session.document
        meta = [
            (_("Date of the session"), format_day(session.date)),
            (_("Convened by"), convener),
            (_("Place"), session.place or _("not recorded")),
            (_("Modality"), session.get_modality_display() or pgettext("modality", "not recorded")),
        ]
        if not edits.final:
            meta.append(
                (
                    _("Generated"),
                    _("%(when)s by Sinergia, from the data recorded on that date")
                    % {"when": format_day(timezone.localdate())},
                )
            )
        original = language_name(session.concept_note_language, language)
        cover = Cover(
            organization=_("Organization of American States"),
            body=convener,
            symbol=_symbol_lines(symbol),
            date=format_day(edits.date or session.date),
            original=_("Original: %(language)s") % {"language": original},
            distribution=_("Distribution: general"),
            unassigned="" if symbol else _("Document symbol to be assigned by the secretariat"),
        )
        return Report(
            language=language,
            title=_("Consolidated report"),
            subtitle=localized(session.title, language),
            meta=meta,
            sections=sections,
            cover=cover,
            header=symbol,
            page_label=_page_label(),
            contents_label=_("Contents"),
            status="" if edits.final else _("Draft"),
        )


def _background(session: Session, sources: Sources, language: str) -> tuple[Section, bool]:
    """The background section, and whether a figure of the concept note differs from the data."""
    section = Section("background", _("Background"))
    convener = localized(session.convener.names, language)
    section.add(
        Paragraph(
            _(
                "The %(convener)s held this session of its annual dialogue with the "
                "mechanisms and processes on migration on %(date)s. This report "
                "consolidates what the participants contributed, the themes they share, the "
                "coordination opportunities the registry shows, and the actions agreed, so "
                "that it is available to every Member State."
            )
            % {"convener": convener, "date": format_day(session.date)}
        )
    )
    figures = [statistics.migrant_stock(code, STOCK_YEAR) for code in AMERICAS_AREAS]
    found = [figure for figure in figures if figure is not None]
    if not found:
        section.add(Paragraph(_("No migrant-stock statistics are loaded."), emphasis=True))
        return section, False
    source = sources.cite(found[0].source, language="en")
    findings = (
        {f.area: f for f in check_figures(session.concept_note)} if session.concept_note else {}
    )
    rows = []
    for figure in found:
        finding = findings.get(figure.area)
        cited = format_large(finding.cited_value) if finding else "—"
        rows.append(
            [
                statistics.area_name(figure.area, language),
                _number(figure.total),
                format_percent(figure.share_percent) if figure.share_percent is not None else "—",
                cited,
            ]
        )
    section.add(
        Table(
            caption=_("International migrants in the Americas, %(year)s") % {"year": STOCK_YEAR},
            headers=[
                _("Area"),
                _("International migrants"),
                _("Share of population"),
                _("Figure in the concept note"),
            ],
            rows=rows,
            source=source,
            # The statistics are published in English, under their English titles.
            source_language="en",
            numeric=[1, 2, 3],
        )
    )
    for finding in findings.values():
        values = {
            "cited": format_large(finding.cited_value),
            "area": statistics.area_name(finding.area, language),
            "year": finding.year,
            "data": _number(finding.data_value) if finding.data_value is not None else "—",
        }
        if finding.agrees is False:
            section.add(
                Paragraph(
                    _(
                        "The concept note cites %(cited)s for %(area)s in %(year)s; UN DESA's "
                        "estimate is %(data)s. The figures differ beyond the note's rounding."
                    )
                    % values,
                    emphasis=True,
                )
            )
        elif finding.agrees:
            section.add(
                Paragraph(
                    _(
                        "The concept note's figure for %(area)s (%(cited)s, %(year)s) agrees "
                        "with UN DESA's estimate of %(data)s."
                    )
                    % values
                )
            )
    parts = [f for f in found if f.area in AMERICAS_SUBREGIONS]
    if parts:
        section.add(charts.stock_by_subregion(parts, language, source))
    return section, any(finding.agrees is False for finding in findings.values())


def _session_section(session: Session, participants: list[Participant], language: str) -> Section:
    section = Section("session", _("The session"))
    agenda = Section("agenda", _("Agenda"))
    agenda.add(BulletList([localized(item.title, language) for item in session.agenda.all()]))
    if "agenda" in session.unconfirmed:
        agenda.add(
            Paragraph(
                _("The agenda is not confirmed by a published order of business."), emphasis=True
            )
        )
    questions = Section("questions", _("Guiding questions"))
    for question in session.questions.all():
        questions.add(
            Paragraph(
                _("Question %(number)s") % {"number": question.number}
                + ": "
                + question.text_in(language),
                language="" if language in question.text else session.concept_note_language,
            )
        )
        if language in question.translated:
            questions.add(
                Paragraph(_("Translation by Sinergia; the original is in Spanish."), emphasis=True)
            )
    counts: dict[str, int] = defaultdict(int)
    for participant in participants:
        counts[participant.kind] += 1
    section.add(
        Table(
            caption=_("Participants (Annex 1)"),
            headers=[_("Kind"), _("Number")],
            rows=[
                [capfirst(str(label)), _number(counts[kind])]
                for kind, label in ParticipantKind.choices
                if counts[kind]
            ],
            numeric=[1],
        )
    )
    section.subsections = [agenda, questions]
    return section


def _contribution_blocks(contributions: list[Contribution], language: str) -> list:
    """The parts of a participant's contributions, part by part, each quoted in its language."""
    blocks: list = []
    labels = {
        "added_value": _("Added value"),
        "challenges": _("Challenges"),
        "good_practices": _("Good practices"),
        "coordination": _("Coordination opportunities"),
        "statement": _("Statement"),
    }
    for key, label in labels.items():
        texts = [(c, getattr(c, key)) for c in contributions if getattr(c, key).strip()]
        if not texts:
            continue
        blocks.append(Paragraph(label, emphasis=True))
        for contribution, text in texts:
            attribution = _("%(participant)s, question %(number)s") % {
                "participant": contribution.participant.name,
                "number": contribution.question.number,
            }
            if contribution.language != language:
                attribution += " · " + language_note(
                    contribution.language, language, translated=False
                )
            blocks.append(Quote(text=text, attribution=attribution, language=contribution.language))
    # Only the practices the public may see: the report's contributions are read as it does.
    practices = [p for c in contributions for p in c.visible_practices]  # type: ignore[attr-defined]
    if practices:
        blocks.append(
            BulletList(
                [
                    _("Reported to the practice repository: %(title)s") % {"title": p.title}
                    for p in practices
                ]
            )
        )
    return blocks


def _by_participant(contributions: list[Contribution]) -> dict[int, list[Contribution]]:
    grouped: dict[int, list[Contribution]] = defaultdict(list)
    for contribution in contributions:
        grouped[contribution.participant_id].append(contribution)
    return grouped


def _mechanisms_section(
    contributions: list[Contribution], participants: list[Participant], language: str
) -> Section:
    section = Section("mechanisms", pgettext("report section", "Mechanisms and processes"))
    grouped = _by_participant(contributions)
    mechanisms = [p for p in participants if p.kind == ParticipantKind.MECHANISM]
    mechanisms.sort(key=lambda p: p.mechanism.acronym)  # type: ignore[union-attr]
    if not mechanisms:
        section.add(Paragraph(_("No mechanism took part.")))
    for participant in mechanisms:
        mechanism = participant.mechanism
        assert mechanism is not None
        sub = Section(
            f"mechanism-{mechanism.acronym.lower()}",
            f"{localized(mechanism.names, language)} ({mechanism.acronym})",
        )
        members = member_codes(mechanism)
        facts = _("Kind: %(kind)s. Member states recorded in Sinergia: %(count)s.") % {
            "kind": mechanism.get_kind_display(),
            "count": len(members),
        }
        sub.add(Paragraph(facts))
        own = grouped.get(participant.pk, [])
        # A body whose contribution is recorded took part, whatever the sources say.
        if not participant.confirmed and not own:
            sub.add(Paragraph(_("Its participation in the session is not confirmed by a source.")))
        if own:
            sub.blocks.extend(_contribution_blocks(own, language))
        else:
            sub.add(Paragraph(_("No contribution has been recorded.")))
        section.subsections.append(sub)
    return section


def _delegations_section(contributions: list[Contribution], language: str) -> Section:
    section = Section("delegations", _("State delegations and other participants"))
    grouped = _by_participant(contributions)
    others = [cs for cs in grouped.values() if cs[0].participant.kind != ParticipantKind.MECHANISM]
    others.sort(key=lambda cs: cs[0].participant.name)
    if not others:
        section.add(
            Paragraph(_("No contribution from a delegation or organization has been recorded."))
        )
    for own in others:
        participant = own[0].participant
        sub = Section(f"participant-{participant.pk}", participant.name)
        sub.blocks.extend(_contribution_blocks(own, language))
        section.subsections.append(sub)
    return section


def _themes_section(contributions: list[Contribution], language: str) -> Section:
    section = Section("themes", _("Cross-cutting themes"))
    who: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, str] = {}
    for contribution in contributions:
        for theme in contribution.themes.all():
            who[theme.key].add(contribution.participant.short_name)
            labels[theme.key] = localized(theme.labels, language)
    shared = sorted((k for k in who if len(who[k]) >= 2), key=lambda k: (-len(who[k]), labels[k]))
    if not who:
        section.add(Paragraph(_("No contribution has been recorded, so no theme can be shown.")))
        return section
    section.add(
        Paragraph(
            _(
                "Themes are found in each contribution by Sinergia's vocabulary, in the "
                "language it was written in."
            )
            + " "
            + ngettext(
                "The contributions raise %(count)s theme.",
                "The contributions raise %(count)s themes.",
                len(who),
            )
            % {"count": _number(len(who))}
            + " "
            + ngettext(
                "%(count)s of them was raised by two or more participants.",
                "%(count)s of them were raised by two or more participants.",
                len(shared),
            )
            % {"count": _number(len(shared))}
        )
    )
    ranked = sorted(who, key=lambda k: (-len(who[k]), labels[k]))
    table = Table(
        caption=_("Themes raised in the contributions"),
        headers=[_("Theme"), _("Participants"), _("Who raised it")],
        rows=[[labels[k], _number(len(who[k])), ", ".join(sorted(who[k]))] for k in ranked],
        numeric=[1],
    )
    if shared:
        section.add(charts.themes_bar([(labels[k], len(who[k])) for k in shared], language))
    section.add(table)
    return section


def _status_label(status: str) -> str:
    return str(ActionStatus(status).label)


def _follow_up_section(
    actions: list[FollowUpAction],
    moved: list[ProgressNote],
    previous: Session | None,
    language: str,
) -> Section:
    section = Section("follow-up", _("Follow-up actions"))
    if actions:
        section.add(
            Table(
                caption=_("Actions agreed at this session"),
                headers=[_("Action"), _("Owner"), _("Due"), _("Status")],
                rows=[
                    [
                        a.description,
                        a.owner_name,
                        format_day(a.due) if a.due else "—",
                        _status_label(a.status),
                    ]
                    for a in actions
                ],
            )
        )
    else:
        section.add(Paragraph(_("No action has been recorded for this session.")))
    moved_section = Section("moved", _("What moved since the previous session"))
    if previous is None:
        moved_section.add(Paragraph(_("This is the first session recorded in Sinergia.")))
    elif not moved:
        moved_section.add(
            Paragraph(
                _("No progress was reported on the actions of earlier sessions since %(date)s.")
                % {"date": format_day(previous.date)}
            )
        )
    else:
        moved_section.add(
            Table(
                caption=_("Progress since %(date)s") % {"date": format_day(previous.date)},
                headers=[_("Action"), _("Owner"), _("Change"), _("Progress note"), _("When")],
                rows=[
                    [
                        note.action.description,
                        note.action.owner_name,
                        f"{_status_label(note.status_before)} → {_status_label(note.status_after)}",
                        note.note,
                        format_day(timezone.localtime(note.at).date()),
                    ]
                    for note in moved
                ],
            )
        )
    section.subsections.append(moved_section)
    return section


def _participants_annex(
    participants: list[Participant], contributions: list[Contribution], language: str
) -> Section:
    section = Section("annex-participants", _("Annex 1. Participants"))
    counts: dict[int, int] = defaultdict(int)
    for contribution in contributions:
        counts[contribution.participant_id] += 1
    rows = [
        [
            p.name,
            p.get_kind_display(),
            p.get_role_display(),
            _("yes") if p.confirmed or counts[p.pk] else _("not confirmed"),
            _number(counts[p.pk]),
        ]
        for p in sorted(participants, key=lambda p: (p.kind, p.name))
    ]
    section.add(
        Table(
            caption=_("Participants"),
            headers=[_("Participant"), _("Kind"), _("Role"), _("Confirmed"), _("Contributions")],
            rows=rows,
            numeric=[4],
        )
    )
    return section


def _sources_annex(session: Session, sources: Sources) -> Section:
    section = Section("annex-sources", _("Annex 2. Sources"))
    for source in session.sources.all():
        sources.add_source(source)
    headings = {
        SourceQuality.OFFICIAL: _("Official sources"),
        SourceQuality.INTERGOVERNMENTAL: _("Intergovernmental sources"),
        SourceQuality.PRESS: _("Press"),
        SourceQuality.OTHER: _("Other sources"),
    }
    for quality, texts in sources.by_quality():
        section.add(Paragraph(str(headings[quality]), emphasis=True))  # type: ignore[index]
        section.add(BulletList(texts, [sources.languages.get(text, "") for text in texts]))
    return section
