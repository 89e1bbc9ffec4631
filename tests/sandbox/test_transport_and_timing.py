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


def test_each_timed_call_finds_the_previous_output_let_go(sandbox: Sandbox) -> None:
    # Holding the last output while the next call runs made that call fault in fresh pages for its
    # own (a 6 ms call took 17 ms, twice per job): every call must start with no earlier output alive.
    code = (
        "import weakref\nimport numpy as np\n"
        "outputs, alive = [], []\n"
        "def f(n):\n"
        "    alive.append(any(ref() is not None for ref in outputs))\n"
        "    out = np.zeros(n)\n"
        "    outputs.append(weakref.ref(out))\n"
        "    out[0] = any(alive)\n"
        "    return out\n"
    )
    options = CallOptions(time_repeats=20, time_budget_seconds=0.01, time_min_repeats=5)
    result = sandbox.run(Job(code=code, function="f", calls=(Call(args=(1_000_000,), options=options),)))
    assert result.outcome == "ok"
    assert len(result.calls[0].seconds) >= 5
    assert result.calls[0].value[0] == 0.0  # the last repeat's output: no call saw an earlier one alive


def test_a_change_in_place_is_reported_unless_the_call_skips_the_check(sandbox: Sandbox) -> None:
    # The tests fail code that changes its input; timing calls skip the copy and compare (33 ms a call
    # on 10^6-row inputs), and the timing job's overhead is measured the same way.
    code = "import numpy as np\ndef f(a, b):\n    b.sort()\n    return a + 1\n"
    args = (np.arange(5.0), np.arange(5.0)[::-1].copy())
    checked = sandbox.run(Job(code=code, function="f", calls=(Call(args=args),)))
    unchecked = sandbox.run(Job(code=code, function="f",
                                calls=(Call(args=args, options=CallOptions(check_mutation=False)),)))
    assert checked.calls[0].mutated == (1,)
    assert unchecked.calls[0].status == "ok"
    assert unchecked.calls[0].mutated == ()
    np.testing.assert_array_equal(unchecked.calls[0].value, args[0] + 1)


def test_a_job_can_be_pinned_to_one_cpu(sandbox: Sandbox) -> None:
    code = "import os\ndef where():\n    return sorted(os.sched_getaffinity(0))\n"
    cpu = max(os.sched_getaffinity(0))
    pinned = sandbox.run(Job(code=code, function="where", calls=(Call(args=()),), cpu=cpu))
    free = sandbox.run(Job(code=code, function="where", calls=(Call(args=()),)))
    assert pinned.calls[0].value == [cpu]
    assert free.calls[0].value == sorted(os.sched_getaffinity(0))
    ignored = sandbox.run(Job(code=code, function="where", calls=(Call(args=()),), cpu=10_000))
    assert ignored.calls[0].value == sorted(os.sched_getaffinity(0))  # not ours to use: not pinned


def test_a_job_can_keep_off_the_timing_cpu_and_so_can_what_it_starts(sandbox: Sandbox) -> None:
    # A memory probe runs beside a timing: it and its children must stay off the timing CPU.
    code = ("import os\ndef where():\n    read, write = os.pipe()\n    if os.fork() == 0:\n"
            "        os.write(write, repr(sorted(os.sched_getaffinity(0))).encode())\n        os._exit(0)\n"
            "    os.wait()\n    return sorted(os.sched_getaffinity(0)), os.read(read, 200).decode()\n")
    allowed = sorted(os.sched_getaffinity(0))
    timing = max(allowed)
    spared = sandbox.run(Job(code=code, function="where", calls=(Call(args=()),), spare_cpu=timing))
    expected = [cpu for cpu in allowed if cpu != timing] or allowed  # one CPU only: nowhere else to go
    assert spared.calls[0].value == (expected, repr(expected))
    ignored = sandbox.run(Job(code=code, function="where", calls=(Call(args=()),), spare_cpu=10_000))
    assert ignored.calls[0].value == (allowed, repr(allowed))


def test_timing_jobs_carry_the_probe_figures_and_other_jobs_do_not(sandbox: Sandbox) -> None:
    code = "import numpy as np\ndef f(a):\n    return np.sort(a)\n"
    call = Call(args=(np.random.default_rng(0).random(200_000),),
                options=CallOptions(time_repeats=100, time_budget_seconds=0.05, discard_value=True))
    timed = sandbox.run(Job(code=code, function="f", calls=(call,), cpu=max(os.sched_getaffinity(0))))
    plain = sandbox.run(Job(code=code, function="f", calls=(call,)))
    assert timed.outcome == plain.outcome == "ok"
    # The probe runs every 2 ms while the job runs (60 ms or more of sorting here).
    assert len(timed.probe_seconds) >= 10
    assert all(1e-6 < seconds < 0.01 for seconds in timed.probe_seconds)
    assert len(set(timed.probe_seconds)) > 3  # to the 10 ns: whole microseconds were 17% steps of the probe
    assert plain.probe_seconds == ()


KEPT_CODE = "import numpy as np\ndef f(a, scale=1.0):\n    return float(a.sum() * scale)\n"


def _kept_job(array: np.ndarray, key: str | None, scale: float = 1.0, code: str = KEPT_CODE) -> Job:
    return Job(code=code, function="f", calls=(Call(args=(array,), kwargs={"scale": scale}),), inputs_key=key)


def test_inputs_with_a_key_are_sent_to_an_executor_once() -> None:
    ones, twos = np.ones(1_000_000), np.full(1_000_000, 2.0)
    with Sandbox(slots=1) as single:
        assert single.run(_kept_job(ones, "ones")).calls[0].value == 1_000_000
        # Same key, different inputs: a broken promise, which shows the executor used what it kept.
        assert single.run(_kept_job(twos, "ones", scale=3.0)).calls[0].value == 1_000_000
        assert single.run(_kept_job(twos, "twos")).calls[0].value == 2_000_000
        assert single.run(_kept_job(twos, None)).calls[0].value == 2_000_000  # no key: always sent


def test_inputs_the_executor_no_longer_keeps_are_sent_again() -> None:
    with Sandbox(slots=1) as single:
        worker = single._workers[0]
        worker.sent.put("never-sent", 8_000_000, True)  # the client believes the executor keeps it
        assert single.run(_kept_job(np.ones(1_000_000), "never-sent")).calls[0].value == 1_000_000
        assert worker.process is not None
        worker.process.kill()  # a restarted executor keeps nothing, and the client knows
        worker.process.wait()
        assert single.run(_kept_job(np.full(10, 5.0), "never-sent")).calls[0].value == 50


HEAP_SNOOP = '''
import ctypes, gc, mmap, os, struct
import numpy as np

MARK = struct.pack("<4d", *[8191.125] * 4)  # a small bytes object: not in the heap itself


def heap_pages_with_mark():
    """Read the whole heap, page by page, through a pipe (write() fails cleanly past its start)."""
    libc = ctypes.CDLL(None)
    libc.sbrk.restype = ctypes.c_void_p
    libc.write.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_size_t]
    page = mmap.mmap(-1, 4096)  # outside the heap, so reading the heap does not copy the mark into it
    r, w = os.pipe()
    address, found, pages = (libc.sbrk(0) // 4096 - 1) * 4096, 0, 0
    while pages < 50_000 and libc.write(w, address, 4096) == 4096:
        os.readv(r, [page])
        found += page.find(MARK) >= 0
        address, pages = address - 4096, pages + 1
    return found, pages


def f(a, scale=1.0):
    readable = []
    for o in gc.get_objects():
        if isinstance(o, mmap.mmap):
            try:
                readable.append(o.find(MARK) >= 0)
            except ValueError:
                pass  # closed
    return [sum(readable), *heap_pages_with_mark()]
'''


def test_a_job_cannot_reach_inputs_kept_for_other_jobs() -> None:
    """The executor keeps inputs between jobs; every job leader lets go of the others before its job starts."""
    big, small = np.full(100_000, 8191.125), np.full(1000, 8191.125)  # a mapping of its own; in the heap
    # The snoop does find the mark where it can be read: its own array, in the heap.
    control = HEAP_SNOOP + "OWN = np.full(1000, 8191.125)\n"
    with Sandbox(slots=1) as single:
        _, heap_pages, scanned = single.run(_kept_job(np.zeros(10), None, code=control)).calls[0].value
        assert heap_pages >= 1
        assert scanned > 100
        kept = Job(code=KEPT_CODE, function="f", calls=(Call(args=(big,), kwargs={"scale": small}),),
                   inputs_key="secret")
        assert single.run(kept).outcome == "ok"
        result = single.run(_kept_job(np.zeros(10), None, code=HEAP_SNOOP))
        assert result.outcome == "ok", result.message
        assert result.calls[0].value[:2] == [0, 0]


def test_a_job_cannot_find_what_the_previous_job_printed() -> None:
    printer = "def f(a, scale=1.0):\n    print('swordfish-' * 400)\n    return 1\n"
    # The mark is built at run time: the snoop's own source (in its heap) must not contain it.
    snoop = HEAP_SNOOP.replace("MARK = struct.pack(\"<4d\", *[8191.125] * 4)", "MARK = ('swordfish-' * 2).encode()")
    with Sandbox(slots=1) as single:
        assert single.run(_kept_job(np.zeros(10), None, code=printer)).output.startswith("swordfish-")
        result = single.run(_kept_job(np.zeros(10), None, code=snoop))
        assert result.outcome == "ok", result.message
        _, heap_pages, scanned = result.calls[0].value
        assert scanned > 100
        assert heap_pages == 0
