"""Full-submit latency per challenge (tests, rubric evidence, timing) and how reproducible the ratios are.

Run: .venv/bin/python benchmarks/grade_latency.py [--repeats 3]
For each challenge it grades the reference once to warm the caches (the reference and naive
profiles are measured once per server), then grades it `--repeats` more times and prints the
median seconds, plus the spread of the timing ratio between two grades (target: within 20%).
Targets are read, not asserted: every submit under 2 s.
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


def _ratio(report_timing: dict[str, list[float | None]] | None) -> float | None:
    if not report_timing:
        return None
    ratios = [r for r in report_timing["ratio_to_reference"] if r is not None]
    return ratios[-1] if ratios else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    options = parser.parse_args()
    catalog = load_catalog()
    rows = []
    with Sandbox(slots=2) as sandbox:
        grader = Grader(catalog, sandbox)
        for challenge in catalog:
            code = challenge.naive_code if "--naive" in sys.argv else challenge.reference_code
            started = time.perf_counter()
            grader.grade(challenge.id, code)
            cold = time.perf_counter() - started
            seconds, ratios = [], []
            for _ in range(options.repeats):
                started = time.perf_counter()
                report = grader.grade(challenge.id, code)
                seconds.append(time.perf_counter() - started)
                ratios.append(_ratio(report.timing))
            known = [r for r in ratios if r is not None]
            spread = (max(known) / min(known) - 1) * 100 if len(known) > 1 and min(known) > 0 else None
            rows.append((challenge.id, report.verdict, report.score, cold, statistics.median(seconds), spread))
    width = max(len(row[0]) for row in rows)
    print(f"{'challenge':<{width}}  verdict   score  first (s)  median submit (s)  ratio spread")
    for challenge_id, verdict, score, cold, median, spread in rows:
        spread_text = "-" if spread is None else f"{spread:.1f}%"
        print(f"{challenge_id:<{width}}  {verdict:<8}  {score!s:>5}  {cold:>9.2f}  {median:>17.2f}  {spread_text:>12}")
    slowest = max(rows, key=lambda row: row[4])
    spreads = [row[5] for row in rows if row[5] is not None]
    print(f"slowest median submit: {slowest[0]} {slowest[4]:.2f} s (target: under 2 s for every challenge)")
    if spreads:
        print(f"ratio-to-reference spread between grades: median {statistics.median(spreads):.1f}%, "
              f"max {max(spreads):.1f}% (target: within 20%)")


if __name__ == "__main__":
    main()
