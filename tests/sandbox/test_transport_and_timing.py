"""Moving big inputs cheaply and timing steadily: framing in pieces, mapped requests, batched samples."""

from __future__ import annotations

import os
import threading

import numpy as np

from sandbox import Call, CallOptions, Job, Sandbox, codec, framing


def test_encode_parts_joins_to_encode_without_copying_array_data() -> None:
    value = {"x": np.arange(100_000, dtype=np.float64).reshape(1000, 100), "k": [1, 2.5, "s"]}
    parts = codec.encode_parts(value)
    assert b"".join(parts) == codec.encode(value)
    big = [p for p in parts if isinstance(p, memoryview) and p.nbytes == 800_000]
    assert big, "the array's data is passed as a view, not a copy"
    decoded = codec.decode(b"".join(parts))
    np.testing.assert_array_equal(decoded["x"], value["x"])


def test_frames_written_in_pieces_read_back_whole_and_mapped() -> None:
    small = [b"a", b"bc", memoryview(b"d" * 10)]
    big = memoryview(bytes(range(256)) * 1024)  # over the coalescing size: written on its own
    read_fd, write_fd = os.pipe()

    def write() -> None:  # a pipe holds 64 KiB: the writer needs its own thread
        framing.write_frame(write_fd, [*small, big, b"tail"])
        framing.write_frame(write_fd, b"")
        os.close(write_fd)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        mapped = framing.read_frame_mapped(read_fd, max_bytes=1 << 20)
        assert bytes(mapped) == b"abc" + b"d" * 10 + bytes(big) + b"tail"
        assert framing.read_frame_mapped(read_fd, max_bytes=1 << 20) == bytearray()  # empty: nothing to map
    finally:
        writer.join()
        os.close(read_fd)


def test_timing_samples_report_cpu_time_batches_and_the_jobs_own_cpu(sandbox: Sandbox) -> None:
    code = (
        "import numpy as np\n"
        "def tiny(x):\n    return x[0]\n"
        "def heavy(x):\n    return np.sort(x)\n"
    )
    options = CallOptions(time_repeats=1000, time_budget_seconds=0.02, time_min_repeats=2, discard_value=True)
    x = np.random.default_rng(0).normal(size=200_000)
    tiny = sandbox.run(Job(code=code, function="tiny", calls=(Call(args=(x,), options=options),)))
    heavy = sandbox.run(Job(code=code, function="heavy", calls=(Call(args=(x,), options=options),)))
    for result in (tiny, heavy):
        assert result.outcome == "ok"
        assert result.job_cpu_seconds is not None
        assert 0 < result.job_cpu_seconds <= result.cpu_seconds
    # A call of a microsecond is timed many calls at a time: one clock read would swamp it.
    assert tiny.calls[0].calls_per_sample > 10
    assert all(s < 1e-4 for s in tiny.calls[0].seconds[1:])
    # A sort of 200,000 numbers takes milliseconds: one call per sample, at least the minimum of them.
    assert heavy.calls[0].calls_per_sample == 1
    assert len(heavy.calls[0].seconds) >= 3
    reported = sum(heavy.calls[0].seconds)
    assert reported <= heavy.job_cpu_seconds  # CPU time inside the job cannot exceed the kernel's figure


def test_a_job_can_be_pinned_to_one_cpu(sandbox: Sandbox) -> None:
    code = "import os\ndef where():\n    return sorted(os.sched_getaffinity(0))\n"
    cpu = max(os.sched_getaffinity(0))
    pinned = sandbox.run(Job(code=code, function="where", calls=(Call(args=()),), cpu=cpu))
    free = sandbox.run(Job(code=code, function="where", calls=(Call(args=()),)))
    assert pinned.calls[0].value == [cpu]
    assert free.calls[0].value == sorted(os.sched_getaffinity(0))
    ignored = sandbox.run(Job(code=code, function="where", calls=(Call(args=()),), cpu=10_000))
    assert ignored.calls[0].value == sorted(os.sched_getaffinity(0))  # not ours to use: not pinned
