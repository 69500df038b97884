"""The analysis as plain dictionaries and tables: what the API, the CLI and reports emit."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sinergia.downloads import csv_text
from sinergia.synergy.alignment import JointContribution
from sinergia.synergy.analysis import Analysis, Duplication, Opportunity, TextMatch
from sinergia.synergy.gaps import GapExplanation, subregion_confidence
from sinergia.synergy.snapshot import TextItem
from sinergia.synergy.states import StateView
from sinergia.synergy.wording import form_label, review_name, suggestion_texts

GAPS_NOTE = (
    "A regional body is a non-global body whose states meet and act (consultative process, "
    "forum, organization or committee, network of authorities, or a framework with members "
    "and meetings of its own), active and not dormant on the day. Global frameworks and "
    "instruments are apart. The confidence of a subregion's gaps is the mean completeness "
    "of its bodies' recorded agendas (1 = ten or more lines of work, one of them from the "
    "last three years)."
)


def text_dict(text: TextItem) -> dict[str, Any]:
    return {
        "mechanism": text.mechanism,
        "kind": text.kind,
        "text": text.text,
        "language": text.language,
        "translations": dict(text.translations),
        "year": text.year,
        "date": text.date_display or None,
        "themes": sorted(text.themes),
        "source_title": text.source_title,
        "source_url": text.source_url,
        "source_quality": text.source_quality,
    }


def evidence_dict(match: TextMatch) -> dict[str, Any]:
    return {
        "similarity": match.similarity,
        "themes": match.shared_themes,
        "source_quality": match.quality,
        "texts": [text_dict(match.a), text_dict(match.b)],
    }


def joint_contribution_dict(joint: JointContribution) -> dict[str, Any]:
    return {
        "review": joint.review,
        "name": {language: review_name(joint.review, language) for language in ("es", "en")},
        "mechanisms": [joint.a, joint.b],
        "framework": joint.framework,
        "items": joint.codes,
        "shared_countries": joint.shared_countries,
        "adopters": joint.adopters,
    }


def opportunity_dict(
    opportunity: Opportunity, rank: int, analysis: Analysis, labels: dict[str, Any]
) -> dict[str, Any]:
    return {
        "key": opportunity.key,
        "rank": rank,
        "mechanisms": [opportunity.a, opportunity.b],
        "themes": opportunity.themes,
        "shared_countries": opportunity.shared_countries,
        "score": opportunity.score,
        "jaccard": opportunity.jaccard,
        "overlap_coefficient": opportunity.overlap_coefficient,
        "theme_overlap": opportunity.theme_overlap,
        "suggestion": {
            "form": opportunity.form,
            "label": {
                language: form_label(opportunity.form, language) for language in ("es", "en")
            },
            "text": suggestion_texts(opportunity, analysis.snapshot, **labels),
        },
        "evidence": [evidence_dict(match) for match in opportunity.evidence],
        "reviews": [joint_contribution_dict(joint) for joint in opportunity.reviews],
    }


def duplication_dict(duplication: Duplication) -> dict[str, Any]:
    return {
        "mechanisms": [duplication.a, duplication.b],
        "theme": duplication.theme,
        "shared_countries": duplication.shared_countries,
        "overlap_coefficient": duplication.overlap_coefficient,
        "score": duplication.score,
        "evidence": [evidence_dict(match) for match in duplication.evidence],
    }


def gaps_dict(analysis: Analysis) -> dict[str, Any]:
    return {
        "note": GAPS_NOTE,
        "subregions": [
            {
                "subregion": coverage.subregion,
                "gaps": coverage.gaps,
                "covered": {theme: found for theme, found in coverage.by_theme.items() if found},
                "confidence": subregion_confidence(analysis, coverage.subregion),
            }
            for coverage in analysis.coverage
        ],
        "countries": [asdict(gap) for gap in analysis.gaps],
    }


def gap_explanation_dict(explanation: GapExplanation) -> dict[str, Any]:
    return {
        "subregion": explanation.subregion,
        "theme": explanation.theme,
        "covered": explanation.covered,
        "covering": explanation.covering,
        "confidence": explanation.confidence,
        "confidence_level": explanation.confidence_level,
        "considered": [
            {
                "mechanism": body.acronym,
                "reason": body.reason,
                "members_here": body.members_here,
                "agenda_size": body.agenda_size,
                "recent_text": body.recent_text,
                "completeness": body.completeness,
                "last_meeting": body.last_meeting.isoformat() if body.last_meeting else None,
                "texts": [text_dict(text) for text in body.texts],
            }
            for body in explanation.considered
        ],
        "global_frameworks": [
            {
                "mechanism": cover.acronym,
                "kind": cover.kind,
                "adopters_here": cover.adopters_here,
                "texts": [text_dict(text) for text in cover.texts],
            }
            for cover in explanation.global_frameworks
        ],
        "items": [{"framework": f, "code": c} for f, c in explanation.items],
    }


def bodies_dict(analysis: Analysis) -> list[dict[str, Any]]:
    """Every mechanism: body or instrument, and for bodies whether they are dormant and
    partners on the day."""
    day = analysis.snapshot.day
    advances = analysis.alignment.of_body
    return [
        {
            "mechanism": m.acronym,
            "kind": m.kind,
            "category": "body" if m.is_body else "instrument",
            "status": m.status,
            "acts_through": m.acts_through or None,
            "last_meeting": m.last_meeting.isoformat() if m.last_meeting else None,
            "dormant": m.dormant(day),
            "partner": m.partner_on(day),
            "advances": advances(m.acronym) if m.is_body else {},
        }
        for m in analysis.snapshot.mechanisms
    ]


def alignment_dict(analysis: Analysis) -> dict[str, Any]:
    return {
        "items": [
            {
                "framework": item.framework,
                "code": item.code,
                "mechanisms": item.bodies,
                "texts": {
                    body: [text_dict(text) for text in texts[:2]]
                    for body, texts in item.texts.items()
                },
            }
            for item in analysis.alignment.items
        ],
        "joint_contributions": [
            joint_contribution_dict(joint) for joint in analysis.alignment.joint
        ],
    }


def partners_dict(view: StateView) -> dict[str, Any]:
    return {
        "country": view.country,
        "on": view.day.isoformat(),
        "results": [
            {
                "country": partner.country,
                "shared_mechanisms": partner.shared_mechanisms,
                "themes": partner.themes,
                "meetings": partner.meetings,
            }
            for partner in view.partners
        ],
    }


def analysis_dict(analysis: Analysis, labels: dict[str, Any]) -> dict[str, Any]:
    """Everything, for `sinergia analyze --format json`."""
    texts = analysis.snapshot.texts
    return {
        "day": analysis.snapshot.day.isoformat(),
        "overlap": [asdict(pair) for pair in analysis.overlaps()],
        "opportunities": [
            opportunity_dict(opportunity, rank, analysis, labels)
            for rank, opportunity in enumerate(analysis.opportunities, start=1)
        ],
        "duplications": [duplication_dict(d) for d in analysis.duplications],
        "gaps": gaps_dict(analysis),
        "burden": [asdict(burden) for burden in analysis.burden],
        "bodies": bodies_dict(analysis),
        "alignment": alignment_dict(analysis),
        "near_duplicates": [
            {
                "similarity": pair.similarity,
                "cross_language": pair.cross_language,
                "texts": [text_dict(texts[pair.a]), text_dict(texts[pair.b])],
            }
            for pair in analysis.near_duplicates
        ],
    }


def opportunities_csv(analysis: Analysis, labels: dict[str, Any]) -> str:
    """The ranked opportunities as one CSV table (suggestions in English and Spanish)."""
    header = [
        "rank", "a", "b", "score", "form", "themes", "shared_countries", "jaccard",
        "overlap_coefficient", "theme_overlap", "evidence_pairs", "suggestion_en",
        "suggestion_es",
    ]  # fmt: skip
    rows = []
    for rank, opportunity in enumerate(analysis.opportunities, start=1):
        texts = suggestion_texts(opportunity, analysis.snapshot, **labels)
        rows.append(
            [
                rank,
                opportunity.a,
                opportunity.b,
                opportunity.score,
                opportunity.form,
                ";".join(opportunity.themes),
                ";".join(opportunity.shared_countries),
                opportunity.jaccard,
                opportunity.overlap_coefficient,
                opportunity.theme_overlap,
                len(opportunity.evidence),
                texts["en"],
                texts["es"],
            ]
        )
    return csv_text(header, rows)


def analysis_markdown(analysis: Analysis, labels: dict[str, Any]) -> str:
    """A readable summary in English, for `sinergia analyze --format md`."""
    lines = [f"# Synergies between mechanisms, {analysis.snapshot.day.isoformat()}", ""]
    lines += ["## Coordination opportunities", ""]
    for rank, opportunity in enumerate(analysis.opportunities[:20], start=1):
        text = suggestion_texts(opportunity, analysis.snapshot, **labels)["en"]
        lines.append(
            f"{rank}. **{opportunity.a} · {opportunity.b}** (score {opportunity.score:.2f}). {text}"
        )
        for match in opportunity.evidence[:2]:
            for prefix, item in (("   - ", match.a), ("     ", match.b)):
                when = item.date_display or "undated"
                lines.append(
                    f"{prefix}{item.mechanism}: “{item.text}” ({item.source_title}; {when}; "
                    f"{item.source_quality})"
                )
    dormant = ", ".join(
        f"{body.acronym} (last meeting {body.last_meeting or 'none recorded'})"
        for body in analysis.dormant
    )
    lines += ["", "## Dormant bodies", "", dormant or "none", ""]
    lines += ["", "## Possible duplication of effort", ""]
    for duplication in analysis.duplications[:15]:
        lines.append(
            f"- **{duplication.a} · {duplication.b}** on {duplication.theme}: "
            f"{len(duplication.shared_countries)} shared member states, "
            f"overlap coefficient {duplication.overlap_coefficient:.2f}"
        )
    lines += ["", "## Gaps by subregion", "", GAPS_NOTE, ""]
    for coverage in analysis.coverage:
        lines.append(f"- **{coverage.subregion}**: {', '.join(coverage.gaps) or 'none'}")
    lines += [
        "",
        "## Participation burden",
        "",
        "| country | mechanisms | meetings a year |",
        "|---|---:|---:|",
    ]
    for burden in analysis.burden:
        if burden.mechanisms:
            lines.append(
                f"| {burden.country} | {burden.mechanisms} | {burden.meetings_per_year:.1f} |"
            )
    return "\n".join(lines) + "\n"
