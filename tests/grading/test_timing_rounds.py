"""How rounds of timing jobs become one figure per solution: the quietest round, once two agree."""

from __future__ import annotations

from app.grading.timing import _choose, _final, _settled


def test_two_agreeing_rounds_settle_and_the_quietest_is_chosen() -> None:
    rounds = [{0: (1.00, "", False), 1: (2.00, "", False)}, {0: (1.05, "", False), 1: (2.05, "", False)}]
    assert _settled(rounds)
    assert _choose(rounds) == {0: (1.00, "", False), 1: (2.00, "", False)}


def test_a_slow_round_does_not_settle_and_is_not_chosen() -> None:
    # Round two ran while the machine was busy, for the second solution only: the ratio moved by 50%.
    rounds = [{0: (1.0, "", False), 1: (2.0, "", False)}, {0: (1.0, "", False), 1: (3.0, "", False)}]
    assert not _settled(rounds)
    rounds.append({0: (1.02, "", False), 1: (2.02, "", False)})
    assert _settled(rounds)
    assert _choose(rounds)[1] == (2.0, "", False)


def test_everything_slow_together_keeps_the_ratio() -> None:
    # A whole round 30% slow (both solutions back to back) agrees on the ratio: settled, quietest chosen.
    rounds = [{0: (1.3, "", False), 1: (2.6, "", False)}, {0: (1.0, "", False), 1: (2.0, "", False)}]
    assert _settled(rounds)
    assert _choose(rounds) == {0: (1.0, "", False), 1: (2.0, "", False)}


def test_one_solution_settles_on_its_own_figures() -> None:
    assert _settled([{0: (1.0, "", False)}, {0: (1.08, "", False)}])
    assert not _settled([{0: (1.0, "", False)}, {0: (1.3, "", False)}])


def test_the_kernel_wins_only_when_it_overrules_every_round() -> None:
    caught = (0.5, "the kernel's figure is used", True)
    once = [{0: caught, 1: (1.0, "", False)}, {0: (0.1, "", False), 1: (1.0, "", False)}]
    assert _final(once) == {}  # one overruled job may be an honest hiccup: measure on
    assert not _settled(once)  # only one clean round so far
    always = [{0: caught, 1: (1.0, "", False)}, {0: caught, 1: (1.0, "", False)}]
    assert _final(always) == {0: caught}
    assert _choose(always)[0] == caught


def test_a_job_that_could_not_be_timed_ends_the_measuring() -> None:
    untimed = (None, "not timed: it ran past 2 s of CPU", False)
    rounds = [{0: untimed, 1: (1.0, "", False)}]
    assert _final(rounds) == {0: untimed}
    assert _choose(rounds) == {0: untimed, 1: (1.0, "", False)}
