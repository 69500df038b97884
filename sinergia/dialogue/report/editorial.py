"""The parts of the report the secretariat writes: the executive summary and the conclusions
and recommendations. Sinergia proposes them from the data; once the secretariat has written
its own (Markdown), the report gives that instead."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sinergia.dialogue.models import Contribution, FollowUpAction, Participant, ParticipantKind
from sinergia.dialogue.report.content import BulletList, Paragraph, Prose, Section
from sinergia.dialogue.report.evidence import Shown
from sinergia.i18n import format_number, localized
from sinergia.synergy.wording import language_name

# The themes the summary names, the most shared first.
SUMMARY_THEMES = 3


@dataclass
class Facts:
    """What the summary and the conclusions count, from the same data as the sections."""

    convener: str
    date: str
    participants: list[Participant]
    contributions: list[Contribution]
    actions: list[FollowUpAction]
    opportunities: list[Shown]
    figures_differ: bool  # a figure of the concept note differs from UN DESA's estimate


def _shared_themes(contributions: list[Contribution], language: str) -> list[tuple[str, int]]:
    who: dict[str, set[int]] = defaultdict(set)
    labels: dict[str, str] = {}
    for contribution in contributions:
        for theme in contribution.themes.all():
            who[theme.key].add(contribution.participant_id)
            labels[theme.key] = localized(theme.labels, language)
    ranked = sorted((k for k in who if len(who[k]) >= 2), key=lambda k: (-len(who[k]), labels[k]))
    return [(labels[k], len(who[k])) for k in ranked]


def _series(items: list[str]) -> str:
    """ "a, b and c" in the active language (Babel's list patterns)."""
    from babel.lists import format_list

    from sinergia.i18n import current_language

    return format_list(items, locale=current_language()) if items else ""


def _participants_sentence(facts: Facts) -> str:
    """How many took part, by kind (kinds absent from the session left out)."""
    if not facts.participants:
        return _("No participant is recorded.") + " "
    kinds: dict[str, int] = defaultdict(int)
    for participant in facts.participants:
        kinds[participant.kind] += 1
    by_kind = {
        ParticipantKind.MECHANISM: ngettext(
            "%(count)s mechanism or process",
            "%(count)s mechanisms and processes",
            kinds[ParticipantKind.MECHANISM],
        ),
        ParticipantKind.DELEGATION: ngettext(
            "%(count)s state delegation",
            "%(count)s state delegations",
            kinds[ParticipantKind.DELEGATION],
        ),
        ParticipantKind.ORGANIZATION: ngettext(
            "%(count)s other organization",
            "%(count)s other organizations",
            kinds[ParticipantKind.ORGANIZATION],
        ),
    }
    present = [
        text % {"count": format_number(kinds[kind])}
        for kind, text in by_kind.items()
        if kinds[kind]
    ]
    return (
        ngettext(
            "%(count)s participant is recorded: ",
            "%(count)s participants are recorded: ",
            len(facts.participants),
        )
        % {"count": format_number(len(facts.participants))}
        + _series(present)
        + ". "
    )


def _unconfirmed_sentence(facts: Facts) -> str:
    """How many participants no source confirms and no recorded contribution shows, as the
    sections say of each, so that the summary's count never reads as a confirmation."""
    contributed = {contribution.participant_id for contribution in facts.contributions}
    unconfirmed = [p for p in facts.participants if not p.confirmed and p.pk not in contributed]
    if not unconfirmed:
        return ""
    if len(unconfirmed) == len(facts.participants):
        return _("No source confirms their participation yet.") + " "
    return (
        ngettext(
            "The participation of %(count)s of them is not confirmed by a source.",
            "The participation of %(count)s of them is not confirmed by a source.",
            len(unconfirmed),
        )
        % {"count": format_number(len(unconfirmed))}
        + " "
    )


def summary_section(facts: Facts, language: str, markdown: str = "") -> Section:
    section = Section("summary", _("Executive summary"))
    if markdown.strip():
        section.add(Prose(markdown))
        return section
    languages = sorted({c.language for c in facts.contributions})
    section.add(
        Paragraph(
            _(
                "On %(date)s the %(convener)s held its annual dialogue with the mechanisms and "
                "processes on migration."
            )
            % {"date": facts.date, "convener": facts.convener}
            + " "
            + _participants_sentence(facts)
            + _unconfirmed_sentence(facts)
            + (
                ngettext(
                    "%(count)s contribution was recorded, in %(languages)s.",
                    "%(count)s contributions were recorded, in %(languages)s.",
                    len(facts.contributions),
                )
                % {
                    "count": format_number(len(facts.contributions)),
                    "languages": _series([language_name(code, language) for code in languages]),
                }
                if facts.contributions
                else _("No contribution has been recorded.")
            )
        )
    )
    themes = _shared_themes(facts.contributions, language)
    if themes:
        section.add(
            Paragraph(
                _("The themes most shared among the participants were %(themes)s.")
                % {
                    "themes": _series(
                        [
                            ngettext(
                                "%(theme)s (%(count)s participant)",
                                "%(theme)s (%(count)s participants)",
                                n,
                            )
                            % {"theme": label, "count": format_number(n)}
                            for label, n in themes[:SUMMARY_THEMES]
                        ]
                    )
                }
            )
        )
    if facts.opportunities:
        section.add(
            Paragraph(
                ngettext(
                    "The report sets out %(count)s coordination opportunity among the bodies "
                    "present: %(pairs)s.",
                    "The report sets out %(count)s coordination opportunities among the bodies "
                    "present: %(pairs)s.",
                    len(facts.opportunities),
                )
                % {
                    "count": format_number(len(facts.opportunities)),
                    "pairs": _series([f"{o.a} — {o.b} ({o.form})" for o in facts.opportunities]),
                }
            )
        )
    section.add(
        Paragraph(
            ngettext(
                "%(count)s follow-up action was agreed.",
                "%(count)s follow-up actions were agreed.",
                len(facts.actions),
            )
            % {"count": format_number(len(facts.actions))}
            if facts.actions
            else _("No follow-up action has been recorded for this session.")
        )
    )
    return section


def conclusions_section(facts: Facts, language: str, markdown: str = "") -> Section:
    section = Section("conclusions", _("Conclusions and recommendations"))
    if markdown.strip():
        section.add(Prose(markdown))
        return section
    section.add(
        Paragraph(
            _(
                "Proposed by Sinergia from the data; the secretariat reviews them before the "
                "report is final."
            ),
            emphasis=True,
            aside=True,
        )
    )
    themes = _shared_themes(facts.contributions, language)
    conclusions = []
    if themes:
        conclusions.append(
            _("The participants converge on %(themes)s.")
            % {"themes": _series([label for label, _n in themes[:SUMMARY_THEMES]])}
        )
    if facts.opportunities:
        conclusions.append(
            ngettext(
                "The registry shows %(count)s opportunity for the bodies present to coordinate.",
                "The registry shows %(count)s opportunities for the bodies present to coordinate.",
                len(facts.opportunities),
            )
            % {"count": format_number(len(facts.opportunities))}
        )
    if conclusions:
        section.add(Paragraph(" ".join(conclusions)))
    recommendations = [
        _("That %(a)s and %(b)s consider this form of coordination: %(form)s, on %(theme)s.")
        % {"a": o.a, "b": o.b, "form": o.form, "theme": o.theme}
        if o.theme
        else _("That %(a)s and %(b)s consider this form of coordination: %(form)s.")
        % {"a": o.a, "b": o.b, "form": o.form}
        for o in facts.opportunities
    ]
    if facts.actions:
        recommendations.append(
            _("That the follow-up actions agreed be reviewed at the next session of the dialogue.")
        )
    if facts.figures_differ:
        recommendations.append(
            _(
                "That the figures of the concept note be brought into line with UN DESA's "
                "estimates where they differ."
            )
        )
    if recommendations:
        section.add(Paragraph(_("Recommendations"), emphasis=True))
        section.add(BulletList(recommendations))
    return section
