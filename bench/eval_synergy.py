"""Coordination opportunities judged by people who know the field: the pairs of
tests/synergy/eval/expected_pairs.yaml against the synergy engine's ranking on the bundled
data, as of today and as of the CAM's session of 9 May 2023.

Builds a fresh SQLite database in a temporary folder with the reference data and the bundled
dialogue sessions. For each date it prints precision at 10 (the share of the first ten
opportunities that are expected pairs), the rank of every expected pair (with "dormant" where
one of its bodies had no meeting in the three years before the date, so cannot be ranked),
the partners of the first twenty that must not be there (instruments, dormant bodies), and
the evidence dated after the date (there must be none). The last line printed is one JSON
object. Definitions: sinergia/synergy/evaluation.py.

Run: `.venv/bin/python bench/eval_synergy.py` (or `make eval-synergy`).
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
os.environ["SINERGIA_VAR_DIR"] = tempfile.mkdtemp(prefix="sinergia-eval-synergy-")
os.environ.pop("DATABASE_URL", None)

import django

django.setup()

from django.conf import settings
from django.core.management import call_command

from sinergia.dialogue.bundled import bundled_sessions_load
from sinergia.reference.loading import reference_data_load
from sinergia.reference.validation import read_bundle
from sinergia.registry.selectors import today
from sinergia.synergy.analysis import analyze
from sinergia.synergy.evaluation import PRECISION_AT, Result, evaluate, load_judgements
from sinergia.synergy.selectors import registry_snapshot

JUDGEMENTS = Path(__file__).resolve().parent.parent / "tests/synergy/eval/expected_pairs.yaml"


def report(result: Result, partners: set[str]) -> None:
    print(
        f"\nAs of {result.day.isoformat()}: precision at {PRECISION_AT} {result.precision_at_10:.2f}"
    )
    print(f"  partners: {', '.join(sorted(partners))}")
    for (a, b), rank in result.ranks.items():
        if rank is not None:
            where = f"rank {rank}"
        elif not {a, b} <= partners:
            where = "not ranked: " + ", ".join(sorted({a, b} - partners)) + " not a partner"
        else:
            where = "not ranked"
        need = result.required.get((a, b))
        mark = (
            "" if need is None else (" ok" if result.within_met[(a, b)] else f" MISSED (≤ {need})")
        )
        print(f"  {a}·{b}: {where}{mark}")
    print(f"  forbidden partners in the first 20: {len(result.violations)}")
    for rank, body, why in result.violations:
        print(f"    rank {rank}: {body} ({why.splitlines()[0][:80]})")
    print(f"  evidence dated after the date: {len(result.late_evidence)}")


def main() -> None:
    call_command("migrate", verbosity=0)
    reference_data_load(bundle=read_bundle(settings.SINERGIA_DATA_DIR), actor_label="bench")
    bundled_sessions_load()
    judgements = load_judgements(JUDGEMENTS)
    figures = {}
    for day in judgements.days(today()):
        analysis = analyze(registry_snapshot(day))
        result = evaluate(analysis, judgements)
        report(result, set(analysis.partners))
        figures[day.isoformat()] = {
            "precision_at_10": result.precision_at_10,
            "ranks": {f"{a}·{b}": rank for (a, b), rank in result.ranks.items()},
            "required_met": sum(result.within_met.values()),
            "required": len(result.required),
            "violations": len(result.violations),
            "late_evidence": len(result.late_evidence),
        }
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
