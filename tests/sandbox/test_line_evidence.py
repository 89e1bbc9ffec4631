"""Line events the tracer counts cannot be dodged by renaming code, threads, or rebinding the tracer."""

from __future__ import annotations

import numpy as np

from sandbox import Call, CallOptions, Job, Sandbox

TRACED = CallOptions(trace_lines=True, cpu_seconds=2.0, discard_value=True)


def _traced(sandbox: Sandbox, code: str, n: int = 200) -> tuple[dict[int, int], bool]:
    result = sandbox.run(Job(code=code, function="f", calls=(Call(args=(np.arange(float(n)),), options=TRACED),)))
    assert result.outcome == "ok", result.message
    call = result.calls[0]
    assert call.status == "ok", call.error
    assert call.lines is not None
    return call.lines, call.tracer_intact


def test_loop_compiled_under_another_file_name_is_counted(sandbox: Sandbox) -> None:
    code = (
        "source = 'def g(x):\\n    total = 0.0\\n    for v in x:\\n        total += v\\n    return total\\n'\n"
        "scope = {}\n"
        "exec(compile(source, 'other', 'exec'), scope)\n"
        "def f(x):\n"
        "    return scope['g'](x)\n"
    )
    lines, _ = _traced(sandbox, code)
    assert max(lines.values()) >= 200  # the loop body ran once per element, under the name "other"


def test_loop_in_a_worker_thread_is_counted(sandbox: Sandbox) -> None:
    code = (
        "import threading\n"
        "def f(x):\n"
        "    out = []\n"
        "    def work():\n"
        "        for v in x:\n"
        "            out.append(v)\n"
        "    t = threading.Thread(target=work)\n"
        "    t.start()\n"
        "    t.join()\n"
        "    return len(out)\n"
    )
    lines, _ = _traced(sandbox, code)
    assert lines.get(6, 0) >= 200


def test_removing_the_tracer_is_reported(sandbox: Sandbox) -> None:
    code = "import sys\ndef f(x):\n    sys.settrace(None)\n    return float(sum(x))\n"
    _, intact = _traced(sandbox, code)
    assert not intact


def test_rebinding_settrace_does_not_stop_the_next_calls_tracer(sandbox: Sandbox) -> None:
    code = (
        "import sys\n"
        "sys.settrace = lambda *args: None\n"
        "def f(x):\n"
        "    total = 0.0\n"
        "    for v in x:\n"
        "        total += v\n"
        "    return total\n"
    )
    lines, intact = _traced(sandbox, code)
    assert intact
    assert lines.get(6, 0) >= 200


def test_honest_code_keeps_the_tracer(sandbox: Sandbox) -> None:
    lines, intact = _traced(sandbox, "import numpy as np\ndef f(x):\n    return float(np.sum(x))\n")
    assert intact
    assert lines == {3: 1}
