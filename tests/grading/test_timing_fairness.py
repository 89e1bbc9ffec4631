"""Fair timing: one submission's slow timing does not hold up another user's submit (issue 13)."""

from __future__ import annotations

import statistics
import threading
import time

import pytest

from app.grading.grader import Grader
from app.grading.report import GradeReport
from app.grading.timing import TimingGate, TimingRun

# Correct, but sleeps in every call at timing sizes (the tests' inputs have at most 60 values):
# the old timing lock was held for its whole timing, ~40 s, while every other submit waited.
SLEEPER = '''
import time

import numpy as np


def softmax(z, axis=-1):
    if z.size >= 10_000:
        time.sleep(3)
    e = np.exp(z - z.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)
'''


def _timed_grade(grader: Grader, code: str) -> tuple[float, GradeReport]:
    started = time.monotonic()
    report = grader.grade("softmax", code)
    return time.monotonic() - started, report


@pytest.mark.slow
def test_victims_submit_is_not_held_up_by_a_sleeping_timing(grader: Grader) -> None:
    victim = grader.catalog.get("softmax").reference_code
    _timed_grade(grader, victim)  # the server's one-off work: profiles, inputs sent to the executors
    alone = statistics.median(_timed_grade(grader, victim)[0] for _ in range(3))
    attacked: dict[str, GradeReport] = {}
    attacker = threading.Thread(target=lambda: attacked.setdefault("report", grader.grade("softmax", SLEEPER)))
    attacker.start()
    time.sleep(0.3)  # the attacker's tests run first; its timing starts soon after
    during, report = _timed_grade(grader, victim)
    attacker.join(timeout=60)
    print(f"victim alone {alone:.2f} s, while the sleeper's timing was in flight {during:.2f} s "
          f"({during / alone:.2f}x)")
    assert report.verdict == "accepted"
    assert report.timing is not None
    assert all(seconds is not None for seconds in report.timing["candidate_seconds"]), report.timing["notes"]
    # At most one of the sleeper's jobs (killed at its wall limit, ~1 s) runs ahead of the victim's.
    assert during <= 1.5 * alone + 0.5
    sleeper = attacked["report"]
    assert sleeper.timing is not None
    assert any("timing stopped" in note for note in sleeper.timing["notes"]), sleeper.timing["notes"]


def test_the_gate_serves_the_timing_that_used_least_first() -> None:
    gate = TimingGate()
    heavy, light = (TimingRun(sandbox=None, phases=None, gate=gate) for _ in range(2))  # type: ignore[arg-type]
    heavy.used_seconds, light.used_seconds = 5.0, 0.1
    order: list[str] = []
    with gate.turn(None):  # the gate is busy while both queue up, the heavy one first
        threads = [threading.Thread(target=lambda run=run, name=name: _take_turn(gate, run, name, order))
                   for run, name in ((heavy, "heavy"), (light, "light"))]
        for thread in threads:
            thread.start()
            time.sleep(0.05)
    for thread in threads:
        thread.join(timeout=5)
    assert order == ["light", "heavy"]


def test_the_gate_keeps_its_turn_for_a_timing_that_is_owed_more() -> None:
    gate = TimingGate()
    heavy, light = (TimingRun(sandbox=None, phases=None, gate=gate) for _ in range(2))  # type: ignore[arg-type]
    heavy.used_seconds, light.used_seconds = 5.0, 0.1
    order: list[str] = []
    with gate.turn(light):
        waiting = threading.Thread(target=_take_turn, args=(gate, heavy, "heavy", order))
        waiting.start()
        time.sleep(0.05)
    # light comes back within the anticipation window and goes before heavy, which was waiting
    _take_turn(gate, light, "light", order)
    waiting.join(timeout=5)
    assert order == ["light", "heavy"]


def _take_turn(gate: TimingGate, run: TimingRun, name: str, order: list[str]) -> None:
    with gate.turn(run):
        order.append(name)

