"""Grade a submission: static checks, one sandbox job for all cases, trusted comparison outside."""

from __future__ import annotations

import ast
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from app.cases import Case, Mode, SizedInput
from app.catalog import Catalog, Challenge
from app.grading.banned import find_banned
from app.grading.compare import compare_outputs
from app.grading.report import ErrorReport, GradeReport, TestReport, Verdict
from app.grading.rubric import Evidence, MemoryEvidence, rate
from app.grading.timing import (
    MIN_ROUNDS,
    NAIVE_BUDGET_SECONDS,
    PhaseWatch,
    SolutionTiming,
    job_overhead_cpu_seconds,
    time_side_by_side,
    time_solution,
    timing_report,
)
from sandbox import Call, CallOptions, CallResult, Job, Limits, RunResult, Sandbox
from sandbox.limits import MIB

PREVIEW_CHARS = 600
# Told each part of a report as soon as it is known ("tests", "rubric", "timing"), with the report so far.
OnPart = Callable[[str, GradeReport], None]


def _no_part(name: str, report: GradeReport) -> None:
    pass


@dataclass(frozen=True)
class Expected:
    """The trusted answer for a case: a value, or the exception a correct solution raises."""

    value: Any = None
    shape: tuple[int, ...] | None = None  # of the full output, when only sampled rows are compared
    raises: str | None = None


class Grader:
    """Holds the catalog and the sandbox; caches each challenge's cases and expected answers."""

    def __init__(self, catalog: Catalog, sandbox: Sandbox) -> None:
        self.catalog = catalog
        self.sandbox = sandbox
        self._cache: dict[str, tuple[list[Case], dict[str, Expected]]] = {}
        self._profiles: dict[str, ReferenceProfile] = {}
        self._sized_inputs: dict[tuple[str, str, int], SizedInput] = {}
        self._lock = threading.Lock()
        # One timing job at a time, so parallel gradings do not distort each other's figures.
        self._timing_lock = threading.Lock()
        self._phases = PhaseWatch()

    def cases_and_expected(self, challenge: Challenge) -> tuple[list[Case], dict[str, Expected]]:
        """Build the cases and compute their answers with the reference, once per challenge.

        Computed outside the lock (two first requests may both compute; the results are equal),
        so a page that needs one challenge's examples never waits behind another's work.
        """
        with self._lock:
            cached = self._cache.get(challenge.id)
        if cached is None:
            cases = challenge.cases()
            reference = challenge.reference()
            cached = (cases, {c.name: _expected(reference, c) for c in cases})
            with self._lock:
                cached = self._cache.setdefault(challenge.id, cached)
        return cached

    def grade(self, challenge_id: str, code: str, *, mode: Mode = "submit", on_part: OnPart = _no_part
              ) -> GradeReport:
        challenge = self.catalog.get(challenge_id)
        try:
            tree = ast.parse(code, filename="solution.py")
        except SyntaxError as exc:
            return _syntax_error_report(challenge, exc, mode)
        cases, expected = self.cases_and_expected(challenge)
        if mode == "run":
            cases = [c for c in cases if c.visible]
        tests: list[TestReport] = [
            TestReport(
                name=f"banned call: {use.name}",
                category="banned",
                visible=True,
                passed=False,
                line=use.line,
                message=f"{use.name} is not allowed in this challenge (line {use.line}); implement it with "
                "basic array operations instead",
            )
            for use in find_banned(tree, challenge.config.banned)
        ]
        limits = challenge_limits(challenge)
        job = Job(
            code=code,
            function=challenge.config.function,
            banned=challenge.config.banned,
            calls=tuple(
                Call(args=c.args, kwargs=c.kwargs,
                     options=CallOptions(cpu_seconds=limits.cpu_seconds / 2, sample_rows=c.sample_rows))
                for c in cases
            ),
        )
        result = self.sandbox.run(job, limits=limits)
        report = build_report(challenge, cases, expected, result, tests, mode=mode, limits=limits)
        on_part("tests", report)
        # A time limit still deserves the rubric: the loop behind it is usually what it should point at.
        if mode == "submit" and result.outcome in ("ok", "cpu_timeout", "wall_timeout"):
            self._add_rubric_and_timing(challenge, tree, code, cases, expected, result, report, on_part)
        return report

    def _add_rubric_and_timing(self, challenge: Challenge, tree: ast.Module, code: str, cases: list[Case],
                               expected: dict[str, Expected], result: RunResult, report: GradeReport,
                               on_part: OnPart = _no_part) -> None:
        """Gather the rubric's evidence in jobs of their own, rate it, and time accepted code."""
        profile = self.profile(challenge)
        evidence = Evidence(
            challenge=challenge, tree=tree, cases=cases, tests=report.tests,
            calls={case.name: call for case, call in zip(cases, result.calls, strict=False)},
            expected={name: e.value for name, e in expected.items()},
        )
        self._trace_loops_and_broadcasting(challenge, code, evidence, profile)
        if profile.memory_probe is not None:
            evidence.memory = self._memory_evidence(challenge, code, profile)
        report.rubric, report.score = rate(evidence)
        on_part("rubric", report)
        if report.verdict == "accepted":
            inputs = [self._sized(challenge, size) for size in challenge.config.timing.sizes]
            sizes, function = challenge.config.timing.sizes, challenge.config.function
            with self._timing_lock:  # the reference is re-timed beside the candidate: ratios from one moment
                candidate, reference = time_side_by_side(
                    self.sandbox, codes=[code, challenge.reference_code], function=function, sizes=sizes,
                    inputs=inputs, overhead_cpu_seconds=profile.overhead_cpu_seconds, phases=self._phases)
            report.timing = timing_report(sizes, candidate, reference, profile.naive_timing)
            on_part("timing", report)

    def _trace_loops_and_broadcasting(self, challenge: Challenge, code: str, evidence: Evidence,
                                      profile: ReferenceProfile) -> None:
        small, large = challenge.config.timing.loop_sizes[:2]
        options = CallOptions(trace_lines=True, cpu_seconds=0.5, discard_value=True)
        calls = [Call(args=i.args, kwargs=i.kwargs, options=options)
                 for i in (self._loop_input(challenge, small), self._loop_input(challenge, large))]
        if "broadcasting" in challenge.config.rubric.applies:
            calls.append(self._sized_call(challenge, challenge.config.timing.sizes[0],
                                          CallOptions(measure_memory=True, cpu_seconds=1.0, discard_value=True)))
        traced = self.sandbox.run(Job(code=code, function=challenge.config.function, calls=tuple(calls),
                                      banned=challenge.config.banned), limits=Limits(cpu_seconds=4, wall_seconds=10))
        if traced.outcome != "ok":
            return
        counts = [call.lines for call in traced.calls[:2]]
        if counts[0] is not None and counts[1] is not None:
            evidence.loop_counts = (counts[0], counts[1])
        evidence.loop_timed_out = any(call.status == "timeout" for call in traced.calls[:2])
        if len(traced.calls) > 2:
            evidence.broadcast_peaks = (traced.calls[2].peak_bytes, profile.broadcast_peak_bytes)

    def _memory_evidence(self, challenge: Challenge, code: str, profile: ReferenceProfile) -> MemoryEvidence:
        probe = profile.memory_probe
        assert probe is not None
        limits = challenge_limits(challenge)
        run = self.sandbox.run(Job(code=code, function=challenge.config.function, banned=challenge.config.banned,
                                   calls=(_probe_call(probe),)), limits=limits)
        return MemoryEvidence(
            probe=probe.name, call=run.calls[0] if run.outcome == "ok" else None,
            reference_peak=profile.memory_peak_bytes, reference_is_view=profile.memory_is_view,
            limit_bytes=limits.memory_bytes, job_message=run.message,
        )

    def profile(self, challenge: Challenge) -> ReferenceProfile:
        """The naive loop's timing and the reference's memory figures, measured in the sandbox once per challenge."""
        with self._lock:
            cached = self._profiles.get(challenge.id)
        if cached is not None:
            return cached
        with self._timing_lock:
            profile = self._measure_profile(challenge)
        with self._lock:
            self._profiles[challenge.id] = profile
        return profile

    def _measure_profile(self, challenge: Challenge) -> ReferenceProfile:
        config = challenge.config
        inputs = [self._sized(challenge, size) for size in config.timing.sizes]
        overhead = [job_overhead_cpu_seconds(self.sandbox, sized) for sized in inputs]
        naive_timing = time_solution(self.sandbox, code=challenge.naive_code, function=config.function,
                                     sizes=config.timing.sizes, inputs=inputs, overhead_cpu_seconds=overhead,
                                     phases=self._phases, budget_seconds=NAIVE_BUDGET_SECONDS,
                                     max_rounds=MIN_ROUNDS)  # slow: fewer rounds
        probe = challenge.memory_probe() if "memory_efficiency" in config.rubric.applies else None
        calls = [self._sized_call(challenge, config.timing.sizes[0], CallOptions(measure_memory=True,
                                                                                  discard_value=True))]
        if probe is not None:
            calls.append(_probe_call(probe))
        measured = self.sandbox.run(Job(code=challenge.reference_code, function=config.function, calls=tuple(calls)),
                                    limits=challenge_limits(challenge))
        peaks = [call.peak_bytes for call in measured.calls] if measured.outcome == "ok" else [None, None]
        return ReferenceProfile(
            naive_timing=naive_timing,
            overhead_cpu_seconds=overhead,
            broadcast_peak_bytes=peaks[0],
            memory_probe=probe,
            memory_peak_bytes=peaks[1] if probe is not None and len(peaks) > 1 else None,
            memory_is_view=probe is not None and measured.outcome == "ok" and any(measured.calls[1].shares_memory),
        )

    def _sized(self, challenge: Challenge, size: int) -> SizedInput:
        return self._cached_input((challenge.id, "timing", size), lambda: challenge.sized_input(size))

    def _loop_input(self, challenge: Challenge, size: int) -> SizedInput:
        return self._cached_input((challenge.id, "loops", size), lambda: challenge.loop_input(size))

    def _cached_input(self, key: tuple[str, str, int], build: Callable[[], SizedInput]) -> SizedInput:
        with self._lock:
            cached = self._sized_inputs.get(key)
        if cached is None:  # built outside the lock: large inputs take a while
            cached = replace(build(), key=":".join(map(str, key)))
            with self._lock:
                cached = self._sized_inputs.setdefault(key, cached)
        return cached

    def _sized_call(self, challenge: Challenge, size: int, options: CallOptions) -> Call:
        sized = self._sized(challenge, size)
        return Call(args=sized.args, kwargs=sized.kwargs, options=options)


@dataclass(frozen=True)
class ReferenceProfile:
    """What the trusted solutions measure in the sandbox, for comparison with each submission."""

    naive_timing: SolutionTiming
    overhead_cpu_seconds: list[float]  # per timing size: what a job that does nothing costs
    broadcast_peak_bytes: int | None
    memory_probe: Case | None
    memory_peak_bytes: int | None
    memory_is_view: bool


def _probe_call(probe: Case) -> Call:
    return Call(args=probe.args, kwargs=probe.kwargs,
                options=CallOptions(measure_memory=True, cpu_seconds=1.0, sample_rows=probe.sample_rows or (0,)))


def challenge_limits(challenge: Challenge) -> Limits:
    overrides = challenge.config.limits
    return Limits().with_overrides(
        cpu_seconds=overrides.cpu_seconds,
        wall_seconds=overrides.wall_seconds,
        memory_bytes=overrides.memory_mib * MIB if overrides.memory_mib else None,
    )


def _expected(reference: Any, case: Case) -> Expected:
    import copy

    args, kwargs = copy.deepcopy(case.args), copy.deepcopy(case.kwargs)
    if case.raises:
        return Expected(raises=case.raises)
    with np.errstate(all="ignore"):
        value = reference(*args, **kwargs)
    if case.expected is not None:
        value = case.expected
    if case.sample_rows is not None and isinstance(value, np.ndarray):
        return Expected(value=value[list(case.sample_rows)], shape=value.shape)
    return Expected(value=value)


def build_report(challenge: Challenge, cases: list[Case], expected: dict[str, Expected], result: RunResult,
                 tests: list[TestReport], *, mode: Mode, limits: Limits) -> GradeReport:
    """Turn the sandbox's outcome and the trusted comparisons into a verdict and per-test messages."""
    common: dict[str, Any] = {
        "challenge": challenge.id,
        "mode": mode,
        "output": result.output,
        "output_truncated": result.output_truncated,
        "cpu_seconds": result.cpu_seconds,
        "wall_seconds": result.wall_seconds,
    }
    job_verdict = _job_verdict(result, limits)
    if job_verdict is not None:
        verdict, summary = job_verdict
        error = None
        if result.load_error is not None:
            error = ErrorReport(type=result.load_error.type, message=result.load_error.message,
                                line=result.load_error.line, traceback=list(result.load_error.traceback))
        return GradeReport(verdict=verdict, summary=summary, tests=tests, error=error, **common)
    first_failure: tuple[Verdict, str] | None = None
    for test in tests:  # banned calls come first: they fail the submission whatever the outputs
        first_failure = first_failure or ("wrong_answer", f"test '{test.name}': {test.message}")
    for case, call in zip(cases, result.calls, strict=True):
        test, failure_verdict = _judge(challenge, case, expected[case.name], call)
        tests.append(test)
        if not test.passed and first_failure is None:
            where = "example" if case.visible else "hidden test"
            first_failure = (failure_verdict, f"{where} '{case.name}': {test.message}")
    passed = sum(t.passed for t in tests)
    if first_failure is None:
        noun = "examples" if mode == "run" else "tests"
        return GradeReport(verdict="accepted", summary=f"All {len(tests)} {noun} passed.", tests=tests, **common)
    verdict, detail = first_failure
    label = verdict.replace("_", " ").capitalize()
    return GradeReport(verdict=verdict, summary=f"{label} on {detail} ({passed}/{len(tests)} passed).",
                       tests=tests, **common)


def _job_verdict(result: RunResult, limits: Limits) -> tuple[Verdict, str] | None:
    """A verdict for the whole job when it did not get as far as per-case outputs."""
    seconds = f"{limits.cpu_seconds:g} s"
    if result.outcome == "ok":
        return None
    if result.outcome in ("cpu_timeout", "wall_timeout"):
        limit = seconds if result.outcome == "cpu_timeout" else f"{limits.wall_seconds:g} s of wall-clock time"
        return "time_limit_exceeded", f"Time limit exceeded: your code ran longer than {limit} over all the tests."
    if result.outcome == "memory":
        return "memory_limit_exceeded", "Memory limit exceeded: your code used more memory than allowed."
    if result.outcome == "output_limit":
        return "output_limit_exceeded", (
            f"Output limit exceeded: your code printed more than {limits.output_kill_bytes // 1024} KiB; "
            "remove the prints inside loops.")
    if result.outcome == "runtime_error" and result.load_error is not None:
        error = result.load_error
        if error.is_a("MemoryError"):
            return "memory_limit_exceeded", "Memory limit exceeded while loading your code."
        if error.type == "NameError" and "is defined" in error.message:
            return "runtime_error", f"Runtime error: {error.message}."
        return "runtime_error", f"Runtime error while loading your code: {error.summary()}."
    if result.outcome == "internal_error":
        return "internal_error", "Internal error: the grader failed, not your code. Please try again."
    if result.outcome == "crash":
        return "runtime_error", f"Runtime error: your code crashed ({result.signal or 'killed'})."
    return "runtime_error", f"Runtime error: {result.message}."


def _judge(challenge: Challenge, case: Case, expected: Expected, call: CallResult) -> tuple[TestReport, Verdict]:
    """Compare one call's output with the trusted answer; hidden tests never reveal their data."""
    base: dict[str, Any] = {"name": case.name, "category": case.category, "visible": case.visible}
    if case.visible:
        base["input"] = _preview_call(case)
        base["expected"] = f"raises {expected.raises}" if expected.raises else _preview(expected.value)
    if call.status == "timeout":
        return TestReport(**base, passed=False, message="this test used up its share of the CPU time limit; "
                          "look for a Python loop over the data"), "time_limit_exceeded"
    if call.status == "invalid":
        invalid = call.error.message if call.error else "the returned value is not plain data"
        return TestReport(**base, passed=False, message=invalid, actual="(not plain data)"), "wrong_answer"
    if call.status == "error":
        error = call.error
        assert error is not None
        if expected.raises and error.is_a(expected.raises):
            return TestReport(**base, passed=True, message=f"raised {expected.raises} as required",
                              actual=f"raised {error.type}" if case.visible else None), "accepted"
        if error.is_a("MemoryError"):
            return TestReport(**base, passed=False, line=error.line,
                              message="ran out of memory: does your code build a much larger temporary array "
                              "than the output?"), "memory_limit_exceeded"
        if error.type == "BannedCallError":
            return TestReport(**base, passed=False, line=error.line, message=error.message), "wrong_answer"
        verdict: Verdict = "runtime_error"
        message = f"raised {error.summary()}"
        if expected.raises:  # raising is right here, but not this exception
            verdict, message = "wrong_answer", f"expected {expected.raises}, but your code raised {error.summary()}"
        return TestReport(**base, passed=False, line=error.line, message=message,
                          actual=f"raised {error.type}" if case.visible else None), verdict
    if case.visible:
        base["actual"] = _preview(call.value)
    if expected.raises:
        return TestReport(**base, passed=False,
                          message=f"expected {expected.raises} to be raised for this input, but a value was "
                          "returned"), "wrong_answer"
    mismatch = _compare(challenge, case, expected, call)
    if mismatch is None and call.mutated:
        position = call.mutated[0] + 1
        mismatch = f"your function modified its input (argument {position}) in place; work on a copy"
    if mismatch is None:
        return TestReport(**base, passed=True, message="passed"), "accepted"
    return TestReport(**base, passed=False, message=mismatch), "wrong_answer"


def _compare(challenge: Challenge, case: Case, expected: Expected, call: CallResult) -> str | None:
    shapes = tuple(a.shape for a in case.args if isinstance(a, np.ndarray))
    if expected.shape is not None:
        if call.shape is None:
            return compare_outputs(np.empty(expected.shape), call.value, rtol=0, atol=0, input_shapes=shapes)
        if tuple(call.shape) != expected.shape:
            return compare_outputs(np.empty(expected.shape), np.empty(call.shape), rtol=0, atol=0,
                                   input_shapes=shapes)
    if case.check is not None:
        return case.check(expected.value, call.value, case)
    rtol = case.rtol if case.rtol is not None else challenge.config.rtol
    atol = case.atol if case.atol is not None else challenge.config.atol
    return compare_outputs(expected.value, call.value, rtol=rtol, atol=atol, reveal=case.visible, input_shapes=shapes)


def _syntax_error_report(challenge: Challenge, exc: SyntaxError, mode: Mode) -> GradeReport:
    line = exc.lineno or 0
    return GradeReport(
        challenge=challenge.id,
        mode=mode,
        verdict="runtime_error",
        summary=f"Syntax error on line {line}: {exc.msg}.",
        error=ErrorReport(type="SyntaxError", message=exc.msg, line=line,
                          traceback=[(line, (exc.text or "").strip(), "<module>")]),
    )


def _preview_call(case: Case) -> str:
    parts = [_preview(a) for a in case.args] + [f"{k}={_preview(v)}" for k, v in case.kwargs.items()]
    return _cut(", ".join(parts))


def _preview(value: Any) -> str:
    if isinstance(value, np.ndarray):
        text = np.array2string(value, threshold=60, precision=6, separator=", ")
        return _cut(f"array({text}, shape={value.shape}, dtype={value.dtype})")
    if isinstance(value, (list, tuple)):
        inner = ", ".join(_preview(v) for v in value)
        return _cut(f"[{inner}]" if isinstance(value, list) else f"({inner}{',' if len(value) == 1 else ''})")
    if isinstance(value, dict):
        return _cut("{" + ", ".join(f"{k!r}: {_preview(v)}" for k, v in value.items()) + "}")
    if isinstance(value, np.generic):
        return repr(value.item())
    return _cut(repr(value))


def _cut(text: str) -> str:
    return text if len(text) <= PREVIEW_CHARS else text[: PREVIEW_CHARS - 3] + "..."
