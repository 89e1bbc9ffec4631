"""An author's generator and reference, run only in the sandbox; what comes back is rebuilt and checked here.

An author's `tests.py` is untrusted, yet it is written against `from app.cases import Case,
SizedInput`. The sandbox has no view of our files, so each generator job carries a small
stand-in module (plain dataclasses, no behaviour) and a driver that calls the author's
`cases()`, `sized_input(n, rng)`, `loop_input(n, rng)` or `memory_probe()` and returns plain data.
Nothing the job returns is believed: every field is checked again on this side and real `Case`
and `SizedInput` objects are built from it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

from app.cases import CATEGORIES, Case, SizedInput
from app.questions_models import MAX_CASE_NAME_CHARS
from sandbox import Call, CallOptions, CallResult, Job, Limits, RunResult, Sandbox, codec

GeneratorKind = Literal["info", "cases", "sized", "loop", "memory"]
MAX_CASES = 200
MAX_CASES_BYTES = 4 * 1024 * 1024  # every case's inputs and expected outputs together, as stored
REFERENCE_CASE_SECONDS = 0.5  # CPU per case, per run of the reference
REFERENCE_JOB_SECONDS = 4.0  # CPU for every case, run twice
GENERATOR_SECONDS = 2.0  # CPU for one generator job
REFERENCE_SIZED_SECONDS = 1.0  # CPU for the reference on the largest timing input (timing repeats it)
GENERATOR_RESULT_BYTES = 192 * 1024 * 1024
GENERATOR_MEMORY_BYTES = 512 * 1024 * 1024  # the input, and its encoding on the way out
_DRIVER_FUNCTION = "__question_generate__"

# Runs in the sandbox. A stand-in for app.cases with the same constructors, then the author's
# tests.py compiled as "tests.py" so its errors name its own lines.
_DRIVER = '''
import dataclasses as _dc
import sys as _sys
import traceback as _tb
import types as _types

import numpy as _np

_cases = _types.ModuleType("app.cases")
_app = _types.ModuleType("app")
_app.__path__ = []
_app.cases = _cases
_sys.modules["app"], _sys.modules["app.cases"] = _app, _cases


@_dc.dataclass(frozen=True)
class Case:
    __module__ = "app.cases"
    name: object
    args: object
    kwargs: object = _dc.field(default_factory=dict)
    category: object = "basic"
    visible: object = False
    raises: object = None
    rtol: object = None
    atol: object = None
    expected: object = None
    check: object = None
    sample_rows: object = None


@_dc.dataclass(frozen=True)
class SizedInput:
    __module__ = "app.cases"
    args: object
    kwargs: object = _dc.field(default_factory=dict)
    key: object = None


_cases.Case, _cases.SizedInput = Case, SizedInput
_cases.CATEGORIES = frozenset(CATEGORIES_)
_cases.CRITERIA = CRITERIA_


def _case(value):
    if type(value) is not Case:
        return {"not_a_case": type(value).__name__}
    fields = {f.name: getattr(value, f.name) for f in _dc.fields(Case) if f.name != "check"}
    fields["has_check"] = value.check is not None
    return fields


def _sized(value):
    if type(value) is not SizedInput:
        return {"not_sized": type(value).__name__}
    return {"args": value.args, "kwargs": value.kwargs}


def _where(exc):
    if isinstance(exc, SyntaxError) and exc.filename == "tests.py":
        return exc.lineno
    lines = [e.lineno for e in _tb.extract_tb(exc.__traceback__) if e.filename == "tests.py"]
    return lines[-1] if lines else None


def __question_generate__(kind, size, seed):
    namespace = {"__name__": "tests"}
    try:
        exec(compile(SOURCE_, "tests.py", "exec"), namespace)
        if kind == "info":
            return {name: callable(namespace.get(name))
                    for name in ("cases", "sized_input", "loop_input", "memory_probe")}
        if kind == "cases":
            made = namespace["cases"]()
            if type(made) not in (list, tuple):
                return {"error": "cases() returned a %s, not a list of Case(...)" % type(made).__name__}
            return {"value": [_case(item) for item in made]}
        if kind == "memory":
            return {"value": _case(namespace["memory_probe"]())}
        factory = namespace.get("loop_input") if kind == "loop" else None
        factory = factory or namespace["sized_input"]
        return {"value": _sized(factory(size, _np.random.default_rng(seed)))}
    except SyntaxError as exc:
        return {"error": "SyntaxError: %s" % str(exc.msg)[:500], "line": _where(exc), "syntax": True}
    except Exception as exc:
        return {"error": "%s: %s" % (type(exc).__name__, str(exc)[:500]), "line": _where(exc)}
'''


class QuestionRefused(Exception):
    """The question cannot be saved; the message says why, in the author's terms."""


@dataclass(frozen=True)
class GeneratorInfo:
    """Which of the optional functions the author's tests.py defines."""

    has_sized_input: bool
    has_loop_input: bool
    has_memory_probe: bool


@dataclass(frozen=True)
class ExpectedData:
    """The reference's answer for one case, as stored: a value (or its sampled rows and full shape), or an exception."""

    value: Any = None
    shape: tuple[int, ...] | None = None
    raises: str | None = None


def driver_code(source: str) -> str:
    """The generator job's code: the stand-in module, the driver, and the author's source as a string literal."""
    from app.cases import CRITERIA

    return (_DRIVER.replace("CATEGORIES_", repr(sorted(CATEGORIES))).replace("CRITERIA_", repr(CRITERIA))
            .replace("SOURCE_", repr(source)))


def run_generator(sandbox: Sandbox, source: str, calls: list[tuple[GeneratorKind, int, int]]) -> list[Any]:
    """Each (kind, size, seed) call of the author's tests.py, in one sandbox job; a refusal names what failed."""
    job = Job(code=driver_code(source), function=_DRIVER_FUNCTION,
              calls=tuple(Call(args=(kind, size, seed), options=CallOptions(cpu_seconds=GENERATOR_SECONDS))
                          for kind, size, seed in calls))
    # Timing inputs and memory probes are large (a built-in memory probe is 80 MB): room to send them back.
    # The cases are stored, so they get only what may be stored (the job is refused past it, unread).
    large = any(kind in ("sized", "loop", "memory") for kind, _, _ in calls)
    result_bytes = GENERATOR_RESULT_BYTES if large else 2 * MAX_CASES_BYTES
    result = sandbox.run(job, limits=Limits(cpu_seconds=GENERATOR_SECONDS * len(calls), wall_seconds=10,
                                            result_bytes=result_bytes, memory_bytes=GENERATOR_MEMORY_BYTES))
    if result.outcome == "invalid_result" and "larger than" in result.detail:
        raise QuestionRefused(f"tests.py made inputs larger than {result_bytes // (1024 * 1024)} MiB "
                              f"({'timing inputs and memory probes' if large else 'the cases, which are stored'}); "
                              "keep tests small, and make large inputs in sized_input(n, rng).")
    _refuse_failed_job(result, "the generator (tests.py)")
    values = []
    for (kind, size, _seed), call in zip(calls, result.calls, strict=True):
        what = _generator_call_name(kind, size)
        if call.status == "timeout":
            raise QuestionRefused(f"{what} used more than its {GENERATOR_SECONDS:g} s of CPU time.")
        if call.status != "ok":
            raise QuestionRefused(f"{what} returned something that is not plain data: {_call_message(call)}. "
                                  "Inputs must be NumPy arrays, numbers, strings, lists, tuples or dicts.")
        values.append(_unwrap(call.value, what))
    return values


def _generator_call_name(kind: GeneratorKind, size: int) -> str:
    return {"info": "tests.py", "cases": "cases()", "memory": "memory_probe()",
            "sized": f"sized_input({size}, rng)", "loop": f"loop_input({size}, rng)"}[kind]


def _unwrap(value: Any, what: str) -> Any:
    if type(value) is not dict:
        raise QuestionRefused(f"{what} did not answer (the job's result was malformed).")
    if "error" in value:
        line = value.get("line")
        where = f" (tests.py line {line})" if type(line) is int else ""
        if value.get("syntax") is True:
            raise QuestionRefused(f"tests.py does not compile: {_text(value['error'])}{where}.")
        hint = ""
        if _text(value["error"]).startswith("ModuleNotFoundError: No module named 'app."):
            hint = (" tests.py may import NumPy, the standard library and app.cases only (the grader's own "
                    "modules are not there; a custom checker would run in the server)")
        raise QuestionRefused(f"{what} raised {_text(value['error'])}{where}.{hint}")
    return value.get("value") if "value" in value else value


def _text(value: Any, limit: int = 500) -> str:
    return value[:limit] if type(value) is str else "an error"


def read_info(value: Any) -> GeneratorInfo:
    if type(value) is not dict or not all(type(value.get(k)) is bool for k in
                                          ("cases", "sized_input", "loop_input", "memory_probe")):
        raise QuestionRefused("tests.py could not be inspected (the job's result was malformed).")
    if not value["cases"]:
        raise QuestionRefused("tests.py must define cases() returning a list of Case(...): "
                              "visible examples first, then the hidden tests.")
    return GeneratorInfo(has_sized_input=value["sized_input"], has_loop_input=value["loop_input"],
                         has_memory_probe=value["memory_probe"])


def build_cases(value: Any) -> list[Case]:
    """Real Case objects from the generator's plain answer, each field checked; at least one visible example."""
    if type(value) is not list:
        raise QuestionRefused("cases() must return a list of Case(...).")
    if not value:
        raise QuestionRefused("cases() returned no cases; give at least one visible example and some hidden tests.")
    if len(value) > MAX_CASES:
        raise QuestionRefused(f"cases() returned {len(value)} cases; at most {MAX_CASES}.")
    cases = [build_case(item, f"cases()[{index}]") for index, item in enumerate(value)]
    names = [case.name for case in cases]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise QuestionRefused(f"case names must be unique; repeated: {', '.join(map(repr, duplicates[:5]))}.")
    if not any(case.visible for case in cases):
        raise QuestionRefused("no visible example: mark at least one case visible=True (the candidate sees those "
                              "with their expected output).")
    return cases


def build_case(value: Any, where: str) -> Case:
    """One Case from plain data; refuses what the grader could not use (a custom checker runs in the server)."""
    if type(value) is not dict or "not_a_case" in value:
        kind = value.get("not_a_case") if type(value) is dict else type(value).__name__
        raise QuestionRefused(f"{where} is a {kind}, not a Case(...) (from app.cases import Case).")
    name = value.get("name")
    if type(name) is not str or not 0 < len(name) <= MAX_CASE_NAME_CHARS or not name.isprintable():
        raise QuestionRefused(f"{where}: the name must be 1-{MAX_CASE_NAME_CHARS} printable characters")
    where = f"case {name!r}"
    if value.get("has_check") is not False:
        raise QuestionRefused(f"{where}: check= (a custom checker) is not available in your own questions: it would "
                              "run in the server. Compare with rtol/atol, or give expected=.")
    args, kwargs = value.get("args"), value.get("kwargs")
    if type(args) is list:
        args = tuple(args)
    if type(args) is not tuple:
        raise QuestionRefused(f"{where}: args must be a tuple of the function's arguments, e.g. args=(x,)")
    if type(kwargs) is not dict or not all(type(k) is str and k.isidentifier() for k in kwargs):
        raise QuestionRefused(f"{where}: kwargs must be a dict of keyword arguments")
    category, visible, raises = value.get("category"), value.get("visible"), value.get("raises")
    if type(category) is not str or category not in CATEGORIES:
        raise QuestionRefused(f"{where}: category must be one of {', '.join(sorted(CATEGORIES))}")
    if type(visible) is not bool:
        raise QuestionRefused(f"{where}: visible must be True or False")
    if raises is not None and (type(raises) is not str or not raises.isidentifier() or len(raises) > 80):
        raise QuestionRefused(f"{where}: raises must name an exception type, e.g. raises='ValueError'")
    tolerances = [_tolerance(value.get(key), f"{where}: {key}") for key in ("rtol", "atol")]
    sample_rows = value.get("sample_rows")
    if sample_rows is not None:
        if type(sample_rows) not in (list, tuple) or not 0 < len(sample_rows) <= 64 or not all(
                type(r) is int and abs(r) < 2**31 for r in sample_rows):
            raise QuestionRefused(f"{where}: sample_rows must be 1-64 row indices")
        sample_rows = tuple(sample_rows)
    return Case(name=name, args=args, kwargs=kwargs, category=category, visible=visible, raises=raises,
                rtol=tolerances[0], atol=tolerances[1], expected=value.get("expected"), sample_rows=sample_rows)


def _tolerance(value: Any, where: str) -> float | None:
    if value is None:
        return None
    if type(value) not in (int, float) or not math.isfinite(value) or not 0 <= value <= 1:
        raise QuestionRefused(f"{where} must be a number between 0 and 1")
    return float(value)


def build_sized(value: Any, what: str) -> SizedInput:
    if type(value) is not dict or "not_sized" in value:
        kind = value.get("not_sized") if type(value) is dict else type(value).__name__
        raise QuestionRefused(f"{what} returned a {kind}, not a SizedInput(args=(...)) (from app.cases import "
                              "SizedInput).")
    args, kwargs = value.get("args"), value.get("kwargs")
    if type(args) is list:
        args = tuple(args)
    if type(args) is not tuple or type(kwargs) is not dict or not all(type(k) is str for k in kwargs):
        raise QuestionRefused(f"{what}: args must be a tuple and kwargs a dict")
    return SizedInput(args=args, kwargs=kwargs)


def reference_calls(cases: list[Case]) -> tuple[Call, ...]:
    return tuple(Call(args=case.args, kwargs=case.kwargs,
                      options=CallOptions(cpu_seconds=REFERENCE_CASE_SECONDS, sample_rows=case.sample_rows))
                 for case in cases)


def derive_expected(sandbox: Sandbox, *, reference: str, function: str,
                    cases: list[Case]) -> tuple[list[ExpectedData], float]:
    """The reference on every case, twice in one job (a second pass sees any state the first left: a global
    random generator, the clock, a cache), and the answers it gives; refused when they differ."""
    calls = reference_calls(cases)
    result = sandbox.run(Job(code=reference, function=function, calls=calls + calls),
                         limits=Limits(cpu_seconds=REFERENCE_JOB_SECONDS, wall_seconds=REFERENCE_JOB_SECONDS * 2))
    _refuse_failed_job(result, "the reference solution",
                       budget=f"{REFERENCE_CASE_SECONDS:g} s of CPU per case, and {REFERENCE_JOB_SECONDS:g} s for "
                              "every case run twice")
    first, second = result.calls[:len(cases)], result.calls[len(cases):]
    expected = []
    seconds = 0.0
    for case, one, two in zip(cases, first, second, strict=True):
        expected.append(_expected_for(case, one))
        if _fingerprint(one) != _fingerprint(two):
            raise QuestionRefused(
                f"The reference is not deterministic: case {case.name!r} gave a different answer when run again. "
                "Use a seeded generator (np.random.default_rng(0)) and no clock, global state or cache.")
        seconds += one.seconds[0] if one.seconds else 0.0
    size = len(codec.encode([[c.args, c.kwargs] for c in cases])) + len(encode_expected(expected))
    if size > MAX_CASES_BYTES:
        raise QuestionRefused(f"The cases and their expected outputs take {size:,} bytes; at most "
                              f"{MAX_CASES_BYTES:,}. Keep tests small; timing inputs come from sized_input(n, rng).")
    return expected, seconds


def _expected_for(case: Case, call: CallResult) -> ExpectedData:
    if call.status == "timeout":
        raise QuestionRefused(f"The reference is too slow: case {case.name!r} took more than "
                              f"{REFERENCE_CASE_SECONDS:g} s of CPU (the budget per case).")
    if call.status == "invalid":
        raise QuestionRefused(f"The reference returned something that is not plain data on case {case.name!r}: "
                              f"{_call_message(call)}.")
    if case.raises:
        if call.status != "error" or call.error is None or not call.error.is_a(case.raises):
            got = "returned a value" if call.status == "ok" else f"raised {_call_message(call)}"
            raise QuestionRefused(f"Case {case.name!r} says a correct solution raises {case.raises}, but the "
                                  f"reference {got}.")
        return ExpectedData(raises=case.raises)
    if call.status != "ok":
        raise QuestionRefused(f"The reference raised {_call_message(call)} on case {case.name!r}.")
    value = case.expected if case.expected is not None else call.value
    shape = tuple(call.shape) if case.sample_rows is not None and call.shape is not None else None
    return ExpectedData(value=value, shape=shape)


def _fingerprint(call: CallResult) -> tuple[Any, ...]:
    """What two runs must agree on: the status, the exception's type, the exact bytes of the value."""
    if call.status != "ok":
        return call.status, call.error.type if call.error else None
    try:
        return "ok", codec.encode(call.value)
    except codec.EncodeError:
        return "ok", repr(type(call.value))


def check_reference_on(sandbox: Sandbox, *, reference: str, function: str, inputs: list[tuple[str, SizedInput]],
                       cpu_seconds: float = REFERENCE_SIZED_SECONDS) -> None:
    """The reference on the timing and loop inputs, each within `cpu_seconds`: it must run and be fast enough."""
    if not inputs:
        return
    options = CallOptions(cpu_seconds=cpu_seconds, discard_value=True)
    result = sandbox.run(Job(code=reference, function=function,
                             calls=tuple(Call(args=s.args, kwargs=s.kwargs, options=options) for _, s in inputs)),
                         limits=Limits(cpu_seconds=min(cpu_seconds * len(inputs) + 1, 20), wall_seconds=30))
    _refuse_failed_job(result, "the reference solution on the timing inputs")
    for (what, _), call in zip(inputs, result.calls, strict=True):
        if call.status == "timeout":
            raise QuestionRefused(f"The reference is too slow on {what}: over {cpu_seconds:g} s of CPU (the budget "
                                  "per timing input). Choose smaller timing sizes.")
        if call.status != "ok":
            raise QuestionRefused(f"The reference raised {_call_message(call)} on {what}.")


def _refuse_failed_job(result: RunResult, what: str, *, budget: str | None = None) -> None:
    if result.outcome == "ok":
        return
    if result.outcome == "runtime_error" and result.load_error is not None:
        error = result.load_error
        where = f" (line {error.line})" if error.line else ""
        verb = "does not compile" if error.is_a("SyntaxError") else f"failed to load: {error.type}"
        raise QuestionRefused(f"{what.capitalize()} {verb}: {error.message}{where}.")
    if result.outcome in ("cpu_timeout", "wall_timeout"):
        limit = f" ({budget})" if budget else ""
        raise QuestionRefused(f"{what.capitalize()} is too slow: it ran past its time limit{limit}.")
    raise QuestionRefused(f"{what.capitalize()} did not finish in the sandbox: {result.message}.")


def _call_message(call: CallResult) -> str:
    return call.error.summary() if call.error is not None else call.status


def encode_expected(expected: list[ExpectedData]) -> bytes:
    return codec.encode([{"value": e.value, "shape": list(e.shape) if e.shape is not None else None,
                          "raises": e.raises} for e in expected])


def decode_expected(data: bytes) -> list[ExpectedData]:
    return [ExpectedData(value=item["value"], shape=tuple(item["shape"]) if item["shape"] is not None else None,
                         raises=item["raises"]) for item in codec.decode(data)]


def encode_cases(cases: list[Case]) -> bytes:
    return codec.encode([{"name": c.name, "args": c.args, "kwargs": c.kwargs, "category": c.category,
                          "visible": c.visible, "raises": c.raises, "rtol": c.rtol, "atol": c.atol,
                          "expected": c.expected, "has_check": False,
                          "sample_rows": list(c.sample_rows) if c.sample_rows is not None else None} for c in cases])


def decode_cases(data: bytes) -> list[Case]:
    """Cases as stored (checked when saved; checked again: the database is not our process)."""
    return [build_case(item, f"stored case {index}") for index, item in enumerate(codec.decode(data))]
