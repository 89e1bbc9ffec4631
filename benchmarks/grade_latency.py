"""Full-submit latency per challenge (tests, rubric evidence, timing) and how reproducible the ratios are.

Run: .venv/bin/python benchmarks/grade_latency.py [--repeats 3] [--challenges ID ...]
For each challenge it grades the reference once to warm the caches (the reference and naive
profiles are measured once per server), then grades it `--repeats` more times and prints the
median seconds, plus the spread of the timing ratio to the reference between grades, at the
worst size, and how many pairs of grades of one challenge agree within 20% at every size
(target: all of them).
Targets are read, not asserted: every submit under 2 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from concurrent.futures import Future
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.catalog import load_catalog
from app.grading.grader import Grader
from sandbox import Job, Limits, RunResult, Sandbox


class CountingSandbox(Sandbox):
    """The real sandbox, counting the jobs a submit takes (each one is a forked, isolated process)."""

    jobs = 0

    def submit(self, job: Job, *, limits: Limits | None = None) -> Future[RunResult]:
        # Every job passes here (`run` waits on `submit`), the memory probes sent to both slots at once too.
        self.jobs += 1
        return super().submit(job, limits=limits)


def _spread(timings: list[dict[str, Any] | None]) -> float | None:
    """The largest spread (max / min - 1, in %) of one size's ratio to the reference across grades."""
    per_size = list(zip(*[t["ratio_to_reference"] for t in timings if t], strict=True))
    spreads = [(max(known) / min(known) - 1) * 100 for ratios in per_size
               if len(known := [r for r in ratios if r]) > 1]
    return max(spreads) if spreads else None


def _pairs_within(timings: list[dict[str, Any] | None], tolerance: float = 0.2) -> tuple[int, int]:
    """How many pairs of grades agree within the tolerance at every size, out of how many pairs."""
    ratios = [t["ratio_to_reference"] for t in timings if t]
    pairs = [(a, b) for i, a in enumerate(ratios) for b in ratios[i + 1:]]
    agree = sum(all(max(x, y) <= min(x, y) * (1 + tolerance) for x, y in zip(a, b, strict=True) if x and y)
                for a, b in pairs)
    return agree, len(pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--challenges", nargs="*", default=None, metavar="ID",
                        help="only these challenges (e.g. the worst of an earlier run, measured before and after)")
    parser.add_argument("--naive", action="store_true", help="grade the naive loops instead of the references")
    options = parser.parse_args()
    catalog = load_catalog()
    rows = []
    kernel_won = 0  # grades whose clock check disagreed: there should be none for honest code
    pairs_agreeing = pairs_compared = 0
    jobs_per_submit: list[int] = []
    sandbox = CountingSandbox(slots=2)
    with sandbox:
        grader = Grader(catalog, sandbox)
        for challenge in catalog:
            if options.challenges and challenge.id not in options.challenges:
                continue
            code = challenge.naive_code if options.naive else challenge.reference_code
            started = time.perf_counter()
            grader.grade(challenge.id, code)
            cold = time.perf_counter() - started
            seconds, timings = [], []
            for _ in range(options.repeats):
                started, jobs_before = time.perf_counter(), sandbox.jobs
                report = grader.grade(challenge.id, code)
                seconds.append(time.perf_counter() - started)
                jobs_per_submit.append(sandbox.jobs - jobs_before)
                timings.append(report.timing)
                kernel_won += bool(report.timing and report.timing["source"] == "kernel")
            rows.append((challenge.id, report.verdict, report.score, cold, statistics.median(seconds),
                         _spread(timings)))
            agree, compared = _pairs_within(timings)
            pairs_agreeing += agree
            pairs_compared += compared
    width = max(len(row[0]) for row in rows)
    print(f"{'challenge':<{width}}  verdict   score  first (s)  median submit (s)  ratio spread")
    for challenge_id, verdict, score, cold, median, spread in rows:
        spread_text = "-" if spread is None else f"{spread:.1f}%"
        print(f"{challenge_id:<{width}}  {verdict:<8}  {score!s:>5}  {cold:>9.2f}  {median:>17.2f}  {spread_text:>12}")
    slowest = max(rows, key=lambda row: row[4])
    spreads = [row[5] for row in rows if row[5] is not None]
    print(f"slowest median submit: {slowest[0]} {slowest[4]:.2f} s (target: under 2 s for every challenge)")
    if spreads:
        print(f"ratio-to-reference spread between grades (worst size of each challenge): median "
              f"{statistics.median(spreads):.1f}%, max {max(spreads):.1f}% (target: within 20%)")
    print(f"pairs of grades of one challenge whose ratios agree within 20% at every size: "
          f"{pairs_agreeing} of {pairs_compared}")
    print(f"sandbox jobs per warm submit: median {statistics.median(jobs_per_submit):g}, "
          f"min {min(jobs_per_submit)}, max {max(jobs_per_submit)}")
    print(f"grades whose figures the kernel's CPU time overruled: {kernel_won} (expected 0 for honest code)")


if __name__ == "__main__":
    main()
