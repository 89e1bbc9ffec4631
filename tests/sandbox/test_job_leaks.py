"""Nothing passes between two jobs: random states, hash seeds, locks on shared files, host figures."""

from __future__ import annotations

import textwrap

import pytest

from sandbox import Call, Job, Sandbox, detect_isolation

from .conftest import RunSnippet


def _values(sandbox: Sandbox, code: str, jobs: int) -> list[object]:
    job = Job(code=code, function="f", calls=(Call(()),))
    results = [sandbox.run(job) for _ in range(jobs)]
    assert all(r.outcome == "ok" for r in results), [r.message for r in results]
    return [r.calls[0].value for r in results]


def test_each_job_gets_a_fresh_legacy_numpy_random_state(sandbox: Sandbox) -> None:
    values = _values(sandbox, "import numpy as np\ndef f():\n    return float(np.random.rand())\n", 6)
    assert len(set(values)) == len(values)


def test_each_job_gets_a_fresh_python_random_state(sandbox: Sandbox) -> None:
    values = _values(sandbox, "import random\ndef f():\n    return random.random()\n", 6)
    assert len(set(values)) == len(values)


def test_str_hash_seed_changes_when_the_executor_is_replaced() -> None:
    code = "def f():\n    return hash('arraydojo')\n"
    with Sandbox(slots=1, isolation=detect_isolation(), jobs_per_executor=2) as box:  # no probe job
        first, second, third, fourth = _values(box, code, 4)
    assert first == second  # one executor: one seed (an interpreter cannot change its own)
    assert third == fourth
    assert first != third  # the next executor has a seed of its own


@pytest.mark.parametrize("path", ["/dev/null", "/usr/bin/env"])
@pytest.mark.parametrize("how", ["fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)",
                                 "fcntl.lockf(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)",
                                 "fcntl.fcntl(fd, fcntl.F_OFD_GETLK, bytes(32))"], ids=["flock", "posix", "ofd"])
def test_cant_signal_another_job_through_a_lock_on_a_shared_file(run: RunSnippet, path: str, how: str) -> None:
    result = run(textwrap.dedent(f"""
        import fcntl, os
        def f():
            fd = os.open({path!r}, os.O_RDONLY)
            try:
                {how}
            except OSError as exc:
                return exc.errno
            return 0
        """))
    assert result.outcome == "ok", result.message
    assert result.calls[0].value == 1  # EPERM


def test_cant_read_host_memory_uptime_or_process_count_with_sysinfo(run: RunSnippet) -> None:
    result = run(textwrap.dedent("""
        import ctypes
        def f():
            libc = ctypes.CDLL(None, use_errno=True)
            buffer = ctypes.create_string_buffer(256)
            return [libc.sysinfo(buffer), ctypes.get_errno(), buffer.raw.count(0)]
        """))
    assert result.outcome == "ok", result.message
    assert result.calls[0].value == [-1, 1, 256]  # refused, and nothing written
