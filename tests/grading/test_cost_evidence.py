"""Vectorization read from what the calls cost: which constructs are named, and what is left alone."""

from __future__ import annotations

import ast

from app.grading.cost import CostEvidence, cost_finding
from app.grading.timing import SolutionTiming

SIZES = (1000, 10000, 100000)
REFERENCE = SolutionTiming(seconds=[1e-4, 1e-3, 1e-2])
PLAIN = ast.parse("import numpy as np\ndef f(x):\n    return np.exp(x)\n")
MAPPED = ast.parse("import math\nimport numpy as np\ndef f(x):\n    return np.array(list(map(math.exp, x)))\n")
REDUCED = ast.parse("from functools import reduce as fold\ndef f(x):\n    return fold(lambda a, b: a + b, x)\n")


def cost(*seconds: float | None, **flags: object) -> CostEvidence:
    return CostEvidence(sizes=SIZES, candidate=SolutionTiming(seconds=list(seconds), **flags),  # type: ignore[arg-type]
                        reference=REFERENCE)


def test_a_loop_inside_map_is_named_and_fails() -> None:
    finding = cost_finding(cost(9e-4, 7e-3, 6e-2), MAPPED)
    assert finding is not None
    rating, item = finding
    assert rating == "fail"
    assert "map()" in item.message
    assert item.line == 4


def test_a_renamed_import_is_still_named() -> None:
    finding = cost_finding(cost(1e-3, 1e-2, 1e-1), REDUCED)
    assert finding is not None
    assert "functools.reduce" in finding[1].message


def test_tens_of_times_slower_without_a_construct_warns_plainly() -> None:
    finding = cost_finding(cost(3e-3, 3e-2, 3e-1), PLAIN)
    assert finding is not None
    rating, item = finding
    assert rating == "warn"
    assert "Python loop" in item.message


def test_a_few_times_slower_vectorized_code_is_left_alone() -> None:
    assert cost_finding(cost(4e-4, 4e-3, 4e-2), PLAIN) is None
    assert cost_finding(cost(4e-4, 4e-3, 4e-2), MAPPED) is None


def test_cost_that_grows_much_faster_is_flagged() -> None:
    # Level with the reference at the small size, 16x behind at the largest: size^1.6 against size^1.
    finding = cost_finding(cost(1e-4, 2e-3, 1.6e-1), PLAIN)
    assert finding is not None
    assert "grows like size^" in finding[1].message


def test_slowness_the_memory_evidence_explains_is_left_to_memory() -> None:
    assert cost_finding(cost(3e-3, 3e-2, 3e-1), PLAIN, memory_explains=True) is None
    assert cost_finding(cost(3e-3, 3e-2, 3e-1), MAPPED, memory_explains=True) is not None


def test_a_wrong_timed_output_fails_whatever_the_speed() -> None:
    finding = cost_finding(cost(1e-4, None, None, wrong_output="not timed: a call returned a wrong result"), PLAIN)
    assert finding is not None
    assert finding[0] == "fail"
    assert finding[1].id == "vectorization.skipped-work"


def test_a_job_killed_where_the_reference_ran_is_slowness() -> None:
    finding = cost_finding(cost(1e-4, None, None, too_slow_from=10000), MAPPED)
    assert finding is not None
    assert finding[0] == "fail"
    assert "ran past its time limit" in finding[1].message


def test_no_timing_no_finding() -> None:
    assert cost_finding(None, PLAIN) is None


def test_a_loop_driven_from_c_by_max_with_a_key_is_named() -> None:
    keyed = ast.parse("import numpy as np\ndef f(rows):\n    return max(rows, key=np.linalg.norm)\n")
    finding = cost_finding(cost(9e-4, 7e-3, 6e-2), keyed)
    assert finding is not None
    assert "max() with a Python key" in finding[1].message
    plain_max = ast.parse("import numpy as np\ndef f(x):\n    return max(x.shape[0], 1) * np.exp(x)\n")
    assert cost_finding(cost(9e-4, 7e-3, 6e-2), plain_max) is None


def test_work_moved_to_a_child_process_or_raw_thread_is_named() -> None:
    for source, named in [("import os\ndef f(x):\n    pid = os.fork()\n    return x\n", "a child process"),
                          ("import _thread\ndef f(x):\n    _thread.start_new_thread(print, ())\n    return x\n",
                           "a thread"),
                          ("from multiprocessing import Pool\ndef f(x):\n    return Pool(2).apply(abs, (x,))\n",
                           "a process pool")]:
        finding = cost_finding(cost(9e-4, 7e-3, 6e-2), ast.parse(source))
        assert finding is not None
        assert named in finding[1].message
