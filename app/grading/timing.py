"""Timing in the sandbox: candidate vs reference vs naive loop, cross-checked with the kernel's CPU time.

The whole timing strategy lives here (the sandbox only reports raw figures: each call's CPU
seconds, the job's CPU time from the kernel, the probe beside timing jobs): which inputs are
timed, how jobs are scheduled on the timing CPU, how figures are read, checked and chosen.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import math
import os
import statistics
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from app.cases import Case, Checker, SizedInput
from app.catalog import Challenge
from app.grading.compare import compare_outputs
from sandbox import Call, CallOptions, CallResult, Job, Limits, RunResult, Sandbox

MAX_REPEATS = 5000  # fast calls repeat until the budget is spent: a median of many is stable
REPEAT_BUDGET_SECONDS = 0.05  # CPU seconds per job, after the minimum repeats
MIN_REPEATS = 2
MIN_ROUNDS, MAX_ROUNDS = 2, 6  # jobs per solution and size: more only until two from the usual phase agree
AGREEMENT = 1.1  # two jobs agree when within 10%
EXTRA_ROUNDS_SECONDS = 0.5  # rounds beyond the minimum may take this much wall time in all, per timing
USUAL_PERCENTILE = 10  # of recent jobs' probe figures: the CPU's speed outside its slow phases
USUAL_PHASE = 1.1  # a job whose probe was at most this much slower ran in the CPU's usual phase
JOB_HISTORY = 100  # timing jobs per workload whose probe figures are kept to know the CPU's usual speed
PHASE_WORKLOADS = 256  # workloads (timed inputs) whose histories are kept, least recently timed dropped first
CALL_CPU_SECONDS = 2.0  # a size slower than this (warm-up included) is not timed
BUDGET_SECONDS = 0.25  # sizes whose predicted time per call is over this are skipped (and said so)
NAIVE_BUDGET_SECONDS = 0.5
CLOCK_SLACK = 1.5  # reported time may fall below the kernel's CPU time by this factor before we distrust it
CLOCK_SLACK_SECONDS = 0.03
WARMUP_ALLOWANCE = 4.0  # the warm-up call may honestly cost this many timed calls (page faults, first use)...
WARMUP_ALLOWANCE_SECONDS = 0.02  # ...or this much; more is time a patched clock moved out of the figure
FRESH_INPUTS = 1  # inputs per size timed once, after the repeats, that the solution has never seen
# A fresh call this much slower than the repeats, and by this much: the repeats were cached (a first
# call on new data honestly costs up to ~0.1 ms more: sliding-windows' 6 us view took 70-100 us).
FRESH_FACTOR, FRESH_SLACK_SECONDS = 3.0, 0.5e-3
SAMPLED_ROWS = 4  # rows of each timed output checked against the reference
SUBMIT_SECONDS = 6.0  # what a submit's timing jobs may cost in all (_charged_seconds; honest: up to ~3 s)
FIRST_JOB_WALL_SECONDS = 1.0  # a solution's first timing job, before anything predicts its length
JOB_WALL_FACTOR, JOB_WALL_SLACK_SECONDS = 4.0, 0.3  # later jobs: this times the predicted CPU, plus this
FIRST_JOB_WALL_FACTOR = 3.0  # ...or this times the longest job so far at its size (a loaded machine)
# A job whose wall time is over this times its CPU time, plus this, slept (loaded, this machine
# ran honest jobs at 5x, once 11x, their CPU time)...
IDLE_FACTOR, IDLE_SLACK_SECONDS = 10.0, 0.5
# ...and wall time beyond this times its CPU time, plus this, counts against the budget as if spent.
CHARGED_IDLE_FACTOR, CHARGED_IDLE_SLACK_SECONDS = 3.0, 0.2
ANTICIPATION_SECONDS = 0.05  # the gate waits this long for a timing that just finished a job and is owed more


@dataclass
class SolutionTiming:
    """Median seconds per size (None where not timed), with why, and which clock the figures come from.

    Besides the figures, what the timing caught (read by app.grading.cost for the rubric):
    `wrong_output` when a timed call returned a wrong answer (work skipped on timing-shaped
    inputs), `fresh_inputs` when repeated calls on one input ran much faster than a call on an
    input never seen before (a cache keyed on the input), `stopped` when the timing ended early
    (budget spent, or a job that slept).
    """

    seconds: list[float | None]
    notes: list[str] = field(default_factory=list)
    source: str = "thread_time"  # the job's own clock, or "kernel" when the kernel's CPU figure disagreed
    skipped_from: int | None = None  # the first size not run (predicted over the budget)
    wrong_output: str | None = None
    fresh_inputs: bool = False
    stopped: str | None = None
    too_slow_from: int | None = None  # the first size where a call ran past its CPU budget


@dataclass(frozen=True)
class _Reading:
    """What one timing job says about one solution at one size."""

    seconds: float | None  # per call (None: not timed)
    note: str = ""
    kernel_won: bool = False  # the kernel's CPU time overruled the job's own figures
    slowdown: float = 1.0  # how much slower than usual the CPU ran meanwhile (the probe's figure over usual)
    wrong_output: bool = False  # a timed call's output did not match the reference's
    fresh_won: bool = False  # repeats were much faster than fresh inputs: the figure is the fresh calls'
    stop: bool = False  # this solution's timing ends here (it slept, or ran past its wall limit)
    too_slow: bool = False  # a call ran past its CPU budget (the kernel's limit, or the harness's timer)

    @property
    def in_usual_phase(self) -> bool:
        return self.slowdown <= USUAL_PHASE


class PhaseWatch:
    """Whether the timing CPU runs at its usual speed, from the sandbox's probe beside each job.

    On a shared host this virtual CPU now and then runs 1.2-1.4x slow for 0.1-1 s at a time;
    the probe slows with it. The job's own work slows the probe too, by how much depending on
    the work: 1.00-1.05 beside softmax's 10^3 and 10^5 rows, 1.06-1.16 beside its 10^4, 1.14-1.18
    beside forward-pass's 10^5. So the usual speed is kept per workload (the code and the timed inputs): a low
    percentile of recent jobs' median probe figures on them, and a job's slowdown is its own median
    over that. Against one figure for every job, whole sizes never counted as the usual phase
    and ran their extra rounds on every submit (softmax: 9 jobs at 10^4 where 4 agreed within 4%).
    It only says which jobs ran in the usual phase (they are trusted first, and two of them must
    agree): figures are not divided by it. Measured over 3,700 pairs of jobs, a job slowed about
    half as much as its probe did, and dividing by the probe's slowdown left the spread of figures
    as it was (0.056 -> 0.058 in log terms) while every ratio moved with the probe's own noise.
    """

    def __init__(self, history: int = JOB_HISTORY, workloads: int = PHASE_WORKLOADS) -> None:
        self._history = history
        self._workloads = workloads
        self._recent: OrderedDict[str, deque[float]] = OrderedDict()  # least recently timed workload first
        self._lock = threading.Lock()

    def slowdown(self, probes: Sequence[float], workload: str) -> float:
        """The job's median probe over the usual figure on its workload; 1.0 when no slower (or no probe)."""
        if not probes:
            return 1.0
        median = statistics.median(probes)
        with self._lock:
            recent = self._recent.pop(workload, None) or deque(maxlen=self._history)
            recent.append(median)
            self._recent[workload] = recent
            while len(self._recent) > self._workloads:
                self._recent.popitem(last=False)
            usual = float(np.quantile(np.fromiter(recent, dtype=float), USUAL_PERCENTILE / 100, method="lower"))
        return max(1.0, median / usual) if usual > 0 else 1.0


class TimingGate:
    """One timing job at a time on the timing CPU, shared fairly between the timings waiting for it.

    A submit's whole timing used to hold one lock: a solution that slept in its warm-up held
    it for ~40 s and another user's submit went from 2.7 s to 41.3 s. Now each job waits for
    its own turn, and the turn goes to the waiting timing that has used the least time so far
    (first come, first served among equals); a timing that has just finished a job and is owed
    more gets it back if it asks within ANTICIPATION_SECONDS, so a short honest timing runs
    through instead of waiting behind every job of a long one. No job holds the CPU longer
    than its wall limit (see _job_wall).
    """

    def __init__(self) -> None:
        self._turns = threading.Condition()
        self._busy = False
        self._waiting: dict[int, TimingRun | None] = {}  # ticket -> whose job
        self._next_ticket = 0
        self._released: tuple[TimingRun | None, float] = (None, 0.0)  # who last had a turn, and when it ended

    @contextlib.contextmanager
    def turn(self, owner: TimingRun | None = None) -> Iterator[None]:
        with self._turns:
            ticket = self._next_ticket
            self._next_ticket += 1
            self._waiting[ticket] = owner
            while (wait := self._wait_seconds(ticket)) != 0:
                self._turns.wait(timeout=wait)
            del self._waiting[ticket]
            self._busy = True
        try:
            yield
        finally:
            with self._turns:
                self._busy = False
                self._released = (owner, time.monotonic())
                self._turns.notify_all()

    def _wait_seconds(self, ticket: int) -> float | None:
        """0: go now; None: wait to be woken; seconds: the anticipation window left."""
        if self._busy:
            return None
        first = min(self._waiting, key=lambda t: (_used(self._waiting[t]), t))
        if first != ticket:
            return None
        owner = self._waiting[ticket]
        previous, ended = self._released
        left = ended + ANTICIPATION_SECONDS - time.monotonic()
        if (previous is not None and previous is not owner and left > 0 and previous not in self._waiting.values()
                and not previous.finished and _used(previous) < _used(owner)):
            return left
        return 0


def _used(run: TimingRun | None) -> float:
    return run.used_seconds if run is not None else 0.0


@dataclass(frozen=True)
class RowDigest:
    """Every row of the reference's output reduced to its dot product with secret random weights.

    What lets the job choose the rows it sends back after the call (so the code cannot know
    them in advance) while the grader keeps two numbers per row instead of the whole output:
    a row that was not computed, or computed wrongly, misses its dot product, up to the
    tolerance the element-wise comparison would allow (atol and rtol summed over the weights).
    """

    shape: tuple[int, ...]
    weights: np.ndarray  # the shape of one row
    sums: np.ndarray  # per row: sum(row * weights), non-finite entries counted as 0
    scales: np.ndarray  # per row: sum(|row| * |weights|), for the relative tolerance
    patterns: np.ndarray  # per row: where the non-finite entries are and what they are, weighted alike

    @classmethod
    def of(cls, output: np.ndarray, rng: np.random.Generator) -> RowDigest:
        weights = rng.uniform(0.5, 1.5, size=output.shape[1:]) * rng.choice((-1.0, 1.0), size=output.shape[1:])
        flat = weights.reshape(-1)
        rows_per_block = max(1, (1 << 17) // max(flat.size, 1))  # a view's rows are copied a block at a time
        parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        for start in range(0, output.shape[0], rows_per_block):
            parts.append(_project(np.asarray(output[start:start + rows_per_block]), flat))
        sums, scales, patterns = (np.concatenate([part[i] for part in parts]) for i in range(3))
        return cls(shape=tuple(output.shape), weights=weights, sums=sums, scales=scales.real, patterns=patterns)

    def problem(self, actual: Any, rows: tuple[int, ...] | None, shape: tuple[int, ...] | None, *,
                rtol: float, atol: float) -> str | None:
        if shape is not None and shape != self.shape:
            return f"expected shape {self.shape}, got {shape}"
        wanted = min(SAMPLED_ROWS, self.shape[0])
        if (rows is None or len(rows) != wanted or len(set(rows)) != wanted or list(rows) != sorted(rows)
                or not all(0 <= r < self.shape[0] for r in rows) or rows[0] != 0 or rows[-1] != self.shape[0] - 1):
            return "the rows sent back for checking are not the ones the sandbox drew"
        if not isinstance(actual, np.ndarray) or actual.shape != (wanted, *self.shape[1:]):
            return "the rows sent back for checking are malformed"
        if actual.dtype.kind not in "biufc":
            return f"values of dtype {actual.dtype}"
        index = list(rows)
        got, _, pattern = _project(actual, self.weights.reshape(-1))
        weight = float(np.abs(self.weights).sum())
        tolerance = atol * weight + (rtol + 1e-9) * self.scales[index]
        with np.errstate(all="ignore"):
            off = np.where(np.isfinite(self.sums[index]), np.abs(got - self.sums[index]),
                           np.where(got == self.sums[index], 0.0, np.inf))
        misplaced = np.abs(pattern - self.patterns[index]) > 1e-9 * weight  # inf, -inf or NaN where it is not
        bad = [r for r, o, t, m in zip(rows, off, tolerance, misplaced, strict=True) if m or not o <= t]
        if not bad:
            return None
        return f"{len(bad)} of {wanted} rows checked differ from the reference's, first at index ({bad[0]},)"


def _project(block: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per row: finite entries times the weights, their magnitudes times |weights|, and a code of the rest."""
    values = np.asarray(block, dtype=_digest_dtype(block)).reshape(block.shape[0], -1)
    finite = np.isfinite(values)
    clean = np.where(finite, values, 0)
    code = np.where(finite, 0.0, np.where(np.isnan(values), 3.0, np.where(values.real > 0, 1.0, 2.0)))
    with np.errstate(all="ignore"):  # values near the float limit may overflow the sums: compared as inf below
        return clean @ weights, np.abs(clean) @ np.abs(weights), code @ weights


def _digest_dtype(array: np.ndarray) -> type[np.floating[Any]] | type[np.complexfloating[Any, Any]]:
    return np.complex128 if array.dtype.kind == "c" else np.float64


@dataclass(frozen=True)
class TimedInput:
    """One size's timing inputs: the first is timed over repeats, the others once each, fresh.

    Each comes with the reference's output on it, so the output of timed calls can be checked:
    a function that skips its work on timing-shaped inputs returns a wrong answer there. For
    an array output with more than a few rows, the job sends back rows it draws itself after
    the call, checked against a digest of every row of the reference's (`digests`): rows the
    grader chose would travel in the call's options, where the code could read them from the
    harness's frames and compute only those. The fresh inputs are different data of the same
    shape, timed after the repeats: a cache keyed on the input (its id, its address, a hash
    of its bytes) makes repeats instant but cannot answer an input it has never seen.
    """

    size: int
    inputs: tuple[SizedInput, ...]
    expected: tuple[Any, ...]
    rows: tuple[int, ...] | None  # fixed rows of an array output that travel back and are checked
    key: str  # names all of these inputs together (the sandbox sends them once per executor)
    check: Checker | None = None  # the challenge's own checker, for outputs that come back whole
    rtol: float = 1e-6
    atol: float = 1e-8
    digests: tuple[RowDigest, ...] = ()  # one per input: rows drawn in the job are checked against these

    def calls(self, repeated: CallOptions, fresh: CallOptions) -> tuple[Call, ...]:
        return tuple(Call(args=sized.args, kwargs=sized.kwargs, options=repeated if index == 0 else fresh)
                     for index, sized in enumerate(self.inputs))

    def sampling(self) -> dict[str, Any]:
        """How a timed call's output travels back: rows the job draws, fixed rows, or whole."""
        return {"sample_drawn": SAMPLED_ROWS} if self.digests else {"sample_rows": self.rows}

    def problem(self, index: int, actual: Any, *, rows: tuple[int, ...] | None = None,
                shape: tuple[int, ...] | None = None) -> str | None:
        """Why the output of a timed call on input `index` is wrong, or None."""
        expected = self.expected[index]
        try:
            if self.digests:
                return self.digests[index].problem(actual, rows, shape, rtol=self.rtol, atol=self.atol)
            if self.check is not None and self.rows is None:
                case = Case("timing", args=self.inputs[index].args, kwargs=self.inputs[index].kwargs,
                            category="timing")
                return self.check(expected, actual, case)
            return compare_outputs(expected, actual, rtol=self.rtol, atol=self.atol, reveal=False)
        except Exception as exc:  # a checker that cannot digest the value: the value is wrong
            return f"the output could not be checked ({type(exc).__name__})"


def build_timed_input(challenge: Challenge, size: int) -> TimedInput:
    """The seed-0 input (as before: figures stay comparable) and FRESH_INPUTS more, with their answers."""
    reference = challenge.reference()
    inputs = tuple(challenge.sized_input(size, seed=seed) for seed in range(1 + FRESH_INPUTS))
    outputs = []
    for sized in inputs:
        with np.errstate(all="ignore"):
            outputs.append(reference(*copy.deepcopy(sized.args), **copy.deepcopy(sized.kwargs)))
    first = outputs[0]
    digests: tuple[RowDigest, ...] = ()
    if (all(isinstance(out, np.ndarray) and out.ndim >= 1 and out.shape[0] > SAMPLED_ROWS
            and out.dtype.kind in "biufc" for out in outputs)):
        rng = np.random.default_rng()  # weights fixed per server but drawn at random, never sent anywhere
        digests = tuple(RowDigest.of(out, rng) for out in outputs)
        outputs = [None] * len(outputs)  # the digests stand for them; the outputs may be 100 MB
    rows: tuple[int, ...] | None = None
    if not digests and isinstance(first, np.ndarray) and first.ndim >= 1 and first.shape[0] > SAMPLED_ROWS:
        picked = np.random.default_rng().choice(first.shape[0] - 2, size=SAMPLED_ROWS - 2, replace=False) + 1
        rows = tuple(sorted({0, first.shape[0] - 1, *map(int, picked)}))
    expected = tuple(out[list(rows)] if rows is not None and isinstance(out, np.ndarray) and out.ndim >= 1 else out
                     for out in outputs)
    checks = [case.check for case in challenge.cases() if case.check is not None]
    # Loosened tolerances: this check catches skipped work, not the last digits (the tests judge those).
    return TimedInput(size=size, inputs=inputs, expected=expected, rows=rows, check=checks[0] if checks else None,
                      key=f"{challenge.cache_key}:timing:{size}:{1 + FRESH_INPUTS}",
                      rtol=max(challenge.config.rtol * 10, 1e-5), atol=max(challenge.config.atol * 10, 1e-7),
                      digests=digests)


def timing_limits(wall_seconds: float = CALL_CPU_SECONDS * 4) -> Limits:
    """CPU for the slowest call timed plus its repeats; wall time as the caller allows (see _job_wall)."""
    return Limits(cpu_seconds=CALL_CPU_SECONDS * 2, wall_seconds=wall_seconds)


def job_overhead_cpu_seconds(sandbox: Sandbox, timed: TimedInput, gate: TimingGate) -> float:
    """CPU time of a job process that only receives these inputs: starting, copying, exiting.

    The kernel's CPU figure for a timing job includes all of that, so the clock check
    subtracts it (it grows with the input: 100 MB of arrays is not free).
    """
    options = CallOptions(discard_value=True, check_mutation=False)
    job = Job(code="def noop(*args, **kwargs):\n    return None\n", function="noop",
              calls=timed.calls(options, options), cpu=timing_cpu(), inputs_key=timed.key)  # as timing jobs run
    figures = []
    for _ in range(2):
        with gate.turn():
            figures.append(_job_cpu(sandbox.run(job, limits=timing_limits())))
    return min(figures)


def _job_cpu(result: RunResult) -> float:
    """The CPU time the kernel accounted to the job's own process (decoding its inputs excluded)."""
    return result.job_cpu_seconds if result.job_cpu_seconds is not None else result.cpu_seconds


class Timekeeper:
    """What timing keeps for as long as the server runs: the gate, the CPU's usual speed, the inputs.

    Inputs and the reference's answers on them are built once per challenge (the largest are
    100+ MB, so outside the lock; two first requests may both build them).
    """

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox
        self.phases = PhaseWatch()
        self.gate = TimingGate()
        self._inputs: dict[str, list[TimedInput]] = {}
        self._lock = threading.Lock()

    def inputs(self, challenge: Challenge) -> list[TimedInput]:
        with self._lock:
            cached = self._inputs.get(challenge.cache_key)
        if cached is None:
            cached = [build_timed_input(challenge, size) for size in challenge.config.timing.sizes]
            with self._lock:
                cached = self._inputs.setdefault(challenge.cache_key, cached)
        return cached

    def forget(self, keep: Callable[[str], bool]) -> None:
        """Drop the inputs of every challenge key `keep` refuses (an author's question's old revisions)."""
        with self._lock:
            for key in [key for key in self._inputs if not keep(key)]:
                del self._inputs[key]

    def overhead_cpu_seconds(self, challenge: Challenge) -> list[float]:
        return [job_overhead_cpu_seconds(self.sandbox, timed, self.gate) for timed in self.inputs(challenge)]

    def time_naive(self, challenge: Challenge, overhead_cpu_seconds: list[float]) -> SolutionTiming:
        """The naive loop, once per server: slow by design, so fewer rounds, a larger budget, long jobs."""
        if not challenge.has_naive:  # an author's question may have none: timing compares with the reference only
            return SolutionTiming([None] * len(challenge.config.timing.sizes),
                                  notes=["not timed: this question has no naive loop"])
        run = TimingRun(self.sandbox, self.phases, self.gate, budget_seconds=NAIVE_BUDGET_SECONDS,
                        max_rounds=MIN_ROUNDS, seconds_left=math.inf, first_job_wall_seconds=CALL_CPU_SECONDS * 4)
        try:
            return time_solution(run, code=challenge.naive_code, function=challenge.config.function,
                                 sizes=challenge.config.timing.sizes, inputs=self.inputs(challenge),
                                 overhead_cpu_seconds=overhead_cpu_seconds)
        finally:
            run.finished = True

    def time_submission(self, challenge: Challenge, code: str,
                        overhead_cpu_seconds: list[float]) -> tuple[SolutionTiming, SolutionTiming]:
        """The candidate and the reference, re-timed beside it (ratios from one moment), within one budget."""
        run = TimingRun(self.sandbox, self.phases, self.gate)
        try:
            candidate, reference = time_side_by_side(
                run, codes=[code, challenge.reference_code], function=challenge.config.function,
                sizes=challenge.config.timing.sizes, inputs=self.inputs(challenge),
                overhead_cpu_seconds=overhead_cpu_seconds)
        finally:
            run.finished = True
        return candidate, reference


@dataclass(eq=False)  # compared by identity: each is one timing
class TimingRun:
    """What one timing (a submit's, or a naive loop's) may use: the gate, and a wall budget of its own."""

    sandbox: Sandbox
    phases: PhaseWatch
    gate: TimingGate
    budget_seconds: float = BUDGET_SECONDS  # sizes predicted slower than this per call are skipped
    max_rounds: int = MAX_ROUNDS
    seconds_left: float = SUBMIT_SECONDS  # CPU of this timing's jobs (the kernel's figure); wall when killed
    first_job_wall_seconds: float = FIRST_JOB_WALL_SECONDS
    used_seconds: float = 0.0  # wall time of this timing's jobs: its share of the timing CPU so far
    finished: bool = False

    def run(self, job: Job, limits: Limits) -> tuple[RunResult, float]:
        """Run one timing job in its turn; what it costs counts against the budget (_charged_seconds)."""
        with self.gate.turn(self):
            started = time.monotonic()
            result = self.sandbox.run(job, limits=limits)
            seconds = time.monotonic() - started
            self.used_seconds += seconds
        self.seconds_left -= _charged_seconds(result, limits)
        return result, seconds


def time_solution(run: TimingRun, *, code: str, function: str, sizes: tuple[int, ...], inputs: list[TimedInput],
                  overhead_cpu_seconds: list[float]) -> SolutionTiming:
    """Time one solution size by size (see time_side_by_side)."""
    return time_side_by_side(run, codes=[code], function=function, sizes=sizes, inputs=inputs,
                             overhead_cpu_seconds=overhead_cpu_seconds)[0]


def time_side_by_side(run: TimingRun, *, codes: list[str], function: str, sizes: tuple[int, ...],
                      inputs: list[TimedInput], overhead_cpu_seconds: list[float]) -> list[SolutionTiming]:
    """Time solutions size by size: for each size, rounds of one job per solution, back to back.

    On a shared machine a virtual CPU now and then runs 1.2-1.4x slow for a while, so one job
    per solution gave ratios that moved by up to 100% between gradings. Each job reports the
    median of its repeats, and the probe beside it says whether the CPU ran in its usual phase
    (PhaseWatch); noise only ever slows a job down, so each solution's figure is
    its fastest job's (from the CPU's usual phase when it has any), and its rounds go on (up to
    max_rounds, while the extra ones fit in EXTRA_ROUNDS_SECONDS) until two jobs from the usual
    phase agree. The order alternates between rounds; every timing job runs on one CPU and
    counts its own CPU time, after a warm-up call, until the budget is spent. Sizes whose
    predicted time is over the budget are skipped. The submission shares its process with the
    clock it is timed by, so it could patch it: the kernel's CPU time for the job is the check,
    and when it overrules every job the kernel's figure wins. Each job waits for its own turn
    on the timing CPU (TimingGate) and has a wall limit near its predicted CPU time; a job that
    sleeps, or a timing past its wall budget, ends the timing with a note.
    """
    timings = [SolutionTiming(seconds=[]) for _ in codes]
    cpu = timing_cpu()
    solutions = [hashlib.sha256(code.encode()).hexdigest()[:16] for code in codes]  # with the inputs: a workload
    extra_seconds_left = EXTRA_ROUNDS_SECONDS
    last_job_seconds: dict[int, float] = {}
    for size, timed, overhead in zip(sizes, inputs, overhead_cpu_seconds, strict=True):
        active: list[int] = []
        for index, timing in enumerate(timings):
            known = _known(sizes, timing)
            if timing.stopped is not None:
                continue
            if run.seconds_left <= 0:
                timing.stopped = f"not run at size {size} and above: this timing used up its time budget"
                timing.notes.append(timing.stopped)
            elif timing.skipped_from is None and not (known and _predict(known, size) > run.budget_seconds):
                active.append(index)
            elif timing.skipped_from is None:
                timing.skipped_from = size
                timing.notes.append(f"not run at size {size} and above: it would take about "
                                    f"{_predict(known, size):.1f} s per call (budget {run.budget_seconds:g} s)")
        readings: dict[int, list[_Reading]] = {index: [] for index in active}
        job_seconds = dict(last_job_seconds)  # how long each solution's last job took, end to end
        longest_job = 0.0  # at this size: a first job may take a few times what another took
        for round_number in range(run.max_rounds):
            pending = [index for index, taken in readings.items()
                       if _final(taken) is None and (round_number < MIN_ROUNDS or not _settled(taken))]
            extra = round_number >= MIN_ROUNDS
            if not pending or run.seconds_left <= 0 or (
                    extra and sum(job_seconds.get(index, 0.0) for index in pending) > extra_seconds_left):
                break  # all settled, or the submit must stay fast: the fastest so far will do
            # The last solution (the reference, when there is one) goes first: its job's length
            # bounds the candidate's first job at this size.
            for index in pending[::-1] if round_number % 2 == 0 else pending:
                # The reference beside a candidate is trusted not to sleep, and a loaded host can
                # stretch its job past any tight limit (then nothing could be compared): it gets
                # the full limit. A candidate's job gets a few times what the reference's took.
                trusted = len(codes) > 1 and index == len(codes) - 1
                wall = _job_wall(run, _known(sizes, timings[index]), size, longest_job)
                if wall <= 0:  # the budget is spent: what has been measured will do
                    break
                if trusted:
                    wall = CALL_CPU_SECONDS * 4
                result, job_seconds[index] = run.run(_timing_job(codes[index], function, timed, cpu),
                                                     timing_limits(wall))
                longest_job = max(longest_job, job_seconds[index])
                readings[index].append(_read_timing(result, overhead_cpu_seconds=overhead, phases=run.phases,
                                                    timed=timed, workload=f"{timed.key}:{solutions[index]}"))
                if extra:
                    extra_seconds_left -= job_seconds[index]
                if readings[index][-1].stop or readings[index][-1].wrong_output:
                    break  # this timing ends here: no job of any solution after it
            if any(taken and (taken[-1].stop or taken[-1].wrong_output) for taken in readings.values()):
                break
        last_job_seconds = {index: job_seconds[index] for index in active if index in job_seconds}
        for index, timing in enumerate(timings):
            chosen = _choose(readings[index]) if readings.get(index) else _Reading(None)
            if index in readings and not readings[index]:  # its turn came after the budget was spent
                chosen = _Reading(None, "not timed: this timing used up its time budget", stop=True)
            timing.seconds.append(chosen.seconds)
            if chosen.note:
                timing.notes.append(f"size {size}: {chosen.note}")
            if chosen.kernel_won:
                timing.source = "kernel"
            if chosen.wrong_output:
                timing.wrong_output = chosen.note
            timing.fresh_inputs = timing.fresh_inputs or chosen.fresh_won
            if chosen.stop or chosen.wrong_output:
                timing.stopped = timing.stopped or chosen.note
                for other in timings:  # the others' figures would be compared with nothing
                    other.stopped = other.stopped or "stopped with the solution timed beside it"
            if chosen.too_slow and timing.too_slow_from is None:
                timing.too_slow_from = size
    return timings


def _known(sizes: tuple[int, ...], timing: SolutionTiming) -> list[tuple[int, float]]:
    return [(s, t) for s, t in zip(sizes, timing.seconds, strict=False) if t is not None]


def _job_wall(run: TimingRun, known: list[tuple[int, float]], size: int, expected_job_seconds: float) -> float:
    """A timing job's wall limit: near what it should need, and nothing once the budget is spent.

    Sleeping or blocking costs no CPU, so without this a solution that sleeps in its warm-up
    held the timing CPU for the whole 8 s wall limit of every job. What a job should need is
    a few times the longest job so far at this size (the reference's goes first: on a loaded
    host, jobs took 5x their CPU time), or a few times the predicted CPU of its calls.
    """
    wall = max(run.first_job_wall_seconds, FIRST_JOB_WALL_FACTOR * expected_job_seconds)
    if known:
        calls = 2 + MIN_REPEATS + FRESH_INPUTS  # warm-up, repeats, fresh calls, and some to spare
        wall = max(wall, JOB_WALL_FACTOR * (_predict(known, size) * calls + REPEAT_BUDGET_SECONDS)
                   + JOB_WALL_SLACK_SECONDS)
    if run.seconds_left <= 0:
        return 0.0
    return min(wall, CALL_CPU_SECONDS * 4)


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

    A job the probe saw in a slow phase may have been slowed less, or only in part: a job from
    the usual phase is trusted over it, even when its figure is lower.
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


def _timing_job(code: str, function: str, timed: TimedInput, cpu: int) -> Job:
    repeated = CallOptions(time_repeats=MAX_REPEATS, time_budget_seconds=REPEAT_BUDGET_SECONDS,
                           time_min_repeats=MIN_REPEATS, cpu_seconds=CALL_CPU_SECONDS, check_mutation=False,
                           **timed.sampling())
    fresh = CallOptions(cpu_seconds=CALL_CPU_SECONDS, check_mutation=False, **timed.sampling())
    return Job(code=code, function=function, calls=timed.calls(repeated, fresh), cpu=cpu, inputs_key=timed.key)


def _read_timing(result: RunResult, *, overhead_cpu_seconds: float, phases: PhaseWatch,
                 timed: TimedInput, workload: str) -> _Reading:
    """The median repeat, checked three ways: outputs, fresh inputs, and the kernel's CPU time.

    The output of the last repeat and of each fresh call must match the reference's (on sampled
    rows). A fresh input's call much slower than the repeats means the repeats were answered
    from a cache: the fresh calls' figure is used. And the kernel's CPU time for the job must
    agree with the figure as used (the median times the calls, and a bounded warm-up), not
    merely with the sum of what the job reported: a patched clock could move the time of every
    call into the warm-up.
    """
    if result.outcome == "wall_timeout":  # a few times what the reference's job took: slow, or asleep
        return _Reading(None, f"not timed: a job ran past its wall-clock limit ({result.wall_seconds:.2f} s; "
                        "sleeping or waiting counts); timing stopped", stop=True, too_slow=True)
    if result.outcome == "ok" and _slept(result):
        return _Reading(None, f"not timed: the job took {result.wall_seconds:.2f} s of wall-clock time for "
                        f"{result.cpu_seconds:.2f} s of CPU (sleeping or waiting counts); timing stopped", stop=True)
    if result.outcome == "cpu_timeout":
        return _Reading(None, f"not timed: it ran past {CALL_CPU_SECONDS * 2:g} s of CPU", too_slow=True)
    if result.outcome != "ok":
        # The reference ran on these inputs: a candidate that cannot (it exits, crashes, floods the output)
        # has no figure to compare, which is no reason to judge its cost on the tests' small sizes only.
        # Running out of memory is the memory criterion's to judge.
        return _Reading(None, f"not timed: the job failed on timing-sized inputs ({result.message})",
                        wrong_output=result.outcome not in ("memory", "internal_error"))
    timed_call = result.calls[0]
    if timed_call.status == "timeout" or any(call.status == "timeout" for call in result.calls):
        return _Reading(None, f"not timed: a call ran past {CALL_CPU_SECONDS:g} s of CPU", too_slow=True)
    failed = next((call for call in result.calls if call.status in ("error", "invalid")), None)
    if failed is not None:  # raising only on timing-sized inputs hid a slow solution's cost entirely
        what = failed.error.type if failed.error is not None else failed.status
        return _Reading(None, f"not timed: a timed call failed on timing-sized inputs ({what}), where the tests "
                        "passed", wrong_output=True)
    if timed_call.status != "ok" or len(timed_call.seconds) < 2:
        return _Reading(None, f"not timed: it ran past {CALL_CPU_SECONDS:g} s of CPU")
    wrong = _wrong_output(result.calls, timed)
    if wrong is not None:
        return _Reading(None, f"not timed: {wrong}", wrong_output=True)
    slowdown = phases.slowdown(result.probe_seconds, workload)  # whether this job ran in the CPU's usual phase
    median = statistics.median(timed_call.seconds[1:])
    fresh = [call.seconds[0] for call in result.calls[1:] if call.seconds]
    figure, note, fresh_won = median, "", False
    if fresh and statistics.median(fresh) > FRESH_FACTOR * median + FRESH_SLACK_SECONDS:
        figure, fresh_won = statistics.median(fresh), True
        note = (f"a call on new data took {figure * 1e3:.3g} ms but repeated calls on the same data only "
                f"{median * 1e3:.3g} ms (were they answered from a cache?); the figure on new data is used")
    repeats = (len(timed_call.seconds) - 1) * timed_call.calls_per_sample + len(fresh)
    warmup = min(timed_call.seconds[0], max(WARMUP_ALLOWANCE * figure, WARMUP_ALLOWANCE_SECONDS))
    reported = warmup + figure * repeats
    kernel = max(_job_cpu(result) - overhead_cpu_seconds, 0.0)
    # The no-op job's cost varies from run to run, more so with big inputs: allow half of it as slack.
    if kernel > CLOCK_SLACK * reported + CLOCK_SLACK_SECONDS + overhead_cpu_seconds / 2:
        note = (f"the time reported inside the sandbox ({reported:.3f} s) disagrees with the CPU time the kernel "
                f"measured ({kernel:.3f} s); the kernel's figure is used")
        return _Reading(kernel / (1 + repeats), note, kernel_won=True, slowdown=slowdown, fresh_won=fresh_won)
    return _Reading(figure, note, slowdown=slowdown, fresh_won=fresh_won)


def _charged_seconds(result: RunResult, limits: Limits) -> float:
    """What a job costs a timing's budget: its CPU time, and wall time far beyond it (sleeping counts).

    Not all of the wall time: on a loaded host honest jobs took 5x their CPU time in wall
    time. A job killed at its wall limit is charged the whole limit (its CPU is not known).
    """
    if result.outcome == "wall_timeout":
        return limits.wall_seconds
    idle = result.wall_seconds - CHARGED_IDLE_FACTOR * result.cpu_seconds - CHARGED_IDLE_SLACK_SECONDS
    return result.cpu_seconds + max(0.0, idle)


def _slept(result: RunResult) -> bool:
    """Wall time far beyond CPU time: the job slept or blocked (both trusted figures, from the executor)."""
    return result.wall_seconds > IDLE_FACTOR * result.cpu_seconds + IDLE_SLACK_SECONDS


def _wrong_output(calls: tuple[CallResult, ...], timed: TimedInput) -> str | None:
    for index, call in enumerate(calls[: len(timed.inputs)]):
        if call.status != "ok":
            return f"a timed call on {'the timing' if index == 0 else 'new'} data failed ({call.status})"
        problem = timed.problem(index, call.value, rows=call.rows, shape=call.shape)
        if problem is not None:
            which = "a repeated call on the timing data" if index == 0 else "a call on new timing data"
            return f"{which} returned a wrong result ({problem}): work skipped on timing-sized inputs"
    return None


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
