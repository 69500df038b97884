"""Build a session's consolidated report from the data: the statistics, the contributions,
the synergy engine and the follow-up actions."""

from __future__ import annotations

import datetime
from collections import defaultdict

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
    Paragraph,
    Quote,
    Report,
    Section,
    Table,
)
from sinergia.i18n import (
    LANGUAGE_CODES,
    format_day,
    format_large,
    format_number,
    format_percent,
    localized,
)
from sinergia.regions import AMERICAS_AREAS, AMERICAS_SUBREGIONS
from sinergia.registry.models import SOURCE_QUALITY_RANK, Source, SourceQuality
from sinergia.registry.selectors import member_codes
from sinergia.statistics import selectors as statistics
from sinergia.statistics.checking import check_figures
from sinergia.statistics.editions import STOCK_YEAR
from sinergia.synergy.analysis import Opportunity
from sinergia.synergy.selectors import registry_analysis, wording_labels
from sinergia.synergy.snapshot import TextItem
from sinergia.synergy.wording import form_label, language_name, quality_label, suggestion_text

REPORT_LANGUAGES = LANGUAGE_CODES
# The Americas and their parts, as UN M49 groups them (and as the concept note cites them).
MAX_OPPORTUNITIES = 8


class _Sources:
    """The sources the report cites, each with the quality of its publisher, in order of
    first citation; the annex lists them best first."""

    def __init__(self) -> None:
        self.entries: dict[str, str] = {}  # text: quality

    def cite(self, text: str, quality: str = SourceQuality.OTHER) -> str:
        if text and text not in self.entries:
            self.entries[text] = quality
        return text

    def add_source(self, source: Source | None) -> str:
        if source is None:
            return ""
        text = f"{source.publisher}: {source.title}" + (f" — {source.url}" if source.url else "")
        return self.cite(text, source.quality or SourceQuality.OTHER)

    def by_quality(self) -> list[tuple[str, list[str]]]:
        """(quality, the texts of that quality in order of citation), best quality first."""
        grouped: dict[str, list[str]] = defaultdict(list)
        for text, quality in self.entries.items():
            grouped[quality if quality in SOURCE_QUALITY_RANK else SourceQuality.OTHER].append(text)
        return [(q, grouped[q]) for q in SourceQuality.values if grouped.get(q)]


def _number(value: int | float) -> str:
    return format_number(value)


def report_build(session: Session, language: str) -> Report:
    """The consolidated report of `session` in `language`."""
    if language not in REPORT_LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    with override(language):
        data = selectors.report_data(session)
        sources = _Sources()
        sources.add_source(session.source)
        sections = [
            _background(session, sources, language),
            _session_section(session, data.participants, language),
            _mechanisms_section(data.contributions, data.participants, language),
            _delegations_section(data.contributions, language),
            _themes_section(data.contributions, language),
            _opportunities_section(
                session, data.participants, data.contributions, sources, language
            ),
            _follow_up_section(data.actions, data.moved, data.previous, language),
            _participants_annex(data.participants, data.contributions, language),
            _sources_annex(session, sources),
        ]
        meta = [
            (_("Date"), format_day(session.date)),
            (_("Convened by"), localized(session.convener.names, language)),
            (_("Place"), session.place or _("not recorded")),
            (_("Modality"), session.get_modality_display() or _("not recorded")),
            (
                _("Generated"),
                _("%(when)s by Sinergia, from the data recorded on that date")
                % {"when": format_day(timezone.localdate())},
            ),
        ]
        if session.document:
            meta.insert(1, (_("Document"), session.document))
        return Report(
            language=language,
            title=_("Consolidated report"),
            subtitle=localized(session.title, language),
            meta=meta,
            sections=sections,
        )


def _background(session: Session, sources: _Sources, language: str) -> Section:
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
        return section
    source = sources.cite(found[0].source)
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
    return section


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
                attribution += " · " + _language_note(
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


def _opportunities_section(
    session: Session,
    participants: list[Participant],
    contributions: list[Contribution],
    sources: _Sources,
    language: str,
) -> Section:
    section = Section("opportunities", _("Coordination opportunities"))
    present = {p.mechanism.acronym for p in participants if p.mechanism_id}  # type: ignore[union-attr]
    proposed: dict[tuple[str, str], list[str]] = defaultdict(list)
    for contribution in contributions:
        speaker = contribution.participant.short_name
        for mechanism in contribution.mentioned_mechanisms.all():
            proposed[(speaker, mechanism.acronym)].append(str(contribution.question.number))
    if proposed:
        section.add(
            Table(
                caption=_("Mechanisms named in the contributions"),
                headers=[_("Participant"), _("Mechanism named"), _("Question")],
                rows=[[a, b, ", ".join(sorted(set(q)))] for (a, b), q in sorted(proposed.items())],
            )
        )
    day = min(session.date, timezone.localdate())
    analysis = registry_analysis(day)
    labels = wording_labels()
    chosen = [o for o in analysis.opportunities if o.a in present or o.b in present]
    section.add(
        Paragraph(
            _(
                "Sinergia's synergy engine compares the mechanisms' member states, themes and "
                "texts as they stood on %(date)s: only the memberships, meetings, lines of work "
                "and commitments that existed on that date count, and only texts dated on or "
                "before it are quoted, at most two for each opportunity, from the strongest "
                "sources. These are the strongest opportunities that involve a body present at "
                "the session."
            )
            % {"date": format_day(day)}
        )
    )
    if not chosen:
        section.add(Paragraph(_("The engine found no opportunity involving these mechanisms.")))
    for opportunity in chosen[:MAX_OPPORTUNITIES]:
        sub = Section(
            f"opportunity-{opportunity.a.lower()}-{opportunity.b.lower()}",
            f"{opportunity.a} — {opportunity.b}: {form_label(opportunity.form, language)}",
        )
        text = suggestion_text(
            opportunity,
            analysis.snapshot,
            language=language,
            theme_label=labels["theme_label"],  # type: ignore[arg-type]
            iso2=labels["iso2"],  # type: ignore[arg-type]
        )
        sub.add(Paragraph(text))
        quotes = _evidence_chosen(opportunity, session.date, language)
        for item in quotes:
            cited = sources.cite(
                f"{item.source_title}" + (f" — {item.source_url}" if item.source_url else ""),
                item.source_quality,
            )
            sub.add(_evidence_quote(item, cited, language))
        if not quotes:
            sub.add(
                Paragraph(
                    _(
                        "No text of the registry dated on or before the session supports this "
                        "opportunity: it rests on the member states and themes the two share."
                    ),
                    emphasis=True,
                )
            )
        section.subsections.append(sub)
    return section


# At most this many quotes support an opportunity: the strongest, one from each side.
QUOTES_PER_OPPORTUNITY = 2
# Sources an official can cite side by side; press comes next, anything else last.
_STRENGTH = {"official": 0, "intergovernmental": 0, "press": 1, "other": 2}


def _evidence_chosen(opportunity: Opportunity, day: datetime.date, language: str) -> list[TextItem]:
    """The texts quoted for `opportunity`: only those dated on or before `day` (the session),
    not the session's own contributions (quoted where their authors are), from the strongest
    sources that support it (weaker ones only when nothing stronger does), in the report's
    language or translated into it first, one from each mechanism where possible."""
    seen: dict[str, TextItem] = {}
    for match in opportunity.evidence:
        for item in (match.a, match.b):
            latest = item.latest_day
            if item.kind == "contribution" or latest is None or latest > day:
                continue
            seen.setdefault(item.key, item)
    if not seen:
        return []
    strongest = min(_STRENGTH.get(item.source_quality, 2) for item in seen.values())
    candidates = [i for i in seen.values() if _STRENGTH.get(i.source_quality, 2) == strongest]

    def rank(item: TextItem) -> tuple[int, int, int]:
        readable = item.language == language or bool(item.translations.get(language))
        return (
            SOURCE_QUALITY_RANK.get(item.source_quality, len(SOURCE_QUALITY_RANK)),
            0 if readable else 1,
            -(item.latest_day or day).toordinal(),
        )

    candidates.sort(key=rank)
    chosen: list[TextItem] = []
    for side in (opportunity.a, opportunity.b):
        first = next((i for i in candidates if i.mechanism == side), None)
        if first is not None:
            chosen.append(first)
    for item in candidates:
        if len(chosen) >= QUOTES_PER_OPPORTUNITY:
            break
        if item not in chosen:
            chosen.append(item)
    return sorted(chosen[:QUOTES_PER_OPPORTUNITY], key=rank)


def _language_note(original: str, language: str, *, translated: bool) -> str:
    """ "original en inglés" / "traducción; original en inglés": never a bare code."""
    name = language_name(original, language)
    if translated:
        return _("translation; original in %(language)s") % {"language": name}
    return _("original in %(language)s") % {"language": name}


def _evidence_quote(item: TextItem, cited: str, language: str) -> Quote:
    translated = item.translations.get(language, "") if item.language != language else ""
    when = (
        format_day(item.date, precision=item.date_precision)
        if item.date is not None
        else str(item.year or "")
    )
    parts = [item.mechanism, when, quality_label(item.source_quality, language)]
    if item.language != language:
        parts.append(_language_note(item.language, language, translated=bool(translated)))
    parts.append(cited)
    return Quote(
        text=translated or item.text,
        attribution=" · ".join(part for part in parts if part),
        language=language if translated else item.language,
    )


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


def _sources_annex(session: Session, sources: _Sources) -> Section:
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
        section.add(BulletList(texts))
    return section
