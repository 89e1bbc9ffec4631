"""Peak memory a job cannot hide: the kernel's resident high-water mark beside tracemalloc's figure.

tracemalloc runs inside the submission's process: code can stop it, or allocate through
`mmap`, and report a tiny peak. The job leader reads the job process's `ru_maxrss` from
wait4 once it has ended (every page it touched, however allocated); a job that only receives
the same inputs gives the baseline to subtract (the executor's pages and the inputs, which
the job inherits). The larger of the two figures counts, so tracemalloc still gives its
byte-exact figure for honest code, and only names lines.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from app.cases import Case
from sandbox import CallResult, ExceptionInfo, RunResult


@dataclass(frozen=True)
class Baseline:
    """What a job that only receives the probe holds: its process's resident peak, and its cgroup's."""

    rss_bytes: int | None
    group_bytes: int | None = None

    @classmethod
    def of(cls, noop: RunResult) -> Baseline:
        return cls(noop.job_peak_rss_bytes, noop.peak_memory_bytes)


def trusted_peak_bytes(result: RunResult, baseline: Baseline) -> int | None:
    """The job's peak above the baseline job's, or None when unknown.

    The larger of two kernel figures: the job process's resident peak (`ru_maxrss`, which counts
    children only once reaped) and its cgroup's peak, which counts every process the job
    started: a child that holds the big intermediate and is never waited for is in the second.
    """
    figures = []
    if result.job_peak_rss_bytes is not None and baseline.rss_bytes is not None:
        figures.append(result.job_peak_rss_bytes - baseline.rss_bytes)
    if result.peak_memory_bytes is not None and baseline.group_bytes is not None:
        figures.append(result.peak_memory_bytes - baseline.group_bytes)
    return max(0, *figures) if figures else None


def with_trusted_peak(call: CallResult, result: RunResult, baseline: Baseline) -> CallResult:
    """The call with its peak raised to what the kernel saw, when that is clearly more than tracemalloc said.

    Resident pages count whole (jobs get no huge pages, but 4 KiB pages and the allocator's
    own pages still round a figure up): within RSS_NOISE_BYTES the byte-exact tracemalloc figure stands.
    """
    kernel = trusted_peak_bytes(result, baseline)
    if kernel is None or kernel <= (call.peak_bytes or 0) + RSS_NOISE_BYTES:
        return call
    return replace(call, peak_bytes=kernel)


def probe_call(run: RunResult, baseline: Baseline) -> CallResult | None:
    """The candidate's call on a memory probe, its peak raised to the kernel's figure.

    A job stopped at its CPU or wall limit has no call of its own, but the kernel still saw the
    peak its processes reached by then (a child that does the work while the caller waits uses
    none of the caller's time): that counts as a call stopped at its time limit. A job the
    kernel stopped at its memory limit counts as a MemoryError, the worst figure a probe can
    give (lean on the other probe, it must not be outweighed). Any other failed job says
    nothing about memory (None).
    """
    if run.outcome == "ok" and run.calls:
        return with_trusted_peak(run.calls[0], run, baseline)
    if run.outcome == "memory":
        return CallResult(status="error", error=ExceptionInfo(type="MemoryError", ancestors=("MemoryError",),
                                                              message=run.message, traceback=()))
    if run.outcome in ("cpu_timeout", "wall_timeout"):
        peak = trusted_peak_bytes(run, baseline)
        return None if peak is None else CallResult(status="timeout", peak_bytes=peak)
    return None


RSS_NOISE_BYTES = 8 * 1024 * 1024
CUT_PROBE_MARGIN = 1.05  # the cut probe's ratio to the reference must be this much worse to be the one named
SCALED_FRACTIONS = (0.55, 0.85)  # the second probe keeps this share of the rows, drawn once per server


def scaled_probe(probe: Case, fraction: float) -> Case:
    """The memory probe with every long array argument cut to `fraction` of its rows.

    A second size drawn at random per server: a solution that recognises the probe by its
    shape, and is frugal only there, is measured where it is not.
    """
    args = tuple(arg[: max(1, int(arg.shape[0] * fraction))].copy()
                 if isinstance(arg, np.ndarray) and arg.ndim >= 1 and arg.shape[0] >= 64 else arg
                 for arg in probe.args)
    rows = min((arg.shape[0] for arg in args if isinstance(arg, np.ndarray) and arg.ndim >= 1), default=1)
    sample = tuple(row for row in probe.sample_rows or (0,) if row < rows) or (0,)
    return replace(probe, name=f"{probe.name} (cut to {fraction:.0%} of its rows)", args=args, sample_rows=sample)


def random_fraction() -> float:
    return float(np.random.default_rng().uniform(*SCALED_FRACTIONS))


@dataclass(frozen=True)
class ProbeProfile:
    """A memory probe and what the trusted side measured on it once per server."""

    probe: Case
    reference_peak_bytes: int | None  # the larger of tracemalloc's and the kernel's figure
    baseline: Baseline  # a job that only receives the probe: its resident peak and its cgroup's
    reference_is_view: bool


def worse(first: tuple[CallResult | None, int | None], second: tuple[CallResult | None, int | None]) -> int:
    """Which of two probes' (call, reference peak) shows the worse use of memory: 0 or 1.

    The second (cut) probe counts only when it is clearly worse (CUT_PROBE_MARGIN): the same
    code on both has the same ratio but for a few bytes, and which probe the report names
    then flipped from grade to grade (32 bytes of tracemalloc's figure decided it). Code that
    is frugal only on the probe's shape is many times worse on the cut one.
    """
    def badness(pair: tuple[CallResult | None, int | None]) -> float:
        call, reference = pair
        if call is not None and call.error is not None and call.error.is_a("MemoryError"):
            return float("inf")
        if call is None or call.status not in ("ok", "timeout"):
            return -1.0  # a crash says nothing about memory: the other probe's figure counts
        if not call.peak_bytes or not reference:
            return 0.0 if call.status == "ok" else -0.5
        return call.peak_bytes / reference  # a call stopped at its time limit: the peak it had reached by then
    first_badness, second_badness = badness(first), badness(second)
    if 0 < first_badness < float("inf"):
        return 1 if second_badness > first_badness * CUT_PROBE_MARGIN else 0
    return 1 if second_badness > first_badness else 0
