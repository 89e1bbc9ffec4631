"""Verdict rules: from the sandbox's outcome and the trusted comparisons to a verdict and per-test reports.

Pure functions: no sandbox, no catalog I/O. The first failing cause decides the verdict: a
job that did not finish (memory before CPU, as the sandbox reports them), then banned calls,
then the first failing test in case order.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from app.cases import Case, Mode
from app.catalog import Challenge
from app.grading.banned import BannedUse
from app.grading.compare import compare_outputs, describe_value, shape_message
from app.grading.preview import preview, preview_call
from app.grading.report import ErrorReport, TestReport, Verdict
from app.labels import load_labels
from sandbox import CallResult, Limits, RunResult

# Why a test failed, for attribution: only a "value" failure (right type and shape, wrong numbers)
# can be blamed on a rubric criterion; the others are correctness and are reported once, there.
FailureKind = Literal["error", "timeout", "invalid", "shape", "value", "mutation", "banned"]


@dataclass(frozen=True)
class Expected:
    """The trusted answer for a case: a value, or the exception a correct solution raises."""

    value: Any = None
    shape: tuple[int, ...] | None = None  # of the full output, when only sampled rows are compared
    raises: str | None = None


@dataclass(frozen=True)
class Judgement:
    """One test's public report, the verdict it implies, and (when it failed) why."""

    test: TestReport
    verdict: Verdict
    failure: FailureKind | None = None


@dataclass(frozen=True)
class Correctness:
    """The verdict, its one-line summary and every test, with each failure's kind for the rubric."""

    verdict: Verdict
    summary: str
    tests: list[TestReport]
    failures: dict[str, FailureKind]
    error: ErrorReport | None = None


def expected_answer(reference: Any, case: Case) -> Expected:
    """The reference's answer on a deep copy of the case's inputs (a reference must not see mutations)."""
    if case.raises:
        return Expected(raises=case.raises)
    args, kwargs = copy.deepcopy(case.args), copy.deepcopy(case.kwargs)
    with np.errstate(all="ignore"):
        value = reference(*args, **kwargs)
    if case.expected is not None:
        value = case.expected
    if case.sample_rows is not None and isinstance(value, np.ndarray):
        return Expected(value=value[list(case.sample_rows)], shape=value.shape)
    return Expected(value=value)


def banned_tests(uses: list[BannedUse]) -> list[TestReport]:
    return [
        TestReport(name=f"{'private module' if use.message else 'banned call'}: {use.name}", category="banned",
                   visible=True, passed=False, line=use.line,
                   message=use.message or f"{use.name} is not allowed in this challenge (line {use.line}); "
                   "implement it with basic array operations instead")
        for use in uses
    ]


def compile_error(exc: BaseException) -> Correctness:
    """A submission Python cannot parse: the line and the parser's message, nothing run."""
    line = int(getattr(exc, "lineno", None) or 0) or None
    message = str(getattr(exc, "msg", None) or exc) or type(exc).__name__
    text = (getattr(exc, "text", None) or "").strip()
    where = f" on line {line}" if line else ""
    return Correctness(
        verdict="compile_error", summary=f"Syntax error{where}: {message}.", tests=[], failures={},
        error=ErrorReport(type="SyntaxError", message=message, line=line,
                          traceback=[(line, text[:200], "<module>")] if line else []))


def judge_run(challenge: Challenge, cases: list[Case], expected: dict[str, Expected], result: RunResult,
              banned: list[TestReport], *, mode: Mode, limits: Limits) -> Correctness:
    """Turn the sandbox's outcome and the trusted comparisons into a verdict and per-test messages."""
    whole_job = job_verdict(result, limits)
    if whole_job is not None:
        verdict, summary = whole_job
        error = None
        if result.load_error is not None:
            load = result.load_error
            error = ErrorReport(type=load.type, message=load.message, line=load.line, traceback=list(load.traceback))
        return Correctness(verdict=verdict, summary=summary, tests=list(banned), error=error,
                           failures={t.name: "banned" for t in banned})
    judgements = [judge_case(challenge, case, expected[case.name], call)
                  for case, call in zip(cases, result.calls, strict=True)]
    tests = [*banned, *(j.test for j in judgements)]
    failures: dict[str, FailureKind] = {t.name: "banned" for t in banned}
    failures |= {j.test.name: j.failure for j in judgements if j.failure is not None}
    first: tuple[Verdict, str] | None = None
    if banned:  # banned calls fail the submission whatever the outputs
        first = ("wrong_answer", f"test '{banned[0].name}': {banned[0].message}")
    for case, judgement in zip(cases, judgements, strict=True):
        if first is None and not judgement.test.passed:
            where = "example" if case.visible else "hidden test"
            first = (judgement.verdict, f"{where} '{case.name}': {judgement.test.message}")
    if first is None:
        noun = "examples" if mode == "run" else "tests"
        return Correctness(verdict="accepted", summary=f"All {len(tests)} {noun} passed.", tests=tests,
                           failures=failures)
    verdict, detail = first
    passed = sum(t.passed for t in tests)
    return Correctness(verdict=verdict, tests=tests, failures=failures,
                       summary=f"{load_labels().verdict(verdict)} on {detail} ({passed}/{len(tests)} passed).")


def job_verdict(result: RunResult, limits: Limits) -> tuple[Verdict, str] | None:
    """A verdict for the whole job when it did not get as far as per-case outputs."""
    seconds = f"{limits.cpu_seconds:g} s"
    if result.outcome == "ok":
        return None
    if result.outcome in ("cpu_timeout", "wall_timeout"):
        limit = seconds if result.outcome == "cpu_timeout" else f"{limits.wall_seconds:g} s of wall-clock time"
        return "time_limit_exceeded", f"Time limit exceeded: your code ran longer than {limit} over all the tests."
    if result.outcome == "memory":
        return "memory_limit_exceeded", f"Memory limit exceeded: {result.message}."  # with the peak the job reached
    if result.outcome == "output_limit":
        return "output_limit_exceeded", (
            f"Output limit exceeded: your code printed more than {limits.output_kill_bytes // 1024} KiB; "
            "remove the prints inside loops.")
    if result.outcome == "runtime_error" and result.load_error is not None:
        error = result.load_error
        if error.is_a("SyntaxError"):  # the job's compiler disagreed with ours (an encoding, a null byte)
            where = f" on line {error.line}" if error.line else ""
            return "compile_error", f"Syntax error{where}: {error.message}."
        if error.is_a("MemoryError"):
            return "memory_limit_exceeded", "Memory limit exceeded while loading your code."
        if error.type == "NameError" and "is defined" in error.message:
            return "runtime_error", f"Runtime error: {error.message}."
        if error.is_a("ImportError") and "private NumPy module" in error.message:
            return "runtime_error", f"Runtime error: {error.message}."
        return "runtime_error", f"Runtime error while loading your code: {error.summary()}."
    if result.outcome == "internal_error":
        return "internal_error", "Internal error: the grader failed, not your code. Please try again."
    if result.outcome == "crash":
        return "runtime_error", f"Runtime error: {result.message}."  # the sandbox says "stack overflow" when it was
    return "runtime_error", f"Runtime error: {result.message}."


def judge_case(challenge: Challenge, case: Case, expected: Expected, call: CallResult) -> Judgement:
    """Compare one call's output with the trusted answer; hidden tests never reveal their data."""
    base: dict[str, Any] = {"name": case.name, "category": case.category, "visible": case.visible}
    if case.visible:
        base["input"] = preview_call(case.args, case.kwargs)
        base["expected"] = f"raises {expected.raises}" if expected.raises else preview(expected.value)
    if call.status == "timeout":
        return Judgement(TestReport(**base, passed=False, message="this test used up its share of the CPU time "
                                    "limit; look for a Python loop over the data"), "time_limit_exceeded", "timeout")
    if call.status == "invalid":
        invalid = call.error.message if call.error else "the returned value is not plain data"
        return Judgement(TestReport(**base, passed=False, message=invalid, actual="(not plain data)"),
                         "wrong_answer", "invalid")
    if call.status == "error":
        return _judge_error(case, expected, call, base)
    if case.visible:
        base["actual"] = preview(call.value)
    if expected.raises:
        return Judgement(TestReport(**base, passed=False, message=f"expected {expected.raises} to be raised for "
                                    "this input, but a value was returned"), "wrong_answer", "shape")
    mismatch, kind = compare_case(challenge, case, expected, call)
    if mismatch is None and call.mutated:
        mismatch, kind = (f"your function modified its input (argument {call.mutated[0] + 1}) in place; "
                          "work on a copy"), "mutation"
    if mismatch is None:
        return Judgement(TestReport(**base, passed=True, message="passed"), "accepted")
    return Judgement(TestReport(**base, passed=False, message=mismatch), "wrong_answer", kind)


def _judge_error(case: Case, expected: Expected, call: CallResult, base: dict[str, Any]) -> Judgement:
    error = call.error
    assert error is not None
    actual = f"raised {error.type}" if case.visible else None
    if expected.raises and error.is_a(expected.raises):
        return Judgement(TestReport(**base, passed=True, message=f"raised {expected.raises} as required",
                                    actual=actual), "accepted")
    if error.is_a("MemoryError"):
        return Judgement(TestReport(**base, passed=False, line=error.line, message="ran out of memory: does your "
                                    "code build a much larger temporary array than the output?"),
                         "memory_limit_exceeded", "error")
    if error.type == "BannedCallError":
        return Judgement(TestReport(**base, passed=False, line=error.line, message=error.message),
                         "wrong_answer", "banned")
    if expected.raises:  # raising is right here, but not this exception
        return Judgement(TestReport(**base, passed=False, line=error.line, actual=actual,
                                    message=f"expected {expected.raises}, but your code raised {error.summary()}"),
                         "wrong_answer", "error")
    return Judgement(TestReport(**base, passed=False, line=error.line, message=f"raised {error.summary()}",
                                actual=actual), "runtime_error", "error")


def compare_case(challenge: Challenge, case: Case, expected: Expected,
                 call: CallResult) -> tuple[str | None, FailureKind]:
    """The comparison's message (None when right) and whether the value or its shape/type was wrong.

    Never raises: whatever the submission returned, a message comes back.
    """
    try:
        kind: FailureKind = "value" if _same_structure(expected, call) else "shape"
        return _compare(challenge, case, expected, call), kind
    except Exception:  # a checker or the comparison met a value it cannot digest: that is a wrong answer
        want = describe_value(expected.value) if expected.shape is None else f"an array of shape {expected.shape}"
        return f"your result ({describe_value(call.value)}) cannot be compared with the expected {want}", "shape"


def _same_structure(expected: Expected, call: CallResult) -> bool:
    """Right container, shape and kind of number: what is left to be wrong is the numbers themselves."""
    want, got = expected.value, call.value
    if expected.shape is not None:
        return call.shape is not None and tuple(call.shape) == expected.shape
    if isinstance(want, np.ndarray):
        return (type(got) is np.ndarray and got.shape == want.shape
                and (got.dtype.kind in "fc") == (want.dtype.kind in "fc"))
    if isinstance(want, (float, np.floating)):
        fits = type(got) is not int or got.bit_length() <= 1023  # a 400-digit integer is no float
        return fits and (type(got) in (float, int) or isinstance(got, (np.floating, np.integer)))
    if isinstance(want, (tuple, list)):
        return type(got) in (tuple, list) and len(got) == len(want)
    return type(got) is type(want)


def _compare(challenge: Challenge, case: Case, expected: Expected, call: CallResult) -> str | None:
    shapes = tuple(a.shape for a in case.args if isinstance(a, np.ndarray))
    if expected.shape is not None:  # sampled rows: the shape of the whole output is checked first
        if call.shape is None:
            return f"expected a numpy array of shape {expected.shape}, got {describe_value(call.value)}"
        if tuple(call.shape) != expected.shape:
            return shape_message(expected.shape, tuple(call.shape), shapes)
    if case.check is not None:
        return case.check(expected.value, call.value, case)
    rtol = case.rtol if case.rtol is not None else challenge.config.rtol
    atol = case.atol if case.atol is not None else challenge.config.atol
    return compare_outputs(expected.value, call.value, rtol=rtol, atol=atol, reveal=case.visible, input_shapes=shapes)
