"""Which of the two memory probes a report names: the cut one only when it shows clearly worse use."""

from __future__ import annotations

from app.grading.memory import CUT_PROBE_MARGIN, worse
from sandbox import CallResult, ExceptionInfo

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
