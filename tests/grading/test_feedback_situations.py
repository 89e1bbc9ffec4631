"""Each feedback text against the situation that triggers it, read from the golden reports.

The golden test proves each `.json` is what the grader says today; these tests say what those
reports must mean, so a regenerated golden file cannot quietly bless a misleading text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from app.grading.feedback import load_feedback
from app.grading.rubric import _problem
from app.labels import load_labels
from sandbox import CallResult

CASES = Path(__file__).parent / "cases"


def _report(relative: str) -> dict[str, Any]:
    return json.loads((CASES / f"{relative}.json").read_text())  # type: ignore[no-any-return]


def _feedback(report: dict[str, Any], criterion: str) -> list[dict[str, Any]]:
    return report["rubric"][criterion]["feedback"]  # type: ignore[no-any-return]


def _all_reports() -> dict[str, dict[str, Any]]:
    return {str(p.relative_to(CASES).with_suffix("")): json.loads(p.read_text()) for p in CASES.glob("*/*.json")}


def test_every_feedback_text_is_triggered_by_a_golden_case_named_after_its_situation() -> None:
    used = {item["id"] for report in _all_reports().values() for c in report["rubric"].values()
            for item in c["feedback"]}
    assert set(load_feedback()) - used == set()


def test_large_negative_logits_are_called_underflow_not_overflow() -> None:
    items = [i for i in _feedback(_report("softmax/wrong_answer__unstable_softmax"), "numerical_stability")
             if "'logits near -1000'" in i["message"]]
    assert len(items) == 1
    problem = items[0]["message"].split(". ")[0]
    assert "underflowed to 0" in problem
    assert "overflow" not in problem


def test_large_positive_logits_are_called_overflow() -> None:
    items = [i for i in _feedback(_report("softmax/wrong_answer__unstable_softmax"), "numerical_stability")
             if "'logits near 1000'" in i["message"]]
    assert "overflowed to inf" in items[0]["message"]


def test_a_raveled_result_is_a_shape_error_not_lost_accuracy() -> None:
    report = _report("softmax/wrong_answer__ravel_is_a_shape_error_not_lost_accuracy")
    assert "expected shape" in report["summary"]
    assert report["rubric"]["numerical_stability"]["rating"] == "n/a"
    assert not any("loses accuracy" in i["message"] for c in report["rubric"].values() for i in c["feedback"])


def test_a_divide_without_keepdims_is_a_broadcasting_error_reported_once_under_correctness() -> None:
    report = _report("softmax/runtime_error__keepdims_less_divide_is_a_shape_error")
    assert "could not be broadcast" in report["summary"]
    assert report["rubric"]["numerical_stability"]["rating"] == "n/a"
    assert report["rubric"]["axis_awareness"]["rating"] == "n/a"  # never "pass" while axis tests fail
    assert not any("subtract the maximum" in i["message"].lower() for c in report["rubric"].values()
                   for i in c["feedback"])


@pytest.mark.parametrize("case", ["softmax/runtime_error__starter_is_not_rated",
                                  "softmax/time_limit_exceeded__time_limit", "softmax/compile_error__syntax_error"])
def test_code_that_does_not_work_has_no_score_and_no_pass(case: str) -> None:
    report = _report(case)
    assert report["score"] is None
    assert report["score_note"] == load_labels().explanations["not_rated"]
    assert all(c["rating"] != "pass" for c in report["rubric"].values())


def test_an_infinite_loop_keeps_its_loop_evidence_as_provisional() -> None:
    vectorization = _report("softmax/time_limit_exceeded__time_limit")["rubric"]["vectorization"]
    assert vectorization["rating"] == "fail"
    assert vectorization["provisional"] is True


def test_a_compile_error_names_its_line_and_has_no_run_figures() -> None:
    report = _report("softmax/compile_error__syntax_error")
    assert report["verdict"] == "compile_error"
    assert report["error"]["line"] == 5
    assert "line 5" in report["summary"]
    assert report["timing"] is None
    assert report["tests"] == []


def test_axis_awareness_is_not_pass_when_an_axis_test_fails() -> None:
    for name, report in _all_reports().items():
        failed = {t["name"] for t in report["tests"] if not t["passed"]}
        if failed and report["rubric"]["axis_awareness"]["rating"] == "pass":
            pytest.fail(f"{name}: axis awareness passes while {sorted(failed)} fail")


def test_provisional_evidence_is_only_shown_while_tests_fail() -> None:
    for name, report in _all_reports().items():
        provisional = [c for c in report["rubric"].values() if c["provisional"]]
        assert not provisional or report["verdict"] != "accepted", name
        assert (report["score"] is None) == (report["verdict"] != "accepted"), name


def test_materialised_broadcasts_are_named_at_their_line_however_spelt() -> None:
    for case, line in [("tile_imported_by_name_is_materialised", 7), ("repeat_reshape_is_materialised", 7),
                       ("array_of_broadcast_to_is_materialised", 6),
                       ("copy_by_a_computed_name_is_found_by_its_content", 8)]:
        items = _feedback(_report(f"normalize-channels/accepted__{case}"), "broadcasting")
        assert [i["line"] for i in items] == [line], case


@pytest.mark.parametrize("case", ["banned_call_through_numpy_internals", "banned_call_found_by_gc"])
def test_banned_original_is_unreachable_through_numpy_internals(case: str) -> None:
    report = _report(f"covariance-matrix/wrong_answer__{case}")
    assert "numpy.cov is not allowed" in report["summary"]


@pytest.mark.parametrize(("message", "events", "says", "never"), [
    ("3 values are NaN where finite values were expected", ["underflow", "invalid value"], "underflowed to 0",
     "overflow"),
    ("3 values are NaN where finite values were expected", ["overflow", "invalid value"], "overflowed to inf",
     "underflow"),
    ("expected a finite value 998.4, got inf", ["overflow"], "returns inf", "wrong kind"),
    ("3 values are NaN where finite values were expected", [], "reference's answer is finite", "flow"),
    ("expected shape (2, 3), got (6,)", [], "wrong kind of result", "loses accuracy"),
    ("raised ValueError: operands could not be broadcast together", [], "fails: it raised ValueError", "accuracy"),
    ("4 of 16 values differ beyond rtol=1e-06, atol=1e-08", [], "loses accuracy", "NaN"),
], ids=["underflow", "overflow", "inf", "silenced", "shape", "exception", "accuracy"])
def test_stability_problem_text_matches_what_happened(message: str, events: list[str], says: str,
                                                      never: str) -> None:
    call = CallResult(status="ok", warnings=tuple(f"{e} in a floating-point operation" for e in events))
    text = _problem(message, call)
    assert says in text
    assert never not in text
