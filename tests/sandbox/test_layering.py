"""`sandbox/` stands alone: importing it loads no web framework and nothing of `app`."""

from __future__ import annotations

import subprocess
import sys

import pytest


def test_sandbox_imports_no_web_modules() -> None:
    probe = (
        "import sys, sandbox, sandbox.executor, sandbox.__main__\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('fastapi', 'starlette', 'pydantic', 'app', 'sqlalchemy', 'jinja2', 'uvicorn'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_isolation_level_is_full_when_root() -> None:
    import os

    from sandbox import detect_isolation

    assert detect_isolation() == ("full" if os.geteuid() == 0 else "rlimits")


def test_falls_back_to_rlimits_when_namespaces_are_forbidden() -> None:
    """Like root in a container without CAP_SYS_ADMIN: unshare is refused, so jobs must still run."""
    import os

    if os.geteuid() != 0:
        pytest.skip("needs root: a non-root host gets the rlimits level anyway")
    script = (
        "import errno, pyseccomp as s\n"
        "f = s.SyscallFilter(defaction=s.ALLOW)\n"
        "f.add_rule(s.ERRNO(errno.EPERM), 'unshare')\n"
        "f.load()\n"
        "from sandbox import Sandbox, Job, Call\n"
        "with Sandbox(slots=1) as box:\n"
        "    result = box.run(Job(code='def f():\\n    return 41 + 1\\n', function='f', calls=(Call(()),)))\n"
        "    print(box.isolation, result.outcome, result.calls[0].value)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.split() == ["rlimits", "ok", "42"]
    assert "falling back to rlimits only" in result.stderr  # said loudly, not silently


def test_degraded_level_as_root_still_runs_jobs_unprivileged() -> None:
    import os

    from sandbox import Call, Job, Sandbox

    if os.geteuid() != 0:
        pytest.skip("needs root: only root can drop to a slot uid")
    with Sandbox(slots=1, isolation="rlimits") as box:
        result = box.run(Job(code="import os\ndef f():\n    return os.geteuid()\n", function="f", calls=(Call(()),)))
        assert result.calls[0].value == box.uids[0]
