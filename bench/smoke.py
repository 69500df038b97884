"""Every benchmark under bench/, tiny (`BENCH_SMOKE=1`), to show that each still runs to its
figures: a script fails when it exits with an error or its last line is not a JSON object.
Measures nothing; run by `make bench-smoke` and CI.

Every script of this folder that runs as a program (`if __name__ == "__main__":`) is run, two
at a time by default, on SQLite (`load.py` on a throwaway PostgreSQL database and Redis, as
production runs). Exits with status 1 if any failed.
Run: `.venv/bin/python bench/smoke.py [--jobs N] [script.py ...]`.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
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
    start = time.monotonic()
    # The scripts' temporary databases and files go in a folder removed afterwards.
    with tempfile.TemporaryDirectory(prefix="sinergia-bench-smoke-") as folder:
        env = {**os.environ, "BENCH_SMOKE": "1", "TMPDIR": folder}
        env.pop("DATABASE_URL", None)
        # A session of its own, so that a script past its time goes with its children
        # (load.py's gunicorn).
        process = subprocess.Popen(
            [sys.executable, str(BENCH / script)],
            env=env,
            cwd=BENCH.parent,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        try:
            stdout, stderr = process.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            stdout, stderr = process.communicate()
            problem = f"no end after {TIMEOUT_SECONDS} s"
            return Outcome(script, time.monotonic() - start, problem, stdout + stderr)
    seconds = time.monotonic() - start
    output = stdout + stderr
    if process.returncode:
        return Outcome(script, seconds, f"exit status {process.returncode}", output)
    lines = stdout.strip().splitlines()
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
