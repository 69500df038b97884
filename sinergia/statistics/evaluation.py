"""How well the figure check reads real sentences: tests/statistics/eval/sentences.yaml
against `check_figures`.

A pair is a figure with its place (its value and the place's ISO3, or M49 for a region).
A figure is read fully right when its pair is found with the expected year (none stated
where the sentence states none), kind, origin, qualifier and verdict against the data. A
sentence is read fully right when each of its figures is, and nothing else is found.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pycountry
import yaml

from sinergia.statistics import reading
from sinergia.statistics.checking import Finding, check_figures

SENTENCES = Path(__file__).resolve().parents[2] / "tests/statistics/eval/sentences.yaml"


@dataclass(frozen=True)
class Expected:
    place: str  # ISO3, or M49 for a region
    year: int | None
    value: int
    kind: str
    origin: str  # ISO3
    qualifier: str
    confirms: bool | None


@dataclass(frozen=True)
class Sentence:
    id: str
    language: str
    source: str
    text: str
    figures: tuple[Expected, ...]


@dataclass(frozen=True)
class Read:
    """A finding in the terms of the table."""

    place: str
    year: int | None
    value: int
    kind: str
    origin: str
    qualifier: str
    confirms: bool | None

    @classmethod
    def of(cls, finding: Finding) -> Read:
        return cls(
            place=_code(finding.area),
            year=finding.year if finding.year_stated else None,
            value=finding.cited_value,
            kind=finding.kind,
            origin=_code(finding.origin) if finding.origin else "",
            qualifier=finding.qualifier,
            confirms=finding.agrees,
        )


@dataclass
class Outcome:
    sentence: Sentence
    read: list[Read]
    right_pairs: int
    right_figures: int

    @property
    def fully_right(self) -> bool:
        return self.right_figures == len(self.sentence.figures) == len(self.read)


@dataclass
class Result:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def sentences(self) -> int:
        return len(self.outcomes)

    @property
    def sentences_right(self) -> int:
        return sum(outcome.fully_right for outcome in self.outcomes)

    @property
    def expected_pairs(self) -> int:
        return sum(len(outcome.sentence.figures) for outcome in self.outcomes)

    @property
    def read_pairs(self) -> int:
        return sum(len(outcome.read) for outcome in self.outcomes)

    @property
    def right_pairs(self) -> int:
        return sum(outcome.right_pairs for outcome in self.outcomes)

    @property
    def right_figures(self) -> int:
        return sum(outcome.right_figures for outcome in self.outcomes)

    @property
    def precision(self) -> float:
        return self.right_pairs / self.read_pairs if self.read_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.right_pairs / self.expected_pairs if self.expected_pairs else 1.0

    def by_language(self) -> dict[str, Result]:
        languages: dict[str, Result] = {}
        for outcome in self.outcomes:
            languages.setdefault(outcome.sentence.language, Result()).outcomes.append(outcome)
        return languages

    def figures(self) -> dict[str, object]:
        return {
            "sentences": self.sentences,
            "sentences_right": self.sentences_right,
            "figures": self.expected_pairs,
            "figures_right": self.right_figures,
            "pairs_read": self.read_pairs,
            "pairs_right": self.right_pairs,
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
        }


def _code(m49: str) -> str:
    country = pycountry.countries.get(numeric=m49)
    return country.alpha_3 if country else m49


def load_sentences(path: Path = SENTENCES) -> list[Sentence]:
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))
    sentences = []
    for row in rows:
        figures = tuple(
            Expected(
                place=str(figure["place"]),
                year=figure["year"],
                value=int(figure["value"]),
                kind=figure["kind"],
                origin=figure.get("origin", ""),
                qualifier=figure.get("qualifier", reading.EXACT),
                confirms=figure["confirms"],
            )
            for figure in row["figures"]
        )
        sentences.append(Sentence(row["id"], row["language"], row["source"], row["text"], figures))
    return sentences


def _as_read(expected: Expected) -> Read:
    return Read(
        expected.place, expected.year, expected.value, expected.kind, expected.origin,
        expected.qualifier, expected.confirms,
    )  # fmt: skip


def evaluate(sentences: list[Sentence]) -> Result:
    result = Result()
    for sentence in sentences:
        read = [Read.of(finding) for finding in check_figures(sentence.text)]
        pairs = Counter((figure.place, figure.value) for figure in sentence.figures)
        found = Counter((figure.place, figure.value) for figure in read)
        right_pairs = sum((pairs & found).values())
        right_figures = sum((Counter(map(_as_read, sentence.figures)) & Counter(read)).values())
        result.outcomes.append(Outcome(sentence, read, right_pairs, right_figures))
    return result
