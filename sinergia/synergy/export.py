"""The analysis as plain dictionaries and tables: what the API, the CLI and reports emit."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sinergia.downloads import csv_text
from sinergia.synergy.analysis import Analysis, Duplication, Opportunity, TextMatch
from sinergia.synergy.snapshot import TextItem
from sinergia.synergy.wording import form_label, suggestion_texts

GAPS_NOTE = (
    "A regional forum is a non-global mechanism whose states meet (consultative process, "
    "forum, network of authorities, organization or framework)."
)


def text_dict(text: TextItem) -> dict[str, Any]:
    return {
        "mechanism": text.mechanism,
        "kind": text.kind,
        "text": text.text,
        "language": text.language,
        "year": text.year,
        "themes": sorted(text.themes),
        "source_title": text.source_title,
        "source_url": text.source_url,
    }


def evidence_dict(match: TextMatch) -> dict[str, Any]:
    return {
        "similarity": match.similarity,
        "themes": match.shared_themes,
        "texts": [text_dict(match.a), text_dict(match.b)],
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
            }
            for coverage in analysis.coverage
        ],
        "countries": [asdict(gap) for gap in analysis.gaps],
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
            lines.append(f"   - {match.a.mechanism}: “{match.a.text}” ({match.a.source_title})")
            lines.append(f"     {match.b.mechanism}: “{match.b.text}” ({match.b.source_title})")
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
