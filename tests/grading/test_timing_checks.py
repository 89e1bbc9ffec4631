"""How one timing job's figures are read: outputs checked, caches seen through, the kernel's word, sleep."""

from __future__ import annotations

import numpy as np
import pytest

from app.cases import SizedInput
from app.grading.timing import (
    FRESH_FACTOR,
    PhaseWatch,
    RowDigest,
    TimedInput,
    TimingGate,
    TimingRun,
    _job_wall,
    _read_timing,
    _Reading,
)
from sandbox import CallResult, RunResult

EXPECTED = np.arange(8.0).reshape(4, 2)
TIMED = TimedInput(size=100, inputs=(SizedInput(args=(np.zeros(3),)), SizedInput(args=(np.ones(3),))),
                   expected=(EXPECTED, EXPECTED + 1), rows=(0, 1, 2, 3), key="t")


def job(repeats: list[float], fresh: float, *, kernel: float | None = None, first: float | None = None,
        value: np.ndarray = EXPECTED, wall: float = 0.1, outcome: str = "ok") -> RunResult:
    seconds = (first if first is not None else repeats[0], *repeats)
    calls = (CallResult(status="ok", value=value, seconds=seconds),
             CallResult(status="ok", value=EXPECTED + 1, seconds=(fresh,)))
    honest = sum(seconds) + fresh
    return RunResult(outcome=outcome, calls=calls if outcome == "ok" else (),  # type: ignore[arg-type]
                     cpu_seconds=kernel if kernel is not None else honest, wall_seconds=wall,
                     job_cpu_seconds=kernel if kernel is not None else honest)


def read(result: RunResult) -> _Reading:
    return _read_timing(result, overhead_cpu_seconds=0.0, phases=PhaseWatch(), timed=TIMED, workload="test")


def test_honest_job_reads_its_median_repeat() -> None:
    reading = read(job([0.010, 0.011, 0.010, 0.012], fresh=0.011))
    assert reading.seconds == pytest.approx(0.0105)
    assert not reading.fresh_won
    assert not reading.kernel_won


def test_cached_repeats_are_seen_through_by_the_fresh_input() -> None:
    # A cache keyed on the input (id, address, bytes): repeats are lookups, the fresh call is real work.
    reading = read(job([1e-6] * 50, fresh=0.010, first=0.010))
    assert reading.fresh_won
    assert reading.seconds == pytest.approx(0.010)
    assert "cache" in reading.note


def test_a_fresh_call_a_little_slower_than_the_repeats_is_no_cache() -> None:
    reading = read(job([0.010] * 4, fresh=0.010 * FRESH_FACTOR * 0.9))
    assert not reading.fresh_won


def test_a_wrong_output_on_the_timing_input_stops_the_timing() -> None:
    reading = read(job([0.001] * 4, fresh=0.001, value=np.zeros((4, 2))))
    assert reading.seconds is None
    assert reading.wrong_output
    assert "wrong result" in reading.note


def test_a_clock_that_moves_the_calls_time_into_the_warm_up_is_overruled() -> None:
    # Reported: a 1 s warm-up and 1 ms repeats, which sum to what the kernel saw; the figure
    # used is the median, so the kernel's time is compared with the median times the calls.
    repeats = [0.001] * 10
    result = job(repeats, fresh=0.001, first=1.0, kernel=1.0 + 0.011)
    reading = read(result)
    assert reading.kernel_won
    assert reading.seconds is not None
    assert reading.seconds > 0.05


def test_an_honest_slow_warm_up_is_allowed() -> None:
    reading = read(job([0.010] * 4, fresh=0.010, first=0.03))
    assert not reading.kernel_won


def test_a_job_that_sleeps_stops_the_timing() -> None:
    reading = read(job([0.001] * 4, fresh=0.001, wall=2.0))
    assert reading.seconds is None
    assert reading.stop


def test_a_job_killed_at_its_wall_limit_stops_the_timing_and_counts_as_slow() -> None:
    reading = read(job([0.001], fresh=0.001, wall=1.0, outcome="wall_timeout"))
    assert reading.stop
    assert reading.too_slow


def test_a_timing_whose_budget_is_spent_gets_no_more_jobs() -> None:
    run = TimingRun(sandbox=None, phases=PhaseWatch(), gate=TimingGate())  # type: ignore[arg-type]
    assert _job_wall(run, [], 1000, 0.0) == pytest.approx(1.0)
    assert _job_wall(run, [], 1000, 0.5) == pytest.approx(1.5)  # 3x the reference's job at this size
    run.seconds_left = 0.0
    assert _job_wall(run, [], 1000, 0.5) == 0.0


def _digest_timed(output: np.ndarray) -> TimedInput:
    digest = RowDigest.of(output, np.random.default_rng(0))
    return TimedInput(size=100, inputs=(SizedInput(args=(np.zeros(3),)),), expected=(None,), rows=None, key="d",
                      digests=(digest,), rtol=1e-5, atol=1e-7)


def test_rows_drawn_by_the_job_are_checked_against_every_reference_row() -> None:
    output = np.random.default_rng(1).standard_normal((1000, 6))
    timed = _digest_timed(output)
    rows = (0, 17, 512, 999)
    assert timed.problem(0, output[list(rows)], rows=rows, shape=(1000, 6)) is None
    assert timed.problem(0, output[list(rows)] * (1 + 1e-7), rows=rows, shape=(1000, 6)) is None


def test_a_row_that_was_not_computed_is_caught_wherever_it_is() -> None:
    output = np.random.default_rng(2).standard_normal((1000, 6))
    timed = _digest_timed(output)
    rows = (0, 17, 512, 999)
    skipped = output[list(rows)].copy()
    skipped[2] = 1 / 6  # a placeholder where the work was skipped
    assert timed.problem(0, skipped, rows=rows, shape=(1000, 6)) == ("1 of 4 rows checked differ from the reference's, "
                                                                          "first at index (512,)")


@pytest.mark.parametrize("rows", [(0, 1, 2, 3), (0, 0, 5, 999), (0, 5, 999), None, (999, 5, 6, 0)])
def test_rows_the_job_did_not_draw_are_refused(rows: tuple[int, ...] | None) -> None:
    output = np.random.default_rng(3).standard_normal((1000, 2))
    timed = _digest_timed(output)
    value = output[list(rows)] if rows else output[:4]
    assert timed.problem(0, value, rows=rows, shape=(1000, 2)) is not None


def test_rows_checked_against_a_wrong_full_shape_fail_on_the_shape() -> None:
    output = np.ones((10, 3))
    timed = _digest_timed(output)
    assert "expected shape" in (timed.problem(0, output[[0, 1, 2, 9]], rows=(0, 1, 2, 9), shape=(11, 3)) or "")


def test_rows_with_masked_entries_are_checked_where_they_are_finite_and_where_they_are_not() -> None:
    output = np.random.default_rng(4).standard_normal((100, 8))
    output[output < -0.5] = -np.inf  # masked logits, as top-p filtering leaves them
    timed = _digest_timed(output)
    rows = (0, 10, 50, 99)
    assert timed.problem(0, output[list(rows)], rows=rows, shape=(100, 8)) is None
    moved = output[list(rows)].copy()
    moved[1] = np.where(np.isfinite(moved[1]), -np.inf, 0.0)  # masks swapped with values
    assert timed.problem(0, moved, rows=rows, shape=(100, 8)) is not None
    nan = output[list(rows)].copy()
    nan[2, 0] = np.nan
    assert timed.problem(0, nan, rows=rows, shape=(100, 8)) is not None
