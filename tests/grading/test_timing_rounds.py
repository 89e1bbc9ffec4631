"""How a solution's timing jobs become one figure: its fastest job, once two from the usual phase agree."""

from __future__ import annotations

import pytest

from app.grading.timing import USUAL_PHASE, PhaseWatch, _choose, _final, _Reading, _settled


def job(seconds: float | None, *, slowdown: float = 1.0, kernel_won: bool = False, note: str = "") -> _Reading:
    return _Reading(seconds, note, kernel_won=kernel_won, slowdown=slowdown)


def test_two_agreeing_jobs_settle_and_the_fastest_is_chosen() -> None:
    jobs = [job(1.05), job(1.00)]
    assert _settled(jobs)
    assert _choose(jobs) == job(1.00)


def test_a_slow_job_does_not_settle_and_is_not_chosen() -> None:
    # The first job met a busy moment the probe did not see: 50% slow.
    jobs = [job(1.5), job(1.0)]
    assert not _settled(jobs)
    jobs.append(job(1.04))
    assert _settled(jobs)
    assert _choose(jobs) == job(1.0)


def test_two_jobs_from_a_slow_phase_do_not_settle_on_their_own() -> None:
    # Both ran while the CPU was 30% slow: their figures agree, but the other solution may have run at full speed.
    slow = [job(1.02, slowdown=1.3), job(1.0, slowdown=1.32)]
    assert not _settled(slow)
    assert _choose(slow) == slow[1]  # nothing better measured: the fastest of them
    usual = [*slow, job(1.05, slowdown=USUAL_PHASE)]
    assert not _settled(usual)  # one job from the usual phase is not yet two
    assert _choose(usual) == job(1.05, slowdown=USUAL_PHASE)  # and it is trusted over the slow phase's
    assert _settled([*usual, job(1.08)])


def test_a_slow_phase_figure_never_beats_one_from_the_usual_phase() -> None:
    # The probe saw a slow phase; what the job measured then is not trusted over a usual-phase job.
    jobs = [job(0.54, slowdown=1.36), job(0.70), job(0.69, slowdown=1.06)]
    assert _choose(jobs) == job(0.69, slowdown=1.06)
    assert _settled(jobs)


def test_one_job_is_never_settled() -> None:
    assert not _settled([job(1.0)])


def test_the_kernel_wins_only_when_it_overrules_every_job() -> None:
    caught = job(0.5, kernel_won=True, note="the kernel's figure is used")
    once = [caught, job(0.1)]
    assert _final(once) is None  # one overruled job may be an honest hiccup: measure on
    assert not _settled(once)  # and it does not count as one of the agreeing two
    assert _settled([*once, job(0.104)])
    assert _choose([*once, job(0.104)]) == job(0.1)
    always = [caught, caught]
    assert _final(always) == caught
    assert _choose(always) == caught


def test_a_job_that_could_not_be_timed_ends_the_measuring() -> None:
    untimed = job(None, note="not timed: it ran past 2 s of CPU")
    assert _final([untimed]) == untimed
    assert _choose([job(1.0), untimed]) == untimed


def test_phase_watch_measures_slowdown_against_the_usual_job() -> None:
    watch = PhaseWatch(history=1000)
    assert watch.slowdown([], "softmax:1000") == 1.0
    for _ in range(20):
        assert watch.slowdown([17.4e-6, 17.5e-6, 17.6e-6], "softmax:1000") == pytest.approx(1.0)
    assert watch.slowdown([22.75e-6] * 20, "softmax:1000") == pytest.approx(1.3)  # the host's neighbour is busy
    one_spike = [18e-6, 17.5e-6, 90e-6]
    assert watch.slowdown(one_spike, "softmax:1000") == pytest.approx(18 / 17.5)  # one spike is not a phase
    assert watch.slowdown([15e-6] * 5, "softmax:1000") == 1.0  # never faster than usual


def test_phase_watch_judges_by_jobs_not_by_single_probes() -> None:
    # Each job's probes scatter (median 7% over their own 10th percentile); the usual figure is a
    # job's median, so a job like every other reads 1.0 and is not taken for a slow phase.
    watch = PhaseWatch(history=100)
    jobs = [[16e-6, 17e-6, 17.5e-6, 18e-6, 19e-6]] * 10
    assert all(watch.slowdown(probes, "softmax:1000") == pytest.approx(1.0) for probes in jobs)


def test_phase_watch_forgets_old_figures() -> None:
    watch = PhaseWatch(history=5)
    for _ in range(5):
        watch.slowdown([17.5e-6] * 30, "softmax:1000")
    for _ in range(5):
        watch.slowdown([25e-6] * 30, "softmax:1000")  # the machine itself got slower for good: that is the new usual
    assert watch.slowdown([25e-6] * 10, "softmax:1000") == pytest.approx(1.0)


def test_phase_watch_knows_each_workloads_own_usual_figure() -> None:
    # A job's own work slows the probe beside it (forward-pass's 10^5 rows: 1.14-1.18x, every job):
    # against the lightest workload's figure such jobs never counted as the usual phase.
    watch = PhaseWatch(history=100)
    for _ in range(10):
        assert watch.slowdown([17.5e-6] * 10, "softmax:1000:ref") == pytest.approx(1.0)
        assert watch.slowdown([20.1e-6] * 10, "forward-pass:100000:ref") == pytest.approx(1.0)
    assert watch.slowdown([26.13e-6] * 10, "forward-pass:100000:ref") == pytest.approx(1.3)  # a slow phase there
    assert watch.slowdown([20.1e-6] * 10, "softmax:1000:ref") == pytest.approx(20.1 / 17.5)


def test_phase_watch_drops_the_least_recently_timed_workload() -> None:
    watch = PhaseWatch(history=100, workloads=2)
    watch.slowdown([10e-6] * 5, "a")
    watch.slowdown([30e-6] * 5, "b")
    watch.slowdown([10e-6] * 5, "a")  # "a" used again: "b" is now the oldest
    watch.slowdown([30e-6] * 5, "c")
    assert watch.slowdown([20e-6] * 5, "a") == pytest.approx(2.0)  # kept
    assert watch.slowdown([60e-6] * 5, "b") == 1.0  # forgotten: its first job again
