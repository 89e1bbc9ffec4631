"""How a solution's timing jobs become one figure: its fastest job, once its two fastest agree."""

from __future__ import annotations

from app.grading.timing import _choose, _final, _settled


def test_two_agreeing_jobs_settle_and_the_fastest_is_chosen() -> None:
    jobs = [(1.05, "", False), (1.00, "", False)]
    assert _settled(jobs)
    assert _choose(jobs) == (1.00, "", False)


def test_a_slow_job_does_not_settle_and_is_not_chosen() -> None:
    # The first job met a busy moment (or no huge pages): 50% slow.
    jobs = [(1.5, "", False), (1.0, "", False)]
    assert not _settled(jobs)
    jobs.append((1.04, "", False))
    assert _settled(jobs)
    assert _choose(jobs) == (1.0, "", False)


def test_one_job_is_never_settled() -> None:
    assert not _settled([(1.0, "", False)])


def test_the_kernel_wins_only_when_it_overrules_every_job() -> None:
    caught = (0.5, "the kernel's figure is used", True)
    once = [caught, (0.1, "", False)]
    assert _final(once) is None  # one overruled job may be an honest hiccup: measure on
    assert not _settled(once)  # and it does not count as one of the agreeing two
    assert _settled([*once, (0.104, "", False)])
    assert _choose([*once, (0.104, "", False)]) == (0.1, "", False)
    always = [caught, caught]
    assert _final(always) == caught
    assert _choose(always) == caught


def test_a_job_that_could_not_be_timed_ends_the_measuring() -> None:
    untimed = (None, "not timed: it ran past 2 s of CPU", False)
    assert _final([untimed]) == untimed
    assert _choose([(1.0, "", False), untimed]) == untimed
