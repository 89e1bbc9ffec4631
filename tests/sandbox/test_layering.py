"""`sandbox/` stands alone: importing it loads no web framework and nothing of `app`."""

from __future__ import annotations

import subprocess
import sys


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
