"""Rate the five criteria from evidence: line counts, probes, static findings and peak memory.

Only working code is rated: until every test passes, a criterion keeps only the evidence that
does not depend on correct outputs (a loop that grows with the data, a materialised copy, an
explicit inverse, a probe failing on its numbers while every ordinary test passes), marked
provisional, and nothing is "pass". A probe failing for the same reason as the ordinary tests
(an exception, a wrong shape) belongs to correctness, which already reports it with its error.
"""

from __future__ import annotations

import ast
import copy
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from app.cases import CRITERIA, Case
from app.catalog import Challenge
from app.grading.compare import compare_outputs
from app.grading.cost import CostEvidence, cost_finding
from app.grading.feedback import feedback
from app.grading.probes import AXIS_PROBE_NAME
from app.grading.report import CriterionResult, FeedbackItem, Rating, TestReport
from app.grading.static_checks import Finding, find_static, loop_spans
from app.grading.verdict import FailureKind
from sandbox import CallResult

# How much each criterion counts in the overall score: the course's high / medium / low-medium.
WEIGHTS = {"vectorization": 3.0, "numerical_stability": 3.0, "axis_awareness": 2.0, "broadcasting": 2.0,
           "memory_efficiency": 1.5}
_POINTS = {"pass": 1.0, "warn": 0.5, "fail": 0.0}
GROWTH_FACTOR = 1.5  # a line whose count grows by more than this between loop sizes walks the data
GROWTH_MINIMUM = 8
BROADCAST_CONFIRM_RATIO = 1.3
MEMORY_FAIL_RATIO = 3.0
MEMORY_WARN_RATIO = 1.5


@dataclass
class MemoryEvidence:
    """The memory probe run for the candidate, against the reference's peak on the same input."""

    probe: str
    call: CallResult | None
    reference_peak: int | None
    reference_is_view: bool
    limit_bytes: int


@dataclass
class Evidence:
    """Everything the rubric looks at for one submission."""

    challenge: Challenge
    tree: ast.Module
    cases: list[Case]
    tests: list[TestReport]
    calls: dict[str, CallResult]
    expected: dict[str, Any]
    failures: dict[str, FailureKind] = field(default_factory=dict)  # failed test -> why
    materialised: list[Finding] = field(default_factory=list)  # copies seen at run time, by size
    loop_counts: tuple[dict[int, int], dict[int, int]] | None = None
    loop_timed_out: bool = False  # a traced call ran out of time: whatever ran most is the loop to name
    tracer_removed: bool = False  # a traced call ended with the line tracer gone: its counts say nothing
    broadcast_peaks: tuple[int | None, int | None] = (None, None)  # candidate, reference
    memory: MemoryEvidence | None = None
    static: list[Finding] = field(default_factory=list)
    # Accepted code only: candidate and reference timed side by side (app.grading.cost reads it).
    # It does not depend on the submission's cooperation, unlike the line counts above.
    cost: CostEvidence | None = None


def rate(evidence: Evidence, *, works: bool) -> dict[str, CriterionResult]:
    """Ratings for all five criteria (n/a where the challenge does not exercise one).

    `works`: every test passed. Otherwise each criterion is provisional: its fail/warn evidence
    stays (it holds whatever the outputs), a "pass" becomes n/a (nothing broken earns credit).
    """
    evidence.static = find_static(evidence.tree)
    applies = set(evidence.challenge.config.rubric.applies)
    raters = {
        "vectorization": _vectorization,
        "numerical_stability": _numerical_stability,
        "axis_awareness": _axis_awareness,
        "broadcasting": _broadcasting,
        "memory_efficiency": _memory_efficiency,
    }
    rubric = {name: raters[name](evidence) if name in applies else CriterionResult() for name in CRITERIA}
    return rubric if works else {name: _provisional(result) for name, result in rubric.items()}


def _provisional(result: CriterionResult) -> CriterionResult:
    if result.rating in ("pass", "n/a"):
        return CriterionResult()
    return result.model_copy(update={"provisional": True})


def _ordinary_failures(evidence: Evidence, probes: list[str]) -> dict[str, FailureKind]:
    """Failed tests other than these probes, with why (the static banned-call tests aside: they ran nothing)."""
    static = {test.name for test in evidence.tests if test.category == "banned"}
    return {name: kind for name, kind in evidence.failures.items() if name not in probes and name not in static}


def _shared_with_ordinary(kind: FailureKind | None, ordinary: dict[str, FailureKind]) -> bool:
    """An exception or a wrong shape that ordinary tests also show: the same failure, correctness's to report."""
    return kind in ("error", "shape") and kind in ordinary.values()


def overall_score(rubric: dict[str, CriterionResult]) -> float | None:
    """Weighted mean of the rated criteria on a 0-100 scale (pass 1, warn 0.5, fail 0); provisional never counts."""
    rated = [(WEIGHTS[name], _POINTS[result.rating]) for name, result in rubric.items()
             if result.rating in _POINTS and not result.provisional]
    if not rated:
        return None
    return round(100 * sum(w * p for w, p in rated) / sum(w for w, _ in rated), 1)


def _result(rating: Rating, items: list[FeedbackItem]) -> CriterionResult:
    return CriterionResult(rating=rating, feedback=items)


def _static_items(evidence: Evidence, prefix: str) -> list[FeedbackItem]:
    return [feedback(f.id, line=f.line, detail=f.detail) for f in evidence.static if f.id.startswith(prefix)
            and f.id != "broadcasting.materialized" and f.id != "numerical_stability.explicit-inverse"]


def _vectorization(evidence: Evidence) -> CriterionResult:
    """Dynamic evidence decides; static findings add detail (alone they only damn hidden loops).

    A loop whose trip count does not grow with the data (gradient-descent steps, a fixed
    number of classes or batches) is fine, so `.append` in such a loop is no evidence at all.
    """
    static = _static_items(evidence, "vectorization.")
    hidden = [item for item in static if item.id in ("vectorization.np-vectorize", "vectorization.apply-along-axis",
                                                     "vectorization.frompyfunc")]
    loop = _growing_loop(evidence)
    if loop is not None:
        return _result("fail", [loop, *static])
    slow = cost_finding(evidence.cost, evidence.tree, memory_explains=_wasteful_memory(evidence))
    if evidence.tracer_removed:
        return _result("fail", [feedback("vectorization.tracer-removed"), *([slow[1]] if slow else []), *static])
    if slow is not None:
        return _result(slow[0], [slow[1], *static])
    if hidden:
        return _result("fail", hidden)
    if evidence.loop_counts is None:
        return _result("n/a", [])
    return _result("pass", [feedback("vectorization.vectorized")])


def _wasteful_memory(evidence: Evidence) -> bool:
    """Peak memory well above the reference's: slowness then belongs to memory, not to a loop."""
    candidate, reference = evidence.broadcast_peaks
    if candidate and reference and candidate > BROADCAST_CONFIRM_RATIO * reference:
        return True
    memory = evidence.memory
    if memory is None:
        return False
    if memory.call is None:
        return False
    if memory.call.status not in ("ok", "timeout"):
        return memory.call.error is not None and memory.call.error.is_a("MemoryError")
    if memory.call.status == "ok" and memory.reference_is_view and not any(memory.call.shares_memory):
        return True
    peak = memory.call.peak_bytes
    return bool(peak and memory.reference_peak and peak > MEMORY_WARN_RATIO * memory.reference_peak)


def _growing_loop(evidence: Evidence) -> FeedbackItem | None:
    """The outermost loop whose lines run more often as the input grows, from the traced counts."""
    if evidence.loop_counts is None:
        return None
    small_counts, large_counts = evidence.loop_counts
    growing = sorted(
        line for line, count in large_counts.items()
        if count >= GROWTH_MINIMUM and count > GROWTH_FACTOR * small_counts.get(line, 0)
    )
    if not growing and evidence.loop_timed_out and (large_counts or small_counts):
        busiest = large_counts or small_counts
        growing = [max(busiest, key=lambda line: busiest[line])]
    if not growing:
        return None
    small, large = evidence.challenge.config.timing.loop_sizes[:2]
    spans = sorted(loop_spans(evidence.tree), key=lambda s: (s.first, -s.last))
    for span in spans:
        if span.line in growing or any(span.first <= line <= span.last for line in growing):
            return feedback("vectorization.python-loop", line=span.line, kind=span.kind,
                            small_count=small_counts.get(span.line, 0), large_count=large_counts.get(span.line, 0),
                            small=small, large=large)
    line = growing[0]
    return feedback("vectorization.python-loop", line=line, kind="code", small_count=small_counts.get(line, 0),
                    large_count=large_counts[line], small=small, large=large)


def _tests_by_name(evidence: Evidence) -> dict[str, TestReport]:
    return {test.name: test for test in evidence.tests}


def _numerical_stability(evidence: Evidence) -> CriterionResult:
    config = evidence.challenge.config
    probes = list(config.rubric.probes.get("numerical_stability", ()))
    fix = config.rubric.fixes.get("numerical_stability", "Rewrite the formula so no intermediate overflows or "
                                  "cancels, e.g. shift by the maximum or centre the data first.")
    probes += [c.name for c in evidence.cases if c.category == "stability" and c.name not in probes]
    tests = _tests_by_name(evidence)
    # A failing probe is stability evidence when its output is non-finite (NaN/inf: the symptom
    # itself), or when it fails in a way no ordinary test does. An exception or wrong shape the
    # ordinary tests share, or wrong numbers while ordinary tests are wrong too, belong to
    # correctness, reported once there with the exact error.
    ordinary = _ordinary_failures(evidence, probes)
    items: list[FeedbackItem] = []
    rating: Rating = "pass"
    checked = [probe for probe in probes if probe in tests]
    for probe in checked:
        test = tests[probe]
        if not test.passed:
            kind = evidence.failures.get(probe)
            nonfinite = kind == "value" and _is_nonfinite(test.message)
            if kind in ("value", "error", "shape") and (nonfinite or not (
                    _shared_with_ordinary(kind, ordinary) or (kind == "value" and "value" in ordinary.values()))):
                items.append(feedback("numerical_stability.probe-failed", probe=probe, fix=fix,
                                      problem=_problem(test.message, evidence.calls.get(probe))))
                rating = "fail"
            else:
                rating = "n/a" if rating == "pass" else rating
            continue
        call = evidence.calls.get(probe)
        warnings = [w for w in (call.warnings if call else ()) if ("floating-point" in w or "RuntimeWarning" in w)
                    and not w.startswith("underflow")]  # underflow to 0 is usually harmless: exp(-1000)
        if warnings:
            items.append(feedback("numerical_stability.fp-warning", probe=probe, detail=warnings[0], fix=fix))
            rating = "warn" if rating == "pass" else rating
    for finding in evidence.static:
        if finding.id == "numerical_stability.explicit-inverse":
            items.append(feedback(finding.id, line=finding.line, detail=finding.detail))
            rating = "warn" if rating == "pass" else rating
    if rating == "n/a" and not items:
        return _result("n/a", [])
    if rating in ("pass", "n/a"):
        if not checked:
            return _result("n/a", [])
        if rating == "n/a":  # only an explicit inverse was found: it still deserves its warning
            return _result("warn", items)
        items.append(feedback("numerical_stability.stable", probes=", ".join(checked)))
    return _result(rating, items)


def _problem(message: str, call: CallResult | None) -> str:
    """Name what went wrong from the output, and how when NumPy saw it happen.

    The output decides (a solution can silence NumPy's warnings); the floating-point events,
    when there are any, tell overflow (exp(1000) = inf) from underflow (exp(-1000) = 0, then 0/0).
    """
    if message.startswith("raised"):
        return f"fails: it {message}"
    events = [w.split(" ", 1)[0] for w in (call.warnings if call else ()) if "floating-point" in w]
    if _is_nonfinite(message):
        returned = "returns NaN" if "NaN" in message else "returns -inf" if "-inf" in message else "returns inf"
        if events and events[0] == "underflow":
            return (f"{returned}: an intermediate underflowed to 0 (such as exp of a large negative number, or a "
                    "product of many small ones), and a later division or log of that 0 gave the non-finite value")
        if "overflow" in events:
            return (f"{returned}: an intermediate overflowed to inf (such as exp of a large positive number, or a "
                    "product of many large ones)")
        if "divide" in events:
            return f"{returned}: it divided by zero"
        return f"{returned} where the reference's answer is finite"
    if message.startswith(("expected shape", "expected a ", "expected an ")):
        return f"returns the wrong kind of result ({message})"
    return f"loses accuracy ({message})"


def _is_nonfinite(message: str) -> bool:
    padded = f" {message} "
    return "NaN" in message or " inf " in padded or "-inf" in message or " inf)" in padded or " inf," in padded


def _axis_awareness(evidence: Evidence) -> CriterionResult:
    probes = list(evidence.challenge.config.rubric.probes.get("axis_awareness", ()))
    probes += [case.name for case in evidence.cases if case.name == AXIS_PROBE_NAME]  # drawn for this grade
    if not probes:
        return _result("n/a", [])
    tests = _tests_by_name(evidence)
    cases = {case.name: case for case in evidence.cases}
    items: list[FeedbackItem] = []
    rating: Rating = "pass"
    checked = [probe for probe in probes if probe in tests and probe in cases]
    if not checked:  # the tests did not run (a time limit, say): nothing to say about axes
        return _result("n/a", [])
    ordinary = _ordinary_failures(evidence, probes)
    for probe in checked:
        test, case = tests[probe], cases[probe]
        if test.passed:
            continue
        rating = "n/a" if rating == "pass" else rating  # never "pass" while an axis test fails
        kind = evidence.failures.get(probe)
        if kind not in ("value", "shape", "error"):
            continue  # a banned call, a timeout, an unsendable value: nothing about axes
        # Wrong numbers on these non-square probes are axis evidence (what they exist to expose),
        # named precisely when the reference's answer on transposed inputs or along another axis
        # matches; an exception or a wrong shape the ordinary tests share is correctness's.
        diagnosis = _axis_diagnosis(evidence, case) if kind in ("value", "shape") else None
        if diagnosis is None and _shared_with_ordinary(kind, ordinary):
            continue  # the ordinary tests' exception or wrong shape: correctness reports it once, with its error
        if diagnosis is None and kind == "shape" and "axis" in test.message:
            diagnosis = test.message
        shapes = ", ".join(str(a.shape) for a in case.args if isinstance(a, np.ndarray)) or "scalars"
        if diagnosis is None:
            diagnosis = (f"{test.message}. These inputs are non-square so that mixing up axes shows: check which "
                         "axis each reduction, product and index runs over.")
        rating = "fail"
        items.append(feedback("axis_awareness.probe-failed", probe=probe, shapes=shapes, diagnosis=diagnosis))
    if rating == "n/a":
        return _result("n/a", [])
    if rating == "pass":
        items.append(feedback("axis_awareness.correct", probes=", ".join(checked)))
    return _result(rating, items)


def _axis_diagnosis(evidence: Evidence, case: Case) -> str | None:
    """Say which axis mix-up explains the wrong output: a transpose, another axis, transposed inputs."""
    call = evidence.calls.get(case.name)
    if call is None or call.status != "ok":
        return None
    actual = call.value
    expected = evidence.expected.get(case.name)
    reference = evidence.challenge.reference()
    if isinstance(expected, np.ndarray) and expected.ndim == 2 and _matches(expected.T, actual):
        return "it is the transpose of the expected result: swap the roles of the two axes."
    if "axis" in case.kwargs:
        for axis in (-1, 0, 1, 2, None):
            if axis == case.kwargs["axis"]:
                continue
            other = _try(reference, case.args, {**case.kwargs, "axis": axis})
            if other is not None and _matches(other, actual):
                return f"it equals the right computation along axis={axis} instead of axis={case.kwargs['axis']}."
    for index, arg in enumerate(case.args):
        if isinstance(arg, np.ndarray) and arg.ndim == 2 and arg.shape[0] != arg.shape[1]:
            args = list(case.args)
            args[index] = arg.T
            other = _try(reference, tuple(args), case.kwargs)
            if other is not None and (_matches(other, actual) or (
                    isinstance(other, np.ndarray) and other.ndim == 2 and _matches(other.T, actual))):
                return (f"it matches the answer for argument {index + 1} transposed: rows and columns were swapped "
                        "(the reduction or product ran over the wrong axis).")
    return None


def _try(function: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    try:
        with np.errstate(all="ignore"):
            return function(*copy.deepcopy(args), **copy.deepcopy(kwargs))
    except Exception:
        return None


def _matches(expected: Any, actual: Any) -> bool:
    try:
        return compare_outputs(expected, actual, rtol=1e-6, atol=1e-8) is None
    except TypeError:
        return False


def _broadcasting(evidence: Evidence) -> CriterionResult:
    findings = _unique_lines([f for f in evidence.static if f.id == "broadcasting.materialized"]
                             + evidence.materialised)
    if not findings:
        return _result("pass", [feedback("broadcasting.clean")])
    candidate, reference = evidence.broadcast_peaks
    if candidate and reference and candidate > BROADCAST_CONFIRM_RATIO * reference:
        evidence_text = f"Peak memory confirms it: {_bytes(candidate)} against the reference's {_bytes(reference)}."
    elif candidate and reference:
        evidence_text = (f"(Peak memory here was {_bytes(candidate)} against the reference's {_bytes(reference)}; "
                         "the copy grows with the data all the same.)")
    else:
        evidence_text = ""
    items = [feedback(f.id, line=f.line, detail=f.detail, evidence=evidence_text) for f in findings]
    return _result("fail", items)


def materialised_copies(call: CallResult) -> list[Finding]:
    """Arrays the code held that only repeat a smaller slice, as found in the job (any spelling)."""
    if call.status != "ok":
        return []
    return [Finding("broadcasting.materialized", line,
                    f"The array built here ({_bytes(full)}, every slice a repeat of {_bytes(core)})")
            for line, full, core in call.copies]


def _unique_lines(findings: list[Finding]) -> list[Finding]:
    """One finding per line: the static and the run-time check often see the same copy."""
    by_line: dict[int, Finding] = {}
    for finding in findings:
        by_line.setdefault(finding.line, finding)
    return [by_line[line] for line in sorted(by_line)]


def _memory_efficiency(evidence: Evidence) -> CriterionResult:
    memory = evidence.memory
    if memory is None:
        return _result("n/a", [])
    fix = evidence.challenge.config.rubric.fixes.get("memory_efficiency", "Avoid intermediates larger than the "
                                                     "output; broadcast or use matrix products instead.")
    if memory.reference_is_view:
        copied = [case.name for case in evidence.cases if _returns_copy(evidence.calls.get(case.name))]
        if copied:
            return _result("fail", [feedback("memory_efficiency.not-a-view", probe=copied[0], fix=fix)])
    call = memory.call
    limit = _bytes(memory.limit_bytes)
    if call is None:  # the job failed for a reason that says nothing about memory (memory kills come as MemoryError)
        return _result("n/a", [])
    if call.status == "error" and call.error is not None and call.error.is_a("MemoryError"):
        where = f" at line {call.error.line}" if call.error.line else ""
        return _result("fail", [feedback("memory_efficiency.limit-hit", line=call.error.line, probe=memory.probe,
                                         limit=limit, where=where, fix=fix)])
    if call.status not in ("ok", "timeout"):
        return _result("n/a", [])
    if call.status == "ok" and memory.reference_is_view and not any(call.shares_memory):
        return _result("fail", [feedback("memory_efficiency.not-a-view", probe=memory.probe, fix=fix)])
    peak, reference = call.peak_bytes, memory.reference_peak
    if peak is None or not reference:
        return _result("n/a", [])
    ratio = peak / reference
    if call.status == "timeout" and ratio <= MEMORY_WARN_RATIO:  # stopped early: a low peak proves nothing
        return _result("n/a", [])
    if ratio > MEMORY_WARN_RATIO:
        return _result("fail" if ratio > MEMORY_FAIL_RATIO else "warn", [
            feedback("memory_efficiency.peak-high", probe=memory.probe, peak=_bytes(peak), ratio=ratio,
                     reference=_bytes(reference), fix=fix)])
    return _result("pass", [feedback("memory_efficiency.lean", probe=memory.probe, peak=_bytes(peak),
                                     reference=_bytes(reference))])


def _returns_copy(call: CallResult | None) -> bool:
    return bool(call is not None and call.status == "ok" and call.shares_memory and not any(call.shares_memory)
                and call.shape and all(call.shape))


def _bytes(count: int | None) -> str:
    if count is None:
        return "unknown"
    for unit in ("B", "KiB", "MiB", "GiB"):
        if count < 1024 or unit == "GiB":
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count = count / 1024  # type: ignore[assignment]
    return f"{count} B"
