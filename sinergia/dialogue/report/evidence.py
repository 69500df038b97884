"""The coordination opportunities of a session's report and the texts that support them:
what the synergy engine proposes as of the session's date, what the secretariat chose, and
the sources cited, by quality."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from sinergia.dialogue.models import Contribution, Participant, Session
from sinergia.dialogue.report.content import Paragraph, Quote, Section, Table
from sinergia.i18n import format_day, localized
from sinergia.registry.models import SOURCE_QUALITY_RANK, Source, SourceQuality
from sinergia.synergy.analysis import Opportunity
from sinergia.synergy.selectors import registry_analysis, wording_labels
from sinergia.synergy.snapshot import TextItem
from sinergia.synergy.wording import form_label, language_name, quality_label, suggestion_text

# The opportunities the report gives unless the secretariat chooses others.
DEFAULT_OPPORTUNITIES = 5


class Sources:
    """The sources the report cites, each with the quality of its publisher, in order of
    first citation; the annex lists them best first."""

    def __init__(self) -> None:
        self.entries: dict[str, str] = {}  # text: quality
        self.languages: dict[str, str] = {}  # text: the language of its title

    def cite(self, text: str, quality: str = SourceQuality.OTHER, language: str = "") -> str:
        if text and text not in self.entries:
            self.entries[text] = quality
            self.languages[text] = language
        return text

    def add_source(self, source: Source | None) -> str:
        if source is None:
            return ""
        text = f"{source.publisher}: {source.title}" + (f" — {source.url}" if source.url else "")
        return self.cite(text, source.quality or SourceQuality.OTHER, source.language)

    def by_quality(self) -> list[tuple[str, list[str]]]:
        """(quality, the texts of that quality in order of citation), best quality first."""
        grouped: dict[str, list[str]] = defaultdict(list)
        for text, quality in self.entries.items():
            grouped[quality if quality in SOURCE_QUALITY_RANK else SourceQuality.OTHER].append(text)
        return [(q, grouped[q]) for q in SourceQuality.values if grouped.get(q)]


@dataclass
class Choices:
    """What the secretariat chose: which opportunities appear and in what order (keys such
    as "crm-mirps"; None: the engine's strongest), and which texts each quotes (keys of
    the registry's texts, in order; an opportunity absent here quotes the strongest)."""

    opportunities: list[str] | None = None
    quotes: dict[str, list[str]] | None = None


@dataclass
class Shown:
    """An opportunity as the report gives it, for the summary and the conclusions."""

    key: str
    a: str
    b: str
    form: str  # in words, in the report's language
    theme: str  # the first shared theme, in words


def opportunity_key(opportunity: Opportunity) -> str:
    return f"{opportunity.a.lower()}-{opportunity.b.lower()}"


def session_opportunities(session: Session, participants: list[Participant]) -> tuple:
    """The engine's analysis as of the session's date, and its opportunities that involve a
    body present, strongest first."""
    present = {p.mechanism.acronym for p in participants if p.mechanism_id}  # type: ignore[union-attr]
    analysis = registry_analysis(min(session.date, timezone.localdate()))
    return analysis, [o for o in analysis.opportunities if o.a in present or o.b in present]


def eligible_texts(opportunity: Opportunity, day: datetime.date) -> list[TextItem]:
    """The texts that may be quoted for `opportunity`: dated on or before `day` (the
    session), not the session's own contributions (quoted where their authors are)."""
    seen: dict[str, TextItem] = {}
    for match in opportunity.evidence:
        for item in (match.a, match.b):
            latest = item.latest_day
            if item.kind == "contribution" or latest is None or latest > day:
                continue
            seen.setdefault(item.key, item)
    return list(seen.values())


def opportunities_section(
    session: Session,
    participants: list[Participant],
    contributions: list[Contribution],
    sources: Sources,
    language: str,
    choices: Choices | None = None,
) -> tuple[Section, list[Shown]]:
    choices = choices or Choices()
    section = Section("opportunities", _("Coordination opportunities"))
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
    analysis, candidates = session_opportunities(session, participants)
    labels = wording_labels()
    if choices.opportunities is None:
        chosen = candidates[:DEFAULT_OPPORTUNITIES]
    else:
        by_key = {opportunity_key(o): o for o in candidates}
        chosen = [by_key[key] for key in choices.opportunities if key in by_key]
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
            % {"date": format_day(session.date)}
        )
    )
    if not chosen:
        section.add(Paragraph(_("The engine found no opportunity involving these mechanisms.")))
    shown = []
    theme_label = labels["theme_label"]
    for opportunity in chosen:
        key = opportunity_key(opportunity)
        form = form_label(opportunity.form, language)
        sub = Section(f"opportunity-{key}", f"{opportunity.a} — {opportunity.b}: {form}")
        text = suggestion_text(
            opportunity,
            analysis.snapshot,
            language=language,
            theme_label=theme_label,  # type: ignore[arg-type]
            iso2=labels["iso2"],  # type: ignore[arg-type]
        )
        sub.add(Paragraph(text))
        picked = (choices.quotes or {}).get(key)
        if picked is None:
            quotes = evidence_chosen(opportunity, session.date, language)
        else:
            texts = {item.key: item for item in eligible_texts(opportunity, session.date)}
            quotes = [texts[k] for k in picked if k in texts][:QUOTES_PER_OPPORTUNITY]
        for item in quotes:
            cited = sources.cite(
                f"{item.source_title}" + (f" — {item.source_url}" if item.source_url else ""),
                item.source_quality,
                item.source_language,
            )
            sub.add(evidence_quote(item, cited, language))
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
        theme = opportunity.themes[0] if opportunity.themes else ""
        shown.append(
            Shown(
                key=key,
                a=opportunity.a,
                b=opportunity.b,
                form=form,
                theme=localized(theme_label.get(theme), language) if theme else "",  # type: ignore[attr-defined]
            )
        )
    return section, shown


# At most this many quotes support an opportunity: the strongest, one from each side.
QUOTES_PER_OPPORTUNITY = 2
# Sources an official can cite side by side; press comes next, anything else last.
_STRENGTH = {"official": 0, "intergovernmental": 0, "press": 1, "other": 2}


def evidence_chosen(opportunity: Opportunity, day: datetime.date, language: str) -> list[TextItem]:
    """The texts quoted for `opportunity`: only those dated on or before `day` (the session),
    not the session's own contributions (quoted where their authors are), from the strongest
    sources that support it (weaker ones only when nothing stronger does), in the report's
    language or translated into it first, one from each mechanism where possible."""
    eligible = eligible_texts(opportunity, day)
    if not eligible:
        return []
    strongest = min(_STRENGTH.get(item.source_quality, 2) for item in eligible)
    candidates = [i for i in eligible if _STRENGTH.get(i.source_quality, 2) == strongest]

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


def language_note(original: str, language: str, *, translated: bool) -> str:
    """ "original en inglés" / "traducción; original en inglés": never a bare code."""
    name = language_name(original, language)
    if translated:
        return _("translation; original in %(language)s") % {"language": name}
    return _("original in %(language)s") % {"language": name}


def evidence_quote(item: TextItem, cited: str, language: str) -> Quote:
    translated = item.translations.get(language, "") if item.language != language else ""
    when = (
        format_day(item.date, precision=item.date_precision)
        if item.date is not None
        else str(item.year or "")
    )
    parts = [item.mechanism, when, quality_label(item.source_quality, language)]
    if item.language != language:
        parts.append(language_note(item.language, language, translated=bool(translated)))
    parts.append(cited)
    return Quote(
        key=item.key,
        text=translated or item.text,
        attribution=" · ".join(part for part in parts if part),
        language=language if translated else item.language,
        cited=cited,
        cited_language=item.source_language,
    )


@dataclass
class Option:
    """An opportunity the secretariat may show, with the texts it may quote."""

    key: str
    heading: str
    quotes: list[Quote]


def opportunity_options(
    session: Session, participants: list[Participant], language: str
) -> list[Option]:
    """Every opportunity involving a body present, strongest first, each with every text
    dated on or before the session that supports it (strongest sources first)."""
    _analysis, candidates = session_opportunities(session, participants)
    options = []
    for opportunity in candidates:
        texts = sorted(
            eligible_texts(opportunity, session.date),
            key=lambda item: SOURCE_QUALITY_RANK.get(item.source_quality, len(SOURCE_QUALITY_RANK)),
        )
        options.append(
            Option(
                key=opportunity_key(opportunity),
                heading=f"{opportunity.a} — {opportunity.b}: "
                + form_label(opportunity.form, language),
                quotes=[evidence_quote(item, item.source_title, language) for item in texts],
            )
        )
    return options
