"""The user-namespace level: a non-root server still gets namespaces and the minimal root, and says what it lacks.

Run as `nobody` with Debian's own python3 and python3-numpy (the venv's Python may live under
a private /root), on a copy of the sandbox package that `nobody` can read.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import sandbox

NOBODY = 65534
DEBIAN_PYTHON = "/usr/bin/python3"
SCRIPT = """
import json
from sandbox import Call, Job, Sandbox
probe = '''
import os
def f():
    try:
        os.listdir(%(secret_dir)r)
        secret = "visible"
    except OSError:
        secret = "hidden"
    try:
        os.fork()
        forked = "yes"
    except OSError:
        forked = "refused"
    return [os.getuid(), os.getpid(), secret, forked, sorted(os.listdir("/"))]
'''
with Sandbox(slots=1) as box:
    result = box.run(Job(code=probe, function="f", calls=(Call(()),)))
    print(json.dumps({"isolation": box.isolation, "outcome": result.outcome, "message": result.message,
                      "accounting": result.accounting, "value": result.calls[0].value if result.calls else None}))
"""


@pytest.fixture
def readable_copy() -> Iterator[Path]:
    """The sandbox package where `nobody` can read it, beside a folder it must not see from a job."""
    base = Path(tempfile.mkdtemp(prefix="arraydojo-userns-test-"))
    try:
        shutil.copytree(Path(sandbox.__file__).parent, base / "sandbox", ignore=shutil.ignore_patterns("__pycache__"))
        (base / "secret").mkdir()
        for path in (base, *base.rglob("*")):
            path.chmod(0o755 if path.is_dir() else 0o644)
        yield base
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _debian_python_ready() -> bool:
    probe = subprocess.run([DEBIAN_PYTHON, "-c", "import numpy, seccomp"], capture_output=True, check=False)
    return probe.returncode == 0


@pytest.mark.slow
def test_non_root_server_gets_namespaces_and_the_minimal_root(readable_copy: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("needs root to become nobody")
    if not os.path.exists(DEBIAN_PYTHON) or not _debian_python_ready():
        pytest.skip("needs Debian's python3-numpy and python3-seccomp (scripts/test installs them)")
    script = SCRIPT % {"secret_dir": str(readable_copy / "secret")}
    completed = subprocess.run(
        ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", DEBIAN_PYTHON, "-c", script],
        capture_output=True, text=True, timeout=120, check=False, cwd="/",
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(readable_copy)},
    )
    assert completed.returncode == 0, completed.stderr
    report = json.loads(completed.stdout.strip().splitlines()[-1])
    if report["isolation"] == "rlimits":
        pytest.skip(f"this kernel refuses unprivileged user namespaces: {completed.stderr[-300:]}")
    assert report["isolation"] == "userns"
    assert report["outcome"] == "ok", report["message"]
    uid, pid, secret, forked, root = report["value"]
    assert uid == NOBODY  # the job keeps the server's uid: only it is mapped
    assert pid == 1  # its own PID namespace
    assert secret == "hidden"  # the minimal root: the host's tree is out of reach
    assert {"dev", "tmp", "usr"} <= set(root) <= {"bin", "dev", "lib", "lib64", "sbin", "tmp", "usr"}
    # No cgroup without root: the fallback is loud, and a job is held to one process.
    assert report["accounting"] == "per process (no cgroup)"
    assert forked == "refused"
    assert "no cgroup per job" in completed.stderr
