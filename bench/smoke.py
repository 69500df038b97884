"""Every benchmark under bench/, tiny (`BENCH_SMOKE=1`), to show that each still runs to its
figures: a script fails when it exits with an error or its last line is not a JSON object.
Measures nothing; run by `make bench-smoke` and CI.

Every script of this folder that runs as a program (`if __name__ == "__main__":`) is run, two
at a time by default, on SQLite. Exits with status 1 if any failed.
Run: `.venv/bin/python bench/smoke.py [--jobs N] [script.py ...]`.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
TIMEOUT_SECONDS = 300


@dataclass
class Outcome:
    script: str
    seconds: float
    problem: str  # "" when the script ran to its figures
    output: str


def scripts() -> list[str]:
    return sorted(
        path.name
        for path in BENCH.glob("*.py")
        if path.name != Path(__file__).name and 'if __name__ == "__main__":' in path.read_text()
    )


def run(script: str) -> Outcome:
    env = {**os.environ, "BENCH_SMOKE": "1"}
    env.pop("DATABASE_URL", None)
    start = time.monotonic()
    try:
        done = subprocess.run(
            [sys.executable, str(BENCH / script)],
            env=env,
            cwd=BENCH.parent,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
        )
    except subprocess.TimeoutExpired as expired:
        output = f"{expired.stdout or ''}{expired.stderr or ''}"
        return Outcome(script, TIMEOUT_SECONDS, f"no end after {TIMEOUT_SECONDS} s", output)
    seconds = time.monotonic() - start
    output = done.stdout + done.stderr
    if done.returncode:
        return Outcome(script, seconds, f"exit status {done.returncode}", output)
    lines = done.stdout.strip().splitlines()
    try:
        figures = json.loads(lines[-1]) if lines else None
    except ValueError:
        figures = None
    if not isinstance(figures, dict):
        return Outcome(script, seconds, "its last line is not a JSON object", output)
    return Outcome(script, seconds, "", output)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("scripts", nargs="*", help="only these (names in bench/)")
    arguments = parser.parse_args()
    chosen = arguments.scripts or scripts()
    start = time.monotonic()
    failed = []
    with ThreadPoolExecutor(max_workers=arguments.jobs) as pool:
        for future in as_completed([pool.submit(run, script) for script in chosen]):
            outcome = future.result()
            print(f"{'FAIL' if outcome.problem else 'ok':4} {outcome.script:24} "
                  f"{outcome.seconds:6.1f} s  {outcome.problem}", flush=True)  # fmt: skip
            if outcome.problem:
                failed.append(outcome.script)
                print("\n".join("     | " + line for line in outcome.output.splitlines()[-30:]))
    print(f"{len(chosen) - len(failed)} of {len(chosen)} benchmarks ran to their figures "
          f"in {time.monotonic() - start:.0f} s")  # fmt: skip
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
