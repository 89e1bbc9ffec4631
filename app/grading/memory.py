"""Peak memory a job cannot hide: the kernel's resident high-water mark beside tracemalloc's figure.

tracemalloc runs inside the submission's process: code can stop it, or allocate through
`mmap`, and report a tiny peak. The job leader reads the job process's `ru_maxrss` from
wait4 once it has ended (every page it touched, however allocated); a job that only receives
the same inputs gives the baseline to subtract (the executor's pages and the inputs, which
the job inherits). The larger of the two figures counts, so tracemalloc still gives its
byte-exact figure for honest code, and only names lines.
"""

from __future__ import annotations

from dataclasses import replace

from sandbox import CallResult, RunResult


def trusted_peak_bytes(result: RunResult, baseline_rss_bytes: int | None) -> int | None:
    """The job's resident peak above the baseline job's, or None when either is unknown."""
    if result.job_peak_rss_bytes is None or baseline_rss_bytes is None:
        return None
    return max(0, result.job_peak_rss_bytes - baseline_rss_bytes)


def with_trusted_peak(call: CallResult, result: RunResult, baseline_rss_bytes: int | None) -> CallResult:
    """The call with its peak raised to what the kernel saw, when that is more than tracemalloc said."""
    kernel = trusted_peak_bytes(result, baseline_rss_bytes)
    if kernel is None:
        return call
    return replace(call, peak_bytes=max(call.peak_bytes or 0, kernel))
