"""Timing in the sandbox: candidate vs reference vs naive loop, cross-checked with the kernel's CPU time."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from app.grading.cases import SizedInput
from sandbox import Call, CallOptions, Job, Limits, Sandbox

MAX_REPEATS = 400  # fast calls repeat until the budget is spent: a median of many is stable
REPEAT_BUDGET_SECONDS = 0.1  # per size, after at least 3 repeats
CALL_CPU_SECONDS = 2.0  # a size slower than this (warm-up included) is not timed
BUDGET_SECONDS = 0.25  # sizes whose predicted time per call is over this are skipped (and said so)
NAIVE_BUDGET_SECONDS = 0.5
CLOCK_SLACK = 1.5  # reported time may fall below the kernel's CPU time by this factor before we distrust it
CLOCK_SLACK_SECONDS = 0.03


@dataclass
class SolutionTiming:
    """Median seconds per size (None where not timed), with why, and which clock the figures come from."""

    seconds: list[float | None]
    notes: list[str] = field(default_factory=list)
    source: str = "perf_counter"
    skipped_from: int | None = None  # the first size not run (predicted over the budget)


def timing_limits() -> Limits:
    return Limits(cpu_seconds=CALL_CPU_SECONDS * 2, wall_seconds=CALL_CPU_SECONDS * 4)


def job_overhead_cpu_seconds(sandbox: Sandbox, sized: SizedInput) -> float:
    """CPU time of a job that only receives these inputs: decoding, forking, tearing down.

    The kernel's CPU figure for a timing job includes all of that, so the clock check
    subtracts it (it grows with the input: moving 100 MB of arrays is not free).
    """
    job = Job(code="def noop(*args, **kwargs):\n    return None\n", function="noop",
              calls=(Call(args=sized.args, kwargs=sized.kwargs, options=CallOptions(discard_value=True)),))
    return min(sandbox.run(job, limits=timing_limits()).cpu_seconds for _ in range(2))


def time_solution(sandbox: Sandbox, *, code: str, function: str, sizes: tuple[int, ...],
                  inputs: list[SizedInput], overhead_cpu_seconds: list[float],
                  budget_seconds: float = BUDGET_SECONDS) -> SolutionTiming:
    """Time one solution size by size (see time_side_by_side)."""
    return time_side_by_side(sandbox, codes=[code], function=function, sizes=sizes, inputs=inputs,
                             overhead_cpu_seconds=overhead_cpu_seconds, budget_seconds=budget_seconds)[0]


def time_side_by_side(sandbox: Sandbox, *, codes: list[str], function: str, sizes: tuple[int, ...],
                      inputs: list[SizedInput], overhead_cpu_seconds: list[float],
                      budget_seconds: float = BUDGET_SECONDS) -> list[SolutionTiming]:
    """Time solutions size by size, one job each, the solutions' jobs for a size back to back.

    Back to back, whatever else the machine is doing affects both alike, so their ratio is
    steady. Each job makes a warm-up call, then repeats until the per-size budget is spent,
    and the median repeat is the figure. Sizes whose predicted time is over the budget are
    skipped. The submission shares its process with the clock it is timed by, so it could
    patch perf_counter: the kernel's CPU time for the job is the check, and when the reported
    times fall well short of it the kernel's figure wins.
    """
    timings = [SolutionTiming(seconds=[]) for _ in codes]
    for size, sized, overhead in zip(sizes, inputs, overhead_cpu_seconds, strict=True):
        for code, timing in zip(codes, timings, strict=True):
            known = [(s, t) for s, t in zip(sizes, timing.seconds, strict=False) if t is not None]
            if timing.skipped_from is not None or (known and _predict(known, size) > budget_seconds):
                if timing.skipped_from is None:
                    timing.skipped_from = size
                    timing.notes.append(f"not run at size {size} and above: it would take about "
                                        f"{_predict(known, size):.1f} s per call (budget {budget_seconds:g} s)")
                timing.seconds.append(None)
                continue
            figure, note, kernel_won = _time_one(sandbox, code=code, function=function, sized=sized,
                                                 overhead_cpu_seconds=overhead)
            timing.seconds.append(figure)
            if note:
                timing.notes.append(f"size {size}: {note}")
            if kernel_won:
                timing.source = "kernel"
    return timings


def _time_one(sandbox: Sandbox, *, code: str, function: str, sized: SizedInput,
              overhead_cpu_seconds: float) -> tuple[float | None, str, bool]:
    call = Call(args=sized.args, kwargs=sized.kwargs, options=CallOptions(
        time_repeats=MAX_REPEATS, time_budget_seconds=REPEAT_BUDGET_SECONDS, cpu_seconds=CALL_CPU_SECONDS,
        discard_value=True))
    result = sandbox.run(Job(code=code, function=function, calls=(call,)), limits=timing_limits())
    if result.outcome != "ok":
        return None, f"not timed: {result.message}", False
    timed = result.calls[0]
    if timed.status != "ok" or len(timed.seconds) < 2:
        return None, f"not timed: it ran past {CALL_CPU_SECONDS:g} s of CPU", False
    median = statistics.median(timed.seconds[1:])
    reported = sum(timed.seconds)
    kernel = max(result.cpu_seconds - overhead_cpu_seconds, 0.0)
    # The no-op job's cost varies from run to run, more so with big inputs: allow half of it as slack.
    if kernel > CLOCK_SLACK * reported + CLOCK_SLACK_SECONDS + overhead_cpu_seconds / 2:
        note = (f"the time reported inside the sandbox ({reported:.3f} s) disagrees with the CPU time the kernel "
                f"measured ({kernel:.3f} s); the kernel's figure is used")
        return kernel / len(timed.seconds), note, True
    return median, "", False


def _predict(known: list[tuple[int, float]], size: int) -> float:
    """Extrapolate along the measured growth (at least linear) from the largest measured size."""
    exponent = max(1.0, growth_exponent([s for s, _ in known], [t for _, t in known]) or 1.0)
    last_size, last_seconds = known[-1]
    return float(last_seconds * (size / last_size) ** exponent)


def growth_exponent(sizes: list[int], seconds: list[float]) -> float | None:
    """The log-log slope of time against size: about 1 for linear work, 2 for quadratic."""
    points = [(math.log(s), math.log(t)) for s, t in zip(sizes, seconds, strict=True) if t and t > 0]
    if len(points) < 2:
        return None
    xs, ys = zip(*points, strict=True)
    slope = float(np.polyfit(xs, ys, 1)[0])
    return round(slope, 2)


def timing_report(sizes: tuple[int, ...], candidate: SolutionTiming, reference: SolutionTiming,
                  naive: SolutionTiming) -> dict[str, Any]:
    """The JSON timing object: lists per size, ratios, the growth exponent, and where figures came from."""
    ratio = [_divide(c, r) for c, r in zip(candidate.seconds, reference.seconds, strict=True)]
    speedup = [_divide(n, c) for n, c in zip(naive.seconds, candidate.seconds, strict=True)]
    timed = [(s, t) for s, t in zip(sizes, candidate.seconds, strict=True) if t is not None]
    return {
        "sizes": list(sizes),
        "candidate_seconds": candidate.seconds,
        "reference_seconds": reference.seconds,
        "naive_seconds": naive.seconds,
        "ratio_to_reference": ratio,
        "speedup_vs_naive": speedup,
        "growth_exponent": growth_exponent([s for s, _ in timed], [t for _, t in timed]),
        "source": candidate.source,
        "notes": candidate.notes + [f"naive loop {note}" for note in naive.notes],
    }


def _divide(top: float | None, bottom: float | None) -> float | None:
    if top is None or bottom is None or bottom <= 0:
        return None
    return round(top / bottom, 3)
