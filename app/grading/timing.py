"""Timing in the sandbox: candidate vs reference vs naive loop, cross-checked with the kernel's CPU time."""

from __future__ import annotations

import math
import os
import statistics
import threading
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from app.cases import SizedInput
from sandbox import Call, CallOptions, Job, Limits, RunResult, Sandbox

MAX_REPEATS = 5000  # fast calls repeat until the budget is spent: a median of many is stable
REPEAT_BUDGET_SECONDS = 0.05  # CPU seconds per job, after the minimum repeats
MIN_REPEATS = 2
MIN_ROUNDS, MAX_ROUNDS = 2, 6  # jobs per solution and size: more only until two from the usual phase agree
AGREEMENT = 1.1  # two jobs agree when within 10%
EXTRA_ROUNDS_SECONDS = 0.5  # rounds beyond the minimum may take this much wall time in all, per timing
USUAL_PERCENTILE = 10  # of recent probe figures: the CPU's speed outside its slow phases
MAX_SLOWDOWN = 1.5  # slow phases measure 1.2-1.4x; beyond this a job is not trusted to be corrected
USUAL_PHASE = 1.1  # a job whose probe was at most this much slower ran in the CPU's usual phase
PROBE_HISTORY = 5000  # probe figures kept to know the CPU's usual speed (about 10 s of timing jobs)
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
    source: str = "thread_time"  # the job's own clock, or "kernel" when the kernel's CPU figure disagreed
    skipped_from: int | None = None  # the first size not run (predicted over the budget)


@dataclass(frozen=True)
class _Reading:
    """What one timing job says about one solution at one size."""

    seconds: float | None  # per call, as the CPU runs in its usual phase (None: not timed)
    note: str = ""
    kernel_won: bool = False  # the kernel's CPU time overruled the job's own figures
    slowdown: float = 1.0  # how much slower than usual the CPU ran meanwhile (the figure is divided by it)

    @property
    def in_usual_phase(self) -> bool:
        return self.slowdown <= USUAL_PHASE


class PhaseWatch:
    """How fast the timing CPU runs now, against its usual speed, from the sandbox's probe.

    On a shared host this virtual CPU runs 1.2-1.4x slow for 0.1-1 s at a time, and whatever
    the code (a cache-resident 20 us call as much as a memory-bound one, and the probe the
    sandbox times beside every timing job as much as either): a job then reports a figure from
    that phase, and the next grading, in a normal phase, gets a ratio 30% away. The usual
    speed is a low percentile of recent probe figures; a job's slowdown is its median probe
    over that, and its figure is divided by it.
    """

    def __init__(self, history: int = PROBE_HISTORY) -> None:
        self._recent: deque[float] = deque(maxlen=history)
        self._lock = threading.Lock()

    def slowdown(self, probes: Sequence[float]) -> float:
        """The job's median probe over the CPU's usual figure; 1.0 when no slower (or no probe)."""
        if not probes:
            return 1.0
        with self._lock:
            self._recent.extend(probes)
            usual = float(np.quantile(np.fromiter(self._recent, dtype=float), USUAL_PERCENTILE / 100))
        return min(MAX_SLOWDOWN, max(1.0, statistics.median(probes) / usual)) if usual > 0 else 1.0


def timing_limits() -> Limits:
    # Wall time is generous: other gradings' jobs may share the timing CPU.
    return Limits(cpu_seconds=CALL_CPU_SECONDS * 2, wall_seconds=CALL_CPU_SECONDS * 4)


def job_overhead_cpu_seconds(sandbox: Sandbox, sized: SizedInput) -> float:
    """CPU time of a job process that only receives these inputs: starting, copying, exiting.

    The kernel's CPU figure for a timing job includes all of that, so the clock check
    subtracts it (it grows with the input: 100 MB of arrays is not free).
    """
    job = Job(code="def noop(*args, **kwargs):\n    return None\n", function="noop",
              calls=(Call(args=sized.args, kwargs=sized.kwargs, options=CallOptions(discard_value=True)),),
              cpu=timing_cpu(), inputs_key=sized.key)  # where and how timing jobs run
    return min(_job_cpu(sandbox.run(job, limits=timing_limits())) for _ in range(2))


def _job_cpu(result: RunResult) -> float:
    """The CPU time the kernel accounted to the job's own process (decoding its inputs excluded)."""
    return result.job_cpu_seconds if result.job_cpu_seconds is not None else result.cpu_seconds


def time_solution(sandbox: Sandbox, *, code: str, function: str, sizes: tuple[int, ...],
                  inputs: list[SizedInput], overhead_cpu_seconds: list[float], phases: PhaseWatch,
                  budget_seconds: float = BUDGET_SECONDS, max_rounds: int = MAX_ROUNDS) -> SolutionTiming:
    """Time one solution size by size (see time_side_by_side)."""
    return time_side_by_side(sandbox, codes=[code], function=function, sizes=sizes, inputs=inputs,
                             overhead_cpu_seconds=overhead_cpu_seconds, phases=phases,
                             budget_seconds=budget_seconds, max_rounds=max_rounds)[0]


def time_side_by_side(sandbox: Sandbox, *, codes: list[str], function: str, sizes: tuple[int, ...],
                      inputs: list[SizedInput], overhead_cpu_seconds: list[float], phases: PhaseWatch,
                      budget_seconds: float = BUDGET_SECONDS, max_rounds: int = MAX_ROUNDS) -> list[SolutionTiming]:
    """Time solutions size by size: for each size, rounds of one job per solution, back to back.

    On a shared machine a virtual CPU now and then runs 1.2-1.4x slow for a while, so one job
    per solution gave ratios that moved by up to 100% between gradings. Each job reports the
    median of its repeats, divided by how much slower than usual the CPU ran meanwhile
    (PhaseWatch); noise that is left only ever slows a job down, so each solution's figure is
    its fastest job's (from the CPU's usual phase when it has any), and its rounds go on (up to
    max_rounds, while the extra ones fit in EXTRA_ROUNDS_SECONDS) until two jobs from the usual
    phase agree. The order alternates between rounds; every timing job runs on one CPU and
    counts its own CPU time, after a warm-up call, until the budget is spent. Sizes whose
    predicted time is over the budget are skipped. The submission shares its process with the
    clock it is timed by, so it could patch it: the kernel's CPU time for the job is the check,
    and when it overrules every job the kernel's figure wins.
    """
    timings = [SolutionTiming(seconds=[]) for _ in codes]
    cpu = timing_cpu()
    extra_seconds_left = EXTRA_ROUNDS_SECONDS
    for size, sized, overhead in zip(sizes, inputs, overhead_cpu_seconds, strict=True):
        active: list[int] = []
        for index, timing in enumerate(timings):
            known = [(s, t) for s, t in zip(sizes, timing.seconds, strict=False) if t is not None]
            if timing.skipped_from is None and not (known and _predict(known, size) > budget_seconds):
                active.append(index)
            elif timing.skipped_from is None:
                timing.skipped_from = size
                timing.notes.append(f"not run at size {size} and above: it would take about "
                                    f"{_predict(known, size):.1f} s per call (budget {budget_seconds:g} s)")
        readings: dict[int, list[_Reading]] = {index: [] for index in active}
        job_seconds: dict[int, float] = {}  # how long each solution's last job took, end to end
        for round_number in range(max_rounds):
            pending = [index for index, taken in readings.items()
                       if _final(taken) is None and (round_number < MIN_ROUNDS or not _settled(taken))]
            extra = round_number >= MIN_ROUNDS
            if not pending or (extra and sum(job_seconds[index] for index in pending) > extra_seconds_left):
                break  # all settled, or the submit must stay fast: the fastest so far will do
            for index in pending if round_number % 2 == 0 else pending[::-1]:
                started = time.monotonic()
                result = sandbox.run(_timing_job(codes[index], function, sized, cpu), limits=timing_limits())
                readings[index].append(_read_timing(result, overhead_cpu_seconds=overhead, phases=phases))
                job_seconds[index] = time.monotonic() - started
                if extra:
                    extra_seconds_left -= job_seconds[index]
        for index, timing in enumerate(timings):
            chosen = _choose(readings[index]) if index in readings else _Reading(None)
            timing.seconds.append(chosen.seconds)
            if chosen.note:
                timing.notes.append(f"size {size}: {chosen.note}")
            if chosen.kernel_won:
                timing.source = "kernel"
    return timings


def _final(readings: list[_Reading]) -> _Reading | None:
    """The reading that ends a solution's measuring: a job that could not be timed, or the
    kernel's figure when it overruled every job (one overruled job may be an honest hiccup)."""
    for reading in readings:
        if reading.seconds is None:
            return reading
    if len(readings) >= MIN_ROUNDS and all(reading.kernel_won for reading in readings):
        return max(readings, key=lambda reading: reading.seconds or 0.0)
    return None


def _usable(readings: list[_Reading]) -> list[_Reading]:
    """The jobs the kernel did not overrule, from the CPU's usual phase if there are any, fastest first.

    A slow phase's correction is rough (a phase the probe saw may have slowed the job less, or
    only part of it): a job from the usual phase is trusted over any corrected figure.
    """
    usable = sorted((r for r in readings if r.seconds is not None and not r.kernel_won),
                    key=lambda reading: reading.seconds or 0.0)
    return [r for r in usable if r.in_usual_phase] or usable


def _settled(readings: list[_Reading]) -> bool:
    """Enough jobs for one solution: two from the CPU's usual phase, and they agree within AGREEMENT."""
    fastest = [r.seconds or 0.0 for r in _usable(readings) if r.in_usual_phase][:2]
    return len(fastest) == 2 and fastest[1] <= fastest[0] * AGREEMENT


def _choose(readings: list[_Reading]) -> _Reading:
    """The fastest job's figure (noise only ever slows a job down), unless the measuring ended otherwise."""
    final = _final(readings)
    if final is not None:
        return final
    fastest = _usable(readings)
    if fastest:
        return fastest[0]
    return max(readings, key=lambda reading: reading.seconds or 0.0)  # every job overruled, fewer than the minimum


def timing_cpu() -> int:
    """The CPU every timing job runs on: the last this server may use (the scheduler fills the first)."""
    return max(os.sched_getaffinity(0))


def _timing_job(code: str, function: str, sized: SizedInput, cpu: int) -> Job:
    call = Call(args=sized.args, kwargs=sized.kwargs, options=CallOptions(
        time_repeats=MAX_REPEATS, time_budget_seconds=REPEAT_BUDGET_SECONDS, time_min_repeats=MIN_REPEATS,
        cpu_seconds=CALL_CPU_SECONDS, discard_value=True))
    return Job(code=code, function=function, calls=(call,), cpu=cpu, inputs_key=sized.key)


def _read_timing(result: RunResult, *, overhead_cpu_seconds: float, phases: PhaseWatch) -> _Reading:
    """The median repeat, unless the kernel's CPU time for the job says the reported times are too low."""
    if result.outcome != "ok":
        return _Reading(None, f"not timed: {result.message}")
    timed = result.calls[0]
    if timed.status != "ok" or len(timed.seconds) < 2:
        return _Reading(None, f"not timed: it ran past {CALL_CPU_SECONDS:g} s of CPU")
    slowdown = phases.slowdown(result.probe_seconds)  # the figures below are as in the CPU's usual phase
    median = statistics.median(timed.seconds[1:])
    calls = 1 + (len(timed.seconds) - 1) * timed.calls_per_sample
    reported = timed.seconds[0] + sum(timed.seconds[1:]) * timed.calls_per_sample
    kernel = max(_job_cpu(result) - overhead_cpu_seconds, 0.0)
    # The no-op job's cost varies from run to run, more so with big inputs: allow half of it as slack.
    if kernel > CLOCK_SLACK * reported + CLOCK_SLACK_SECONDS + overhead_cpu_seconds / 2:
        note = (f"the time reported inside the sandbox ({reported:.3f} s) disagrees with the CPU time the kernel "
                f"measured ({kernel:.3f} s); the kernel's figure is used")
        return _Reading(kernel / calls / slowdown, note, kernel_won=True, slowdown=slowdown)
    return _Reading(median / slowdown, slowdown=slowdown)


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
