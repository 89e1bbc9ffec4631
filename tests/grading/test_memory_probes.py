"""Which of the two memory probes a report names (the cut one only when it shows clearly worse use),
and what a probe job that did not end normally tells about memory."""

from __future__ import annotations

import numpy as np

from app.grading.memory import CUT_PROBE_MARGIN, Baseline, probe_call, worse
from sandbox import Call, CallOptions, CallResult, ExceptionInfo, Job, Limits, RunResult, Sandbox

MIB = 1024 * 1024


def peak(bytes_: int) -> CallResult:
    return CallResult(status="ok", peak_bytes=bytes_)


def test_the_same_ratio_on_both_probes_names_the_full_probe() -> None:
    # The reference graded as a candidate: 32 bytes under the reference's figure on the full
    # probe, exactly on it on the cut one. The named probe must not flip on such noise.
    assert worse((peak(64034536), 64034568), (peak(41296008), 41296008)) == 0


def test_frugal_only_on_the_probes_shape_is_named_on_the_cut_probe() -> None:
    # Lean on the full probe's exact shape, wasteful elsewhere: the cut probe shows it.
    assert worse((peak(64 * MIB), 64 * MIB), (peak(400 * MIB), 41 * MIB)) == 1
    assert worse((peak(100 * MIB), 100 * MIB), (peak(int(60 * MIB * CUT_PROBE_MARGIN * 1.01)), 60 * MIB)) == 1


def test_running_out_of_memory_on_the_cut_probe_is_the_worse() -> None:
    memory_error = ExceptionInfo(type="MemoryError", ancestors=("MemoryError",), message="", traceback=())
    out_of_memory = CallResult(status="error", error=memory_error)
    crashed = CallResult(status="error", error=ExceptionInfo(type="ValueError", ancestors=(), message="",
                                                              traceback=()))
    assert worse((peak(64 * MIB), 64 * MIB), (out_of_memory, 41 * MIB)) == 1
    assert worse((peak(64 * MIB), 64 * MIB), (crashed, 41 * MIB)) == 0  # a crash says nothing about memory
    assert worse((crashed, 64 * MIB), (peak(41 * MIB), 41 * MIB)) == 1


CHILD_HOLDS_MEMORY_AND_SPINS = '''
import os
import numpy as np

def probe(x):
    read, write = os.pipe()
    if os.fork() == 0:
        held = np.ones(120 * 1024 * 1024 // 8)  # every page touched
        while True:
            held[0] += 1.0
    os.read(read, 1)  # waits without using CPU of its own: the job ends at its limit
'''
NOOP = "def probe(x):\n    return None\n"
OVER_THE_LIMIT = """
import numpy as np

def probe(x):
    held = [np.ones(32 * 1024 * 1024 // 8) for _ in range(10)]  # 320 MiB touched, 32 MiB at a time
    return len(held)
"""


def _probe_run(sandbox: Sandbox, code: str) -> RunResult:
    job = Job(code=code, function="probe", calls=(Call((np.zeros(8),), options=CallOptions(measure_memory=True)),))
    return sandbox.run(job, limits=Limits(cpu_seconds=1.0, wall_seconds=4.0, memory_bytes=256 * MIB))


def test_a_job_stopped_at_its_time_limit_still_counts_the_peak_its_processes_reached(sandbox: Sandbox) -> None:
    baseline = Baseline.of(_probe_run(sandbox, NOOP))
    run = _probe_run(sandbox, CHILD_HOLDS_MEMORY_AND_SPINS)
    assert run.outcome in ("cpu_timeout", "wall_timeout"), run.message
    call = probe_call(run, baseline)
    assert call is not None
    assert call.status == "timeout"
    assert call.peak_bytes is not None
    assert 100 * MIB <= call.peak_bytes <= 200 * MIB


def test_a_job_stopped_at_its_memory_limit_is_the_worse_probe_whatever_the_other_shows(sandbox: Sandbox) -> None:
    baseline = Baseline.of(_probe_run(sandbox, NOOP))
    run = _probe_run(sandbox, OVER_THE_LIMIT)
    assert run.outcome == "memory", run.message
    killed = probe_call(run, baseline)
    assert killed is not None
    assert killed.error is not None
    assert killed.error.is_a("MemoryError")
    assert worse((killed, 64 * MIB), (peak(41 * MIB), 41 * MIB)) == 0
    assert worse((peak(64 * MIB), 64 * MIB), (killed, 41 * MIB)) == 1


def test_a_job_that_failed_otherwise_says_nothing_about_memory(sandbox: Sandbox) -> None:
    run = _probe_run(sandbox, "def probe(x):\n    import os\n    os._exit(3)\n")
    assert run.outcome == "no_result", run.message
    assert probe_call(run, Baseline.of(_probe_run(sandbox, NOOP))) is None
