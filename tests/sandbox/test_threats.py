"""One hostile submission per test, each named after the threat, all through the real executor."""

from __future__ import annotations

import os
import textwrap

import numpy as np
import pytest

from sandbox import Limits, Sandbox

from .conftest import RunSnippet


def code(source: str) -> str:
    return textwrap.dedent(source)


def _slot_processes(sandbox: Sandbox) -> list[int]:
    """PIDs of processes left running as one of this sandbox's slot uids."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/status") as status:
                uid_line = next(line for line in status if line.startswith("Uid:"))
        except (OSError, StopIteration):
            continue
        if int(uid_line.split()[1]) in sandbox.uids:
            found.append(int(entry))
    return found


def test_infinite_loop_hits_the_cpu_limit(run: RunSnippet) -> None:
    result = run(code("def f():\n    while True:\n        pass\n"), limits=Limits(cpu_seconds=1))
    assert result.outcome == "cpu_timeout"
    assert result.cpu_seconds >= 0.9


def test_sleep_hits_the_wall_limit(run: RunSnippet) -> None:
    result = run(code("import time\ndef f():\n    time.sleep(60)\n"), limits=Limits(wall_seconds=1))
    assert result.outcome == "wall_timeout"
    assert result.wall_seconds < 3


@pytest.mark.parametrize(
    "bomb", ["return bytearray(10**10)", "return np.ones((100_000, 100_000))"], ids=["bytearray", "numpy"],
)
def test_reserving_more_memory_than_could_fit_is_a_memory_error(run: RunSnippet, bomb: str) -> None:
    result = run(f"import numpy as np\ndef f():\n    {bomb}\n")
    assert result.outcome == "ok"
    assert result.calls[0].error is not None
    assert result.calls[0].error.is_a("MemoryError")


def test_memory_bomb_is_stopped_with_its_peak(run: RunSnippet) -> None:
    result = run("def f():\n    x = []\n    while True:\n        x.append(' ' * 10_000_000)\n")
    if result.accounting.startswith("cgroup"):
        assert result.outcome == "memory"
        assert result.peak_memory_bytes is not None
        assert result.peak_memory_bytes >= Limits().memory_bytes * 0.9
        assert "peak" in result.message
    else:  # per-process accounting: the address-space limit refuses the allocation instead
        assert result.calls[0].error is not None
        assert result.calls[0].error.is_a("MemoryError")


def test_fork_bomb_is_contained(run: RunSnippet, sandbox: Sandbox) -> None:
    result = run(code("""
        import os
        def f():
            while True:
                try:
                    os.fork()
                except OSError:
                    pass
        """), limits=Limits(wall_seconds=2))
    assert result.outcome in ("wall_timeout", "cpu_timeout", "invalid_result", "no_result", "crash")
    assert _slot_processes(sandbox) == []


def test_thread_bomb_is_contained(run: RunSnippet, sandbox: Sandbox) -> None:
    result = run(code("""
        import threading, time
        def f():
            threads = []
            for _ in range(10_000):
                t = threading.Thread(target=time.sleep, args=(30,))
                t.start()
                threads.append(t)
        """))
    assert result.outcome == "ok"
    assert result.calls[0].error is not None
    assert "thread" in result.calls[0].error.message.lower()
    assert _slot_processes(sandbox) == []


def test_setsid_escapee_is_killed(run: RunSnippet, sandbox: Sandbox) -> None:
    result = run(code("""
        import os, time
        def f():
            if os.fork() == 0:
                os.setsid()
                if os.fork() == 0:
                    time.sleep(3600)
                os._exit(0)
            return 1
        """))
    assert result.outcome in ("ok", "invalid_result")
    assert _slot_processes(sandbox) == []


def test_cant_read_etc_passwd(run: RunSnippet) -> None:
    result = run("def f():\n    return open('/etc/passwd').read()\n")
    assert result.calls[0].status == "error"
    assert result.calls[0].error is not None
    assert result.calls[0].error.is_a("FileNotFoundError")


@pytest.mark.parametrize("folder", ["challenges", "app", "sandbox", "tests"])
def test_cant_read_the_repo(run: RunSnippet, folder: str) -> None:
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    result = run("import os\ndef f(path):\n    return os.listdir(path)\n", os.path.join(repo, folder))
    assert result.calls[0].status == "error"
    assert result.calls[0].error is not None
    assert result.calls[0].error.is_a("FileNotFoundError")


def test_cant_read_reference_solution_by_walking_the_filesystem(run: RunSnippet) -> None:
    result = run(code("""
        import os
        def f():
            found = []
            for root, dirs, files in os.walk('/'):
                ours = ("challenge.toml", "followups.md", "check_challenge.py", "_harness.py", "CATALOG.md")
                found += [os.path.join(root, n) for n in files if n in ours]
            return found
        """))
    assert result.outcome == "ok"
    assert result.calls[0].value == []


def test_cant_read_the_servers_environment(run: RunSnippet) -> None:
    assert os.environ["ARRAYDOJO_TEST_SECRET"]
    result = run("import os\ndef f():\n    return dict(os.environ)\n")
    assert result.calls[0].value == {}


def test_cant_read_the_servers_environment_through_proc(run: RunSnippet) -> None:
    result = run("def f():\n    return open('/proc/1/environ', 'rb').read().decode()\n")
    assert result.calls[0].status == "error"


def test_cant_read_another_jobs_tmp(run: RunSnippet) -> None:
    run("def f():\n    open('/tmp/secret.txt', 'w').write('private')\n    return 1\n")
    result = run("def f():\n    return open('/tmp/secret.txt').read()\n")
    assert result.calls[0].status == "error"
    assert result.calls[0].error is not None
    assert result.calls[0].error.is_a("FileNotFoundError")


def test_cant_persist_a_file_between_jobs(run: RunSnippet) -> None:
    first = run(code("""
        import os
        def f():
            written = []
            for path in ('/tmp/keep', '/keep', '/dev/shm/keep', '/usr/keep'):
                try:
                    open(path, 'w').write('x')
                    written.append(path)
                except OSError:
                    pass
            return written
        """))
    assert first.calls[0].value == ["/tmp/keep"]
    second = run("import os\ndef f():\n    return os.path.exists('/tmp/keep')\n")
    assert second.calls[0].value is False


def test_writing_a_huge_file_fails_with_file_too_large(run: RunSnippet) -> None:
    result = run("def f():\n    open('/tmp/big', 'wb').write(b'x' * (8 * 1024 * 1024))\n")
    assert result.calls[0].error is not None
    assert "File too large" in result.calls[0].error.message


def test_many_small_files_are_bounded(run: RunSnippet) -> None:
    result = run(code("""
        def f():
            for i in range(100_000):
                with open(f'/tmp/f{i}', 'w') as handle:
                    handle.write('x' * 100)
        """))
    assert result.outcome == "ok"
    assert result.calls[0].error is not None
    assert result.calls[0].error.is_a("OSError")


def test_keeping_many_files_open_is_bounded(run: RunSnippet) -> None:
    result = run("def f():\n    return [open('/dev/null') for _ in range(10_000)]\n")
    assert result.calls[0].error is not None
    assert "Too many open files" in result.calls[0].error.message


@pytest.mark.parametrize("stream", ["stdout", "stderr"])
def test_huge_output_is_cut_and_killed(run: RunSnippet, stream: str) -> None:
    result = run(f"import sys\ndef f():\n    while True:\n        sys.{stream}.write('x' * 65536)\n")
    assert result.outcome == "output_limit"
    assert len(result.output) <= Limits().output_kept_bytes


def test_non_utf8_output_is_shown_safely(run: RunSnippet) -> None:
    result = run("import os\ndef f():\n    os.write(1, b'caf\\xe9 \\xff\\xfe ok\\n')\n    return 1\n")
    assert result.outcome == "ok"
    assert "ok" in result.output
    assert "\ufffd" in result.output


def test_spoofed_result_frame_on_every_fd_cannot_change_the_answer(run: RunSnippet) -> None:
    result = run(code("""
        import os, struct
        from sandbox import codec
        def f():
            fake = codec.encode({'load_error': None, 'calls': [{'status': 'ok', 'value': codec.encode(42)}]})
            frame = struct.pack('<Q', len(fake)) + fake
            for fd in range(0, 64):
                try:
                    os.write(fd, frame)
                except OSError:
                    pass
            return 1
        """))
    assert result.outcome == "invalid_result" or (result.outcome == "ok" and result.calls[0].value == 1)


def test_os_exit_is_reported_as_no_result(run: RunSnippet) -> None:
    result = run("import os\ndef f():\n    os._exit(3)\n")
    assert result.outcome == "no_result"
    assert "exited before returning a result" in result.message


def test_sys_exit_is_a_runtime_error_of_the_call(run: RunSnippet) -> None:
    result = run("import sys\ndef f():\n    sys.exit(0)\n")
    assert result.calls[0].status == "error"
    assert result.calls[0].error is not None
    assert result.calls[0].error.type == "SystemExit"


def test_cant_open_a_network_socket(run: RunSnippet) -> None:
    result = run("import socket\ndef f():\n    return socket.socket(socket.AF_INET, socket.SOCK_STREAM)\n")
    assert result.calls[0].error is not None
    assert "network access is disabled in the sandbox" in result.calls[0].error.message


def test_cant_open_a_raw_socket_below_the_friendly_guard(run: RunSnippet) -> None:
    result = run("import _socket\ndef f():\n    return _socket.socket(2, 1).connect(('1.1.1.1', 80))\n")
    assert result.calls[0].error is not None
    assert result.calls[0].error.is_a("PermissionError")


def test_cant_make_an_http_request(run: RunSnippet) -> None:
    result = run("import urllib.request\ndef f():\n    return urllib.request.urlopen('http://example.com').read()\n")
    assert result.calls[0].status == "error"


def test_cant_resolve_dns(run: RunSnippet) -> None:
    result = run("import socket\ndef f():\n    return socket.gethostbyname('example.com')\n")
    assert result.calls[0].error is not None
    assert "network access is disabled" in result.calls[0].error.message


@pytest.mark.parametrize(
    "launch",
    ["import subprocess; return subprocess.run(['ls'])", "import os; return os.system('ls')"],
    ids=["subprocess", "os.system"],
)
def test_cant_run_programs(run: RunSnippet, launch: str) -> None:
    result = run(f"def f():\n    {launch}\n")
    assert result.calls[0].error is not None
    assert "running programs is disabled" in result.calls[0].error.message


def test_cant_exec_below_the_friendly_guard(run: RunSnippet) -> None:
    result = run(code("""
        import _posixsubprocess, os
        def f():
            import ctypes
            libc = ctypes.CDLL(None, use_errno=True)
            rc = libc.execve(b'/usr/bin/id', None, None)
            return [rc, ctypes.get_errno()]
        """))
    assert result.calls[0].value == [-1, 1]  # EPERM from the seccomp filter


def test_ctypes_segfault_is_reported_as_a_crash(run: RunSnippet) -> None:
    result = run("import ctypes\ndef f():\n    return ctypes.string_at(0)\n")
    assert result.outcome == "crash"
    assert result.signal == "SIGSEGV"
    assert "stack overflow" not in result.message  # a null pointer is not near the stack


@pytest.mark.parametrize(
    ("syscall", "args"),
    [("mount", "b'none', b'/tmp', b'tmpfs', 0, None"), ("unshare", "0x10000000"), ("setns", "0, 0"),
     ("ptrace", "0, 1, 0, 0"), ("reboot", "0")],
)
def test_privileged_syscalls_are_refused(run: RunSnippet, syscall: str, args: str) -> None:
    result = run(f"import ctypes\ndef f():\n    libc = ctypes.CDLL(None, use_errno=True)\n"
                 f"    return [libc.{syscall}({args}), ctypes.get_errno()]\n")
    rc, error = result.calls[0].value
    assert rc == -1
    assert error in (1, 13)


def test_cant_turn_huge_pages_back_on(run: RunSnippet) -> None:
    # Jobs run without transparent huge pages; with them a job's memory-bound calls would be timed faster.
    result = run("import ctypes\ndef f():\n    libc = ctypes.CDLL(None, use_errno=True)\n"
                 "    return [libc.prctl(42, 0, 0, 0, 0), libc.prctl(41, 0, 0, 0, 0), ctypes.get_errno()]\n")
    still_disabled, rc, error = result.calls[0].value
    assert still_disabled == 1  # PR_GET_THP_DISABLE
    assert rc == -1
    assert error == 1


def test_ignoring_signals_does_not_escape_the_limits(run: RunSnippet) -> None:
    result = run(code("""
        import signal
        def f():
            for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGXCPU, signal.SIGHUP, signal.SIGPROF):
                signal.signal(sig, signal.SIG_IGN)
            while True:
                pass
        """), limits=Limits(cpu_seconds=1))
    assert result.outcome == "cpu_timeout"


def test_killing_the_parent_only_ends_its_own_job(run: RunSnippet) -> None:
    result = run("import os, signal\ndef f():\n    os.kill(os.getppid(), signal.SIGKILL)\n"
                 "    os.kill(-1, signal.SIGKILL)\n    return 1\n")
    assert result.outcome in ("ok", "no_result", "crash")


def test_python_recursion_is_a_recursion_error(run: RunSnippet) -> None:
    result = run("def f(n=0):\n    return f(n + 1)\n")
    assert result.calls[0].error is not None
    assert result.calls[0].error.type == "RecursionError"
    assert len(result.calls[0].error.traceback) <= 20


@pytest.mark.slow
def test_c_recursion_crashes_only_the_job(run: RunSnippet) -> None:
    result = run(code("""
        import sys
        def f():
            sys.setrecursionlimit(10**7)
            def deep(n):
                return deep(n + 1) + 1
            return deep(0)
        """))
    # Python 3.11 keeps Python frames off the C stack: this recursion fills memory, not the stack.
    assert result.outcome in ("crash", "ok", "cpu_timeout", "memory")
    if result.outcome == "ok":
        assert result.calls[0].status == "error"


def test_c_stack_overflow_is_a_crash_called_stack_overflow(run: RunSnippet) -> None:
    # repr of a deeply nested list recurses in C: with the recursion limit lifted, the C stack overflows.
    result = run(code("""
        import sys
        def f():
            sys.setrecursionlimit(10**8)
            x = []
            for _ in range(2_000_000):
                x = [x]
            return len(repr(x))
        """), limits=Limits(cpu_seconds=10, wall_seconds=20))
    assert result.outcome == "crash", result.message
    assert result.signal == "SIGSEGV"
    assert "stack overflow" in result.message


def test_a_stopped_job_is_not_left_stopped(run: RunSnippet) -> None:
    result = run("import os, signal\ndef f():\n    os.kill(os.getpid(), signal.SIGSTOP)\n    return 5\n",
                 limits=Limits(wall_seconds=2))
    assert result.outcome == "ok", result.message
    assert result.calls[0].value == 5


def test_memory_then_cpu_is_reported_as_memory(run: RunSnippet) -> None:
    """The first cause decides: a child killed at the memory limit, then a loop that runs out of CPU."""
    result = run(code("""
        import os
        def f():
            if os.fork() == 0:
                block = bytearray(300 * 1024 * 1024)  # under the address-space limit, over the memory limit
                for i in range(0, len(block), 4096):
                    block[i] = 1
                os._exit(0)
            os.wait()
            while True:
                pass
        """), limits=Limits(cpu_seconds=1, wall_seconds=20))
    if not result.accounting.startswith("cgroup"):
        pytest.skip("needs a cgroup per job: without one the child's memory is its own")
    assert result.outcome == "memory", result.message
    assert "peak" in result.message


def test_huge_exception_message_is_cut(run: RunSnippet) -> None:
    result = run("def f():\n    raise ValueError('x' * 10_000_000)\n")
    assert result.calls[0].error is not None
    assert len(result.calls[0].error.message) < 2200
    assert result.calls[0].error.message.endswith("[message cut]")


def test_hostile_exception_str_is_contained(run: RunSnippet) -> None:
    result = run(code("""
        class Nasty(Exception):
            def __str__(self):
                raise RuntimeError('no message for you')
        def f():
            raise Nasty()
        """))
    assert result.calls[0].error is not None
    assert result.calls[0].error.type == "Nasty"
    assert "could not be printed" in result.calls[0].error.message


def test_lying_ndarray_subclass_is_an_invalid_result(run: RunSnippet) -> None:
    result = run(code("""
        import numpy as np
        class Liar(np.ndarray):
            def __eq__(self, other):
                return True
        def f():
            return np.zeros(3).view(Liar)
        """))
    assert result.calls[0].status == "invalid"
    assert result.calls[0].error is not None
    assert "subclass of numpy.ndarray" in result.calls[0].error.message


def test_object_with_custom_eq_is_an_invalid_result(run: RunSnippet) -> None:
    result = run("class Always:\n    def __eq__(self, other):\n        return True\ndef f():\n    return Always()\n")
    assert result.calls[0].status == "invalid"


@pytest.mark.slow
def test_decompression_bomb_is_stopped(run: RunSnippet) -> None:
    result = run(code("""
        import zlib
        def f():
            bomb = zlib.compress(b'\\0' * (200 * 1024 * 1024), 9)
            return len(zlib.decompress(bomb * 4))
        """))
    assert result.outcome in ("ok", "cpu_timeout")
    if result.outcome == "ok":
        assert result.calls[0].status == "error"


@pytest.mark.slow
def test_bigint_cpu_burn_hits_the_cpu_limit(run: RunSnippet) -> None:
    result = run("def f():\n    return len(str(7 ** 10_000_000))\n", limits=Limits(cpu_seconds=1))
    assert result.outcome == "cpu_timeout", (result.outcome, result.message, result.cpu_seconds)


def test_cant_raise_its_own_limits(run: RunSnippet) -> None:
    result = run(code("""
        import resource
        def f():
            resource.setrlimit(resource.RLIMIT_CPU, (1000, 1000))
        """))
    error = result.calls[0].error
    assert error is not None
    assert (error.is_a("OSError") or error.is_a("ValueError"))


def test_cant_see_the_hosts_processes(run: RunSnippet) -> None:
    result = run("import os\ndef f():\n    return [os.getpid(), os.path.exists('/proc/1')]\n")
    assert result.calls[0].value == [1, False]


def test_exception_traceback_shows_only_the_submissions_lines(run: RunSnippet) -> None:
    result = run("import numpy as np\n\ndef f():\n    return np.ones(3) @ np.ones(4)\n")
    error = result.calls[0].error
    assert error is not None
    assert error.type == "ValueError"
    assert [frame[0] for frame in error.traceback] == [4]


def test_array_outputs_round_trip_exactly(run: RunSnippet) -> None:
    data = np.arange(12, dtype=np.float32).reshape(3, 4)
    result = run("def f(x):\n    return {'t': x.T, 'n': [1, 2.5, None, True], 'c': x.sum()}\n", data)
    value = result.calls[0].value
    np.testing.assert_array_equal(value["t"], data.T)
    assert value["n"] == [1, 2.5, None, True]
    assert value["c"] == np.float32(66)


def test_jobs_run_in_parallel_on_every_slot(sandbox: Sandbox) -> None:
    from sandbox import Call, Job

    job = Job(code="import time\ndef f():\n    time.sleep(0.5)\n    return 1\n", function="f", calls=(Call(()),))
    futures = [sandbox.submit(job) for _ in range(sandbox.slots)]
    results = [future.result() for future in futures]
    assert all(r.outcome == "ok" for r in results)


def test_two_sandboxes_on_one_host_use_different_uids(sandbox: Sandbox) -> None:
    code = "import os\ndef f():\n    return os.getuid()\n"
    from sandbox import Call, Job

    job = Job(code=code, function="f", calls=(Call(()),))
    with Sandbox(slots=1) as other:
        theirs = other.run(job).calls[0].value
    ours = {sandbox.run(job).calls[0].value for _ in range(4)}
    assert theirs not in ours


@pytest.mark.slow
def test_rlimits_level_still_enforces_limits() -> None:
    from sandbox import Call, Job

    with Sandbox(slots=1, isolation="rlimits") as degraded:
        loop = degraded.run(Job(code="def f():\n    while True:\n        pass\n", function="f", calls=(Call(()),)),
                            limits=Limits(cpu_seconds=1))
        network = degraded.run(Job(code="import _socket\ndef f():\n    return _socket.socket(2, 1)\n", function="f",
                                   calls=(Call(()),)))
    assert loop.outcome == "cpu_timeout"
    assert network.calls[0].error is not None
    assert network.calls[0].error.is_a("PermissionError")


def test_returning_a_gigantic_integer_is_an_invalid_result(run: RunSnippet) -> None:
    result = run("def f():\n    return 10 ** 100_000\n")
    assert result.outcome == "ok"
    assert result.calls[0].status == "invalid"
    assert result.calls[0].error is not None
    assert "digits" in result.calls[0].error.message
