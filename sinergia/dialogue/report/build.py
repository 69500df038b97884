"""Build a session's consolidated report from the data: the statistics, the contributions,
the synergy engine and the follow-up actions."""

from __future__ import annotations

from collections import defaultdict

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import override, pgettext

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
from sinergia.i18n import LANGUAGE_CODES, localized
from sinergia.regions import AMERICAS_AREAS, AMERICAS_SUBREGIONS
from sinergia.registry.models import Source
from sinergia.registry.selectors import member_codes
from sinergia.statistics import selectors as statistics
from sinergia.statistics.checking import check_figures
from sinergia.statistics.editions import STOCK_YEAR
from sinergia.synergy.selectors import registry_analysis, wording_labels
from sinergia.synergy.wording import evidence_quote, form_label, suggestion_text

REPORT_LANGUAGES = LANGUAGE_CODES
# The Americas and their parts, as UN M49 groups them (and as the concept note cites them).
MAX_OPPORTUNITIES = 8


class _Sources:
    """The sources the report cites, numbered in order of first citation."""

    def __init__(self) -> None:
        self.entries: dict[str, str] = {}

    def cite(self, text: str) -> str:
        if text and text not in self.entries:
            self.entries[text] = text
        return text

    def add_source(self, source: Source | None) -> str:
        if source is None:
            return ""
        text = f"{source.publisher}: {source.title}" + (f" — {source.url}" if source.url else "")
        return self.cite(text)


def _number(value: int | float) -> str:
    return number_format(value, force_grouping=True)


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
            (_("Date"), date_format(session.date, "DATE_FORMAT")),
            (_("Convened by"), localized(session.convener.names, language)),
            (_("Place"), session.place or _("not recorded")),
            (_("Modality"), session.get_modality_display() or _("not recorded")),
            (
                _("Generated"),
                _("%(when)s by Sinergia, from the data recorded on that date")
                % {"when": date_format(timezone.localdate(), "DATE_FORMAT")},
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
            % {"convener": convener, "date": date_format(session.date, "DATE_FORMAT")}
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
        cited = _number(finding.cited_value) if finding else "—"
        rows.append(
            [
                statistics.area_name(figure.area, language),
                _number(figure.total),
                f"{figure.share_percent:.1f}" if figure.share_percent is not None else "—",
                cited,
            ]
        )
    section.add(
        Table(
            caption=_("International migrants in the Americas, %(year)s") % {"year": STOCK_YEAR},
            headers=[
                _("Area"),
                _("International migrants"),
                _("Share of population (%)"),
                _("Figure in the concept note"),
            ],
            rows=rows,
            source=source,
            numeric=[1, 2, 3],
        )
    )
    for finding in findings.values():
        values = {
            "cited": finding.cited_text,
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
                [capfirst(str(label)), str(counts[kind])]
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
        if not participant.confirmed:
            sub.add(Paragraph(_("Its participation in the session is not confirmed by a source.")))
        own = grouped.get(participant.pk, [])
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
                "language it was written in. %(count)s themes were raised by two or more "
                "participants."
            )
            % {"count": len(shared)}
        )
    )
    ranked = sorted(who, key=lambda k: (-len(who[k]), labels[k]))
    table = Table(
        caption=_("Themes raised in the contributions"),
        headers=[_("Theme"), _("Participants"), _("Who raised it")],
        rows=[[labels[k], str(len(who[k])), ", ".join(sorted(who[k]))] for k in ranked],
        numeric=[1],
    )
    if shared:
        section.add(charts.themes_bar([(labels[k], len(who[k])) for k in shared[:15]], language))
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
                "and commitments that existed on that date count. These are the strongest "
                "opportunities that involve a body present at the session, with the texts that "
                "support them, best sources first."
            )
            % {"date": date_format(day, "DATE_FORMAT")}
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
        for match in opportunity.evidence[:3]:
            for item in (match.a, match.b):
                cited = sources.cite(
                    f"{item.source_title}" + (f" — {item.source_url}" if item.source_url else "")
                )
                # In the report's language where a translation exists, with its date and the
                # quality of its source beside it.
                quote = evidence_quote(item, language)
                sub.add(
                    Quote(
                        text=quote.text,
                        attribution=f"{item.mechanism} · {quote.note} · {cited}",
                        language=quote.language,
                    )
                )
        section.subsections.append(sub)
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
                        date_format(a.due, "DATE_FORMAT") if a.due else "—",
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
                % {"date": date_format(previous.date, "DATE_FORMAT")}
            )
        )
    else:
        moved_section.add(
            Table(
                caption=_("Progress since %(date)s")
                % {"date": date_format(previous.date, "DATE_FORMAT")},
                headers=[_("Action"), _("Owner"), _("Change"), _("Progress note"), _("When")],
                rows=[
                    [
                        note.action.description,
                        note.action.owner_name,
                        f"{_status_label(note.status_before)} → {_status_label(note.status_after)}",
                        note.note,
                        date_format(timezone.localtime(note.at).date(), "DATE_FORMAT"),
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
            _("yes") if p.confirmed else _("not confirmed"),
            str(counts[p.pk]),
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
    section.add(BulletList(list(sources.entries)))
    return section
