"""A job is one accounting unit: its processes together stay within its limits, and nothing outlives it."""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from sandbox import Call, Job, Limits, Sandbox, _cgroup
from sandbox.pool import ROOT_PREFIX, sweep_stale_roots

from .conftest import RunSnippet

CHILDREN = textwrap.dedent("""
    import os, time
    def f(children, work):
        pids = []
        for _ in range(children):
            pid = os.fork()
            if pid == 0:
                try:
                    work()
                finally:
                    os._exit(0)
            pids.append(pid)
        for pid in pids:
            os.waitpid(pid, 0)
        return len(pids)
""")


def _with_children(work: str, children: int) -> str:
    return CHILDREN + textwrap.dedent(work) + f"\ndef g():\n    return f({children}, work)\n"


def _job_groups(sandbox: Sandbox) -> list[str]:
    """This sandbox's job cgroups still present in any hierarchy."""
    try:
        host = _cgroup.CgroupHost({name: _cgroup._find_place(name) for name in _cgroup.CONTROLLERS}, "")
    except OSError:
        return []
    found = []
    for place in host.places.values():
        for uid in sandbox.uids:
            found += [entry for entry in os.listdir(place.parent) if entry.startswith(f"{_cgroup.PREFIX}{uid}-")]
    return found


@pytest.fixture
def accounted(sandbox: Sandbox) -> Sandbox:
    probe = sandbox.run(Job(code="def f():\n    return 1\n", function="f", calls=(Call(()),)))
    if not probe.accounting.startswith("cgroup"):
        pytest.skip(f"no cgroup per job on this host ({probe.accounting}): see test_without_a_cgroup_*")
    return sandbox


def test_cant_exceed_memory_with_children(run: RunSnippet, accounted: Sandbox) -> None:
    # Four children of 100 MiB each: every one is under the 256 MiB limit, together they are not.
    result = run(_with_children("""
        def work():
            block = bytearray(100 * 1024 * 1024)
            for i in range(0, len(block), 4096):
                block[i] = 1
            time.sleep(2)
        """, 4), function="g", limits=Limits(wall_seconds=10))
    assert result.outcome == "memory", result.message
    assert result.peak_memory_bytes is not None
    assert Limits().memory_bytes * 0.9 <= result.peak_memory_bytes <= Limits().memory_bytes
    assert _job_groups(accounted) == []


def test_cant_exceed_cpu_with_children(run: RunSnippet, accounted: Sandbox) -> None:
    # Three children each under a 1 s limit, 3 s together: the job's limit is 1 s in all.
    result = run(_with_children("""
        def work():
            while True:
                pass
        """, 3), function="g", limits=Limits(cpu_seconds=1, wall_seconds=30))
    assert result.outcome == "cpu_timeout", result.message
    assert 1.0 <= result.cpu_seconds < 1.5
    assert _job_groups(accounted) == []


def test_cant_leave_a_process_behind_with_a_fork_that_outlives_its_parent(run: RunSnippet,
                                                                         accounted: Sandbox) -> None:
    result = run(textwrap.dedent("""
        import os, time
        def f():
            if os.fork() == 0:
                if os.fork() == 0:
                    os.setsid()
                    while True:
                        time.sleep(0.01)
                os._exit(0)
            os.wait()
            return 7
        """))
    assert result.outcome == "ok", result.message
    assert result.calls[0].value == 7
    assert _job_groups(accounted) == []


def test_cant_exhaust_process_slots_with_a_zombie_farm(run: RunSnippet, accounted: Sandbox) -> None:
    result = run(textwrap.dedent("""
        import os
        def f():
            made = 0
            while True:
                try:
                    if os.fork() == 0:
                        os._exit(0)
                except OSError:
                    return made
                made += 1
        """), limits=Limits(processes=8))
    assert result.outcome == "ok", result.message
    assert result.calls[0].value == 7  # the job's main process and 7 unreaped children fill its 8
    assert _job_groups(accounted) == []


def test_stale_job_cgroups_are_swept_with_what_still_runs_in_them(accounted: Sandbox) -> None:
    """What a crashed executor leaves: a job's group, a process still inside. Starting sweeps it."""
    owner = f"test{os.getpid()}"
    host = _cgroup.CgroupHost.find(owner)
    group = host.create(memory_bytes=64 * 1024 * 1024, processes=4)
    # A shell that moves itself into every hierarchy's group, then becomes a long sleep (not a
    # fork of this process: pytest has threads, and a forked copy of it may deadlock).
    moves = "; ".join(f"echo $$ > {path}/cgroup.procs" for path in group.directories)
    inside = subprocess.Popen(["sh", "-c", f"{moves}; echo in; exec sleep 60"], stdout=subprocess.PIPE)
    assert inside.stdout is not None
    assert inside.stdout.readline() == b"in\n"
    try:
        assert _cgroup.sweep(owner) == len(group.directories)
        assert not any(os.path.exists(path) for path in group.directories)
        assert inside.wait(timeout=10) == -signal.SIGKILL  # killed, not left to finish
    finally:
        inside.kill()
        inside.wait()
        inside.stdout.close()
        group.remove()


def test_stale_sandbox_roots_are_swept_and_live_ones_kept(sandbox: Sandbox) -> None:
    stale = Path(tempfile.mkdtemp(prefix=ROOT_PREFIX))
    (stale / ".pool.lock").touch()
    (stale / "slot-0").mkdir()
    unlocked_by_an_older_version = Path(tempfile.mkdtemp(prefix=ROOT_PREFIX))
    old = time.time() - 3600
    for folder in (stale, unlocked_by_an_older_version, Path(sandbox.root_dir)):
        os.utime(folder, (old, old))
    try:
        assert sweep_stale_roots(keep="") >= 1
        assert not stale.exists()
        assert unlocked_by_an_older_version.exists()
        assert Path(sandbox.root_dir).exists()  # its pool holds the lock
    finally:
        unlocked_by_an_older_version.rmdir()
