"""`python -m sandbox run FILE --call FUNC --args-json '[...]'`: run one call, print the outcome as JSON."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from sandbox import Call, Job, Limits, Sandbox


def _to_input(value: object) -> object:
    """JSON lists of numbers become float arrays, so `[[1, 2], [3, 4]]` is a 2x2 matrix."""
    if isinstance(value, list):
        try:
            array = np.asarray(value, dtype=np.float64)
        except (ValueError, TypeError):
            return [_to_input(v) for v in value]
        return array
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sandbox", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run FUNC from FILE once in the sandbox")
    run.add_argument("file", type=Path)
    run.add_argument("--call", required=True, help="the function to call")
    run.add_argument("--args-json", default="[]", help="JSON list of positional arguments")
    run.add_argument("--kwargs-json", default="{}", help="JSON object of keyword arguments")
    for name, kind in (("cpu-seconds", float), ("wall-seconds", float), ("memory-bytes", int),
                       ("processes", int)):
        run.add_argument(f"--{name}", type=kind)
    run.add_argument("--isolation", choices=("full", "userns", "rlimits"))
    options = parser.parse_args(argv)
    try:
        code = options.file.read_text()
        args = tuple(_to_input(v) for v in json.loads(options.args_json))
        kwargs = {k: _to_input(v) for k, v in json.loads(options.kwargs_json).items()}
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    limits = Limits().with_overrides(
        cpu_seconds=options.cpu_seconds, wall_seconds=options.wall_seconds,
        memory_bytes=options.memory_bytes, processes=options.processes,
    )
    with Sandbox(slots=1, isolation=options.isolation) as sandbox:
        result = sandbox.run(Job(code=code, function=options.call, calls=(Call(args, kwargs),)), limits=limits)
    print(json.dumps(result.as_dict(), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
