"""Author's self-check for challenge folders: runs trusted code in-process, no sandbox.

Usage: .venv/bin/python scripts/check_challenge.py ID [ID ...]   (or --all)

It checks what a challenge author can get wrong before the real sandboxed tests run:
the reference is warning-free and matches hand-worked examples, the naive loop agrees
with it, the starter fails, the sized inputs build at every timing size, and each file
in tests/challenges/solutions/<id>/ gets the verdict its name announces.
"""

from __future__ import annotations

import copy
import sys
import time
import warnings
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.cases import Case  # noqa: E402
from app.catalog import DEFAULT_CHALLENGES_DIR, Challenge, load_catalog, load_challenge  # noqa: E402
from app.grading.compare import compare_outputs  # noqa: E402
from app.grading.probes import offset_probe  # noqa: E402

SOLUTIONS = ROOT / "tests" / "challenges" / "solutions"


def _call(function: Any, case: Case, *, strict: bool = False) -> tuple[str, Any]:
    """Call on copies of the inputs; `strict` (for the reference) turns NumPy warnings into errors."""
    args, kwargs = copy.deepcopy(case.args), copy.deepcopy(case.kwargs)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error" if strict else "ignore")
            with np.errstate(over="raise" if strict else "ignore", divide="raise" if strict else "ignore",
                             invalid="raise" if strict else "ignore", under="ignore"):
                return "ok", function(*args, **kwargs)
    except Exception as exc:
        return "error", exc


def _judge(challenge: Challenge, case: Case, expected: Any, function: Any) -> str | None:
    status, value = _call(function, case)
    if case.raises:
        if status == "error" and case.raises in [k.__name__ for k in type(value).__mro__]:
            return None
        return f"expected {case.raises}, got {'a value' if status == 'ok' else repr(value)}"
    if status == "error":
        return f"raised {type(value).__name__}: {value}"
    if case.sample_rows is not None and isinstance(value, np.ndarray):
        value = value[list(case.sample_rows)]
    rtol = case.rtol if case.rtol is not None else challenge.config.rtol
    atol = case.atol if case.atol is not None else challenge.config.atol
    if case.check:
        return case.check(expected, value, case)
    return compare_outputs(expected, value, rtol=rtol, atol=atol)


def _load_function(path: Path, name: str) -> Any:
    namespace: dict[str, Any] = {"__name__": "solution"}
    exec(compile(path.read_text(), str(path), "exec"), namespace)
    return namespace.get(name)


def _count_lines(function: Any, sized: Any) -> int:
    """Line events executed inside the function's own file: grows with n only for loops over data."""
    filename = function.__code__.co_filename
    count = 0

    def tracer(frame: Any, event: str, arg: Any) -> Any:
        nonlocal count
        if frame.f_code.co_filename != filename:
            return None
        if event == "line":
            count += 1
        return tracer

    args, kwargs = copy.deepcopy(sized.args), copy.deepcopy(sized.kwargs)
    sys.settrace(tracer)
    try:
        with np.errstate(all="ignore"):
            function(*args, **kwargs)
    finally:
        sys.settrace(None)
    return count


def check(challenge: Challenge) -> list[str]:
    problems: list[str] = []
    name = challenge.config.function
    reference = challenge.reference()
    cases = challenge.cases()
    names = [c.name for c in cases]
    if len(set(names)) != len(names):
        problems.append("case names are not unique")
    if not any(c.visible for c in cases):
        problems.append("no visible example")
    for probe_list in challenge.config.rubric.probes.values():
        for probe in probe_list:
            memory = challenge.memory_probe()
            if probe not in names and not (memory and memory.name == probe):
                problems.append(f"rubric probe {probe!r} is not a case name")
    offset = challenge.config.rubric.offset_probe
    if offset is not None:
        base = next((c for c in cases if c.name == offset.case), None)
        if base is None:
            problems.append(f"[rubric.offset_probe] case {offset.case!r} is not a case name")
        elif any(i >= len(base.args) or getattr(base.args[i], "ndim", 0) < 1 for i in offset.arguments):
            problems.append(f"[rubric.offset_probe] arguments {list(offset.arguments)} are not arrays")
        else:
            status, value = _call(reference, offset_probe(offset, cases, seed=0), strict=True)
            if status == "error":
                problems.append(f"reference on the offset probe raised {type(value).__name__}: {value}")
    expected: dict[str, Any] = {}
    for case in cases:
        status, value = _call(reference, case, strict=True)
        if case.raises:
            if status != "error" or case.raises not in [k.__name__ for k in type(value).__mro__]:
                problems.append(f"reference on {case.name!r}: expected {case.raises}, got {status} {value!r}")
            continue
        if status == "error":
            problems.append(f"reference on {case.name!r} raised {type(value).__name__}: {value}")
            continue
        if case.sample_rows is not None and isinstance(value, np.ndarray):
            value = value[list(case.sample_rows)]
        expected[case.name] = value
        if case.expected is not None:
            message = compare_outputs(case.expected, value, rtol=1e-9, atol=1e-12)
            if message:
                problems.append(f"reference disagrees with the worked example {case.name!r}: {message}")
        args = copy.deepcopy(case.args)
        reference(*args, **copy.deepcopy(case.kwargs))
        for before, after in zip(case.args, args, strict=True):
            if isinstance(before, np.ndarray) and not np.array_equal(before, after, equal_nan=True):
                problems.append(f"reference mutates its input on {case.name!r}")
    for label, path in (("naive", challenge.folder / "naive.py"), ("starter", challenge.folder / "starter.py")):
        function = _load_function(path, name)
        failures = [f"{c.name}: {_judge(challenge, c, expected.get(c.name), function)}" for c in cases
                    if _judge(challenge, c, expected.get(c.name), function)]
        if label == "naive" and failures:
            problems += [f"naive fails {f}" for f in failures]
        if label == "starter" and not failures:
            problems.append("the starter passes every case")
    naive = _load_function(challenge.folder / "naive.py", name)
    for size in (*challenge.config.timing.loop_sizes, *challenge.config.timing.sizes):
        sized = challenge.sized_input(size)
        case = Case(name=f"size {size}", args=sized.args, kwargs=sized.kwargs, category="timing")
        start = time.perf_counter()
        status, value = _call(reference, case)
        ref_seconds = time.perf_counter() - start
        if status == "error":
            problems.append(f"reference fails at size {size}: {value!r}")
            continue
        line = f"  size {size:>9}: reference {ref_seconds * 1e3:8.2f} ms"
        if size <= challenge.config.timing.sizes[1]:
            start = time.perf_counter()
            naive_status, naive_value = _call(naive, case)
            line += f", naive {(time.perf_counter() - start) * 1e3:8.2f} ms"
            if naive_status == "error":
                problems.append(f"naive fails at size {size}: {naive_value!r}")
        print(line)
    small, large = challenge.config.timing.loop_sizes[:2]
    for label, function in (("reference", reference), ("naive", naive)):
        counts = [_count_lines(function, challenge.loop_input(size)) for size in (small, large)]
        print(f"  {label} line events at sizes {small}, {large}: {counts}")
        if label == "reference" and counts[1] > counts[0]:
            problems.append(f"reference executes more Python lines at size {large} than at {small}: {counts}")
        if label == "naive" and counts[1] <= counts[0] * 1.5:
            problems.append(f"naive loop does not grow with the input size: {counts}")
    memory = challenge.memory_probe()
    if memory is not None:
        start = time.perf_counter()
        status, value = _call(reference, memory)
        print(f"  memory probe {memory.name!r}: reference {status} in {(time.perf_counter() - start) * 1e3:.1f} ms")
        if status == "error":
            problems.append(f"reference fails the memory probe: {value!r}")
    for path in sorted((SOLUTIONS / challenge.id).glob("*.py")) if (SOLUTIONS / challenge.id).is_dir() else []:
        verdict = path.stem.split("__")[0]
        function = _load_function(path, name)
        header = path.read_text().splitlines()[0]
        if header.startswith("# rubric:") and "vectorization=fail" in header and function is not None:
            counts = [_count_lines(function, challenge.loop_input(size)) for size in (small, large)]
            if counts[1] <= counts[0] * 1.5:
                problems.append(f"{path.name} is marked vectorization=fail but its lines do not grow: {counts}")
        if function is None:
            got = "runtime_error"
        else:
            messages = [_judge(challenge, c, expected.get(c.name), function) for c in cases]
            failed = [m for m in messages if m]
            got = "accepted" if not failed else (
                "runtime_error" if all(m.startswith("raised") for m in failed) else "wrong_answer")
            if got != verdict and verdict in ("accepted", "wrong_answer"):
                problems.append(f"{path.name}: expected {verdict}, got {got}: {failed[:2]}")
            print(f"  solution {path.name}: {got}" + (f" ({failed[0]})" if failed else ""))
    return problems


def main(argv: list[str]) -> int:
    ids = load_catalog().ids if argv == ["--all"] else argv
    status = 0
    for challenge_id in ids:
        challenge = load_challenge(DEFAULT_CHALLENGES_DIR / challenge_id)
        print(f"{challenge_id}: {len(challenge.cases())} cases")
        problems = check(challenge)
        for problem in problems:
            print(f"  PROBLEM: {problem}")
        status |= bool(problems)
        print(f"  {'OK' if not problems else 'FAILED'}")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
