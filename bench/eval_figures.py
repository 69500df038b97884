"""How the figure check reads real sentences: tests/statistics/eval/sentences.yaml (press and
official reports in Spanish, English, French and Portuguese, each with its expected reading)
against `check_figures` on the bundled statistics.

Builds a fresh SQLite database in a temporary folder with the reference data and the bundled
statistics. Prints, overall and per language: the sentences read fully right, the figures
read fully right (place, figure, year, kind, origin, qualifier and verdict), and the
precision and recall of the pairs (a figure with its place); then each sentence read wrong,
with what was expected and what was read. The last line printed is one JSON object.
Definitions: sinergia/statistics/evaluation.py.

Run: `.venv/bin/python bench/eval_figures.py` (or `make eval-figures`).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

import json
import os
import tempfile

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sinergia.settings")
os.environ["SINERGIA_VAR_DIR"] = tempfile.mkdtemp(prefix="sinergia-eval-figures-")
os.environ.pop("DATABASE_URL", None)

import django

django.setup()

from django.conf import settings
from django.core.management import call_command

from sinergia.reference.loading import reference_data_load
from sinergia.reference.validation import read_bundle
from sinergia.statistics.evaluation import Read, Result, evaluate, load_sentences
from sinergia.statistics.importers import bundled_statistics_load


def line(label: str, result: Result) -> str:
    return (
        f"{label:<8} sentences right {result.sentences_right}/{result.sentences}"
        f"  figures right {result.right_figures}/{result.expected_pairs}"
        f"  pairs: precision {result.precision:.2f} recall {result.recall:.2f}"
        f" ({result.right_pairs} right of {result.read_pairs} read, {result.expected_pairs} expected)"
    )


def shown(figure: Read) -> str:
    origin = f" from {figure.origin}" if figure.origin else ""
    qualifier = "" if figure.qualifier == "exact" else f" {figure.qualifier}"
    return (
        f"{figure.place} {figure.year or '-'} {figure.value:,} {figure.kind}{origin}{qualifier}"
        f" → {figure.confirms}"
    )


def main() -> None:
    call_command("migrate", verbosity=0)
    reference_data_load(bundle=read_bundle(settings.SINERGIA_DATA_DIR), actor_label="bench")
    bundled_statistics_load()
    result = evaluate(load_sentences())
    print(line("all", result))
    for language, part in sorted(result.by_language().items()):
        print(line(language, part))
    print("\nRead wrong:")
    for outcome in result.outcomes:
        if outcome.fully_right:
            continue
        sentence = outcome.sentence
        print(f"\n{sentence.id}: {sentence.text[:150]}")
        print(
            "  expected: " + ("; ".join(shown(Read(**vars(f))) for f in sentence.figures) or "none")
        )
        print("  read:     " + ("; ".join(shown(f) for f in outcome.read) or "none"))
    figures = {
        "all": result.figures(),
        **{language: part.figures() for language, part in result.by_language().items()},
    }
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
