"""Sandbox test helpers: run a snippet, and check the executor still serves after every threat."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from sandbox import Call, CallOptions, Job, Limits, RunResult, Sandbox

RunSnippet = Callable[..., RunResult]


@pytest.fixture
def run(sandbox: Sandbox) -> RunSnippet:
    """Run `code`'s function `f` once with `args`, under default or given limits."""

    def _run(code: str, *args: Any, limits: Limits | None = None, function: str = "f",
             options: CallOptions | None = None) -> RunResult:
        call = Call(args=tuple(args), options=options or CallOptions())
        return sandbox.run(Job(code=code, function=function, calls=(call,)), limits=limits)

    return _run


@pytest.fixture(autouse=True)
def executor_still_serves(sandbox: Sandbox) -> Iterator[None]:
    """After each attack, both slots must still run an ordinary job correctly."""
    yield
    code = "import numpy as np\ndef f(x):\n    return np.asarray(x) * 2\n"
    for _ in range(sandbox.slots):
        result = sandbox.run(Job(code=code, function="f", calls=(Call(args=(21,)),)))
        assert result.outcome == "ok", result.message
        assert int(result.calls[0].value) == 42
