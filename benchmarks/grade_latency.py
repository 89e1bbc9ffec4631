"""How long a full grade takes for each challenge's reference solution, through the real sandbox.

Run: .venv/bin/python benchmarks/grade_latency.py [--repeats 5]
Prints per-challenge median seconds (after one warm-up grade that also fills the expected-answer
cache), and the slowest; the target is well under a second. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.catalog import load_catalog
from app.grading.grader import Grader
from sandbox import Sandbox


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    options = parser.parse_args()
    catalog = load_catalog()
    rows = []
    with Sandbox(slots=1) as sandbox:
        grader = Grader(catalog, sandbox)
        for challenge in catalog:
            code = challenge.reference_code
            started = time.perf_counter()
            grader.grade(challenge.id, code)
            cold = time.perf_counter() - started
            seconds = []
            for _ in range(options.repeats):
                started = time.perf_counter()
                report = grader.grade(challenge.id, code)
                seconds.append(time.perf_counter() - started)
            rows.append((challenge.id, report.verdict, len(report.tests), cold, statistics.median(seconds)))
    width = max(len(row[0]) for row in rows)
    print(f"{'challenge':<{width}}  verdict   tests  first (s)  median (s)")
    for challenge_id, verdict, tests, cold, median in rows:
        print(f"{challenge_id:<{width}}  {verdict:<8}  {tests:>5}  {cold:>9.3f}  {median:>10.3f}")
    slowest = max(rows, key=lambda row: row[4])
    print(f"slowest median: {slowest[0]} {slowest[4]:.3f} s; "
          f"mean of medians {statistics.mean(r[4] for r in rows):.3f} s (target: well under 1 s)")


if __name__ == "__main__":
    main()
